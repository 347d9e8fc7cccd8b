import { ServiceDefinition } from '@mpp/application';
import { liveTables, SqlClient, StoredEvent } from '@mpp/eventsourcing';
import { catalogService } from '@mpp/catalog';
import { identityService } from '@mpp/identity';
import { insightsService } from '@mpp/insights';
import { integrationsService } from '@mpp/integrations';
import { miniprogramsService } from '@mpp/miniprograms';
import { orderingService } from '@mpp/ordering';

const services: ServiceDefinition[] = [identityService, catalogService, orderingService, miniprogramsService, insightsService, integrationsService];

/** Records the statements an apply makes; answers each with no rows. */
function recordingSql(statements: string[]): SqlClient {
  const sql: SqlClient = {
    dialect: 'postgres',
    inTransaction: true,
    query: async <Row>(text: string) => {
      statements.push(text);
      return { rows: [] as Row[], rowCount: 0 };
    },
    exec: async (text: string) => void statements.push(text),
    transaction: (work) => work(sql),
    close: async () => undefined,
  };
  return sql;
}

/** Data that has every field, each set: an apply that reads any field of a type it acts on goes on to act. */
const anyFields = new Proxy({}, { get: (_, key) => (typeof key === 'symbol' ? undefined : 'x'), has: () => true });

const eventOf = (type: string): StoredEvent => ({
  eventId: '00000000-0000-4000-8000-000000000000',
  type,
  data: anyFields,
  metadata: { correlationId: 'c', occurredAt: '2026-01-01T00:00:00.000Z' },
  streamId: 'x-1',
  streamPosition: 1,
  logPosition: '1',
  recordedAt: '2026-01-01T00:00:00.000Z',
});

/**
 * A projection that names its eventTypes is never shown the batches holding none of them. So every public event type
 * its inbox receives and it does not name must be one its apply ignores: one it acted on would be lost.
 */
describe("inbox projections' eventTypes", () => {
  const cases = services.flatMap((service) => {
    const received = services.filter((s) => service.consumes.includes(s.name)).flatMap((s) => s.publishes ?? []);
    return service.projections
      .filter((p) => p.source === 'inbox' && p.eventTypes)
      .map((projection) => ({ service: service.name, projection, unnamed: received.filter((type) => !projection.eventTypes!.includes(type)) }));
  });

  it('are declared by the replicas of other services', () => {
    expect(cases.map((c) => `${c.service}/${c.projection.name}`).sort()).toEqual(
      expect.arrayContaining(['catalog/known-templates', 'miniprograms/granted-authorizations', 'ordering/known-services', 'insights/known-mini-programs']),
    );
  });

  it.each(cases.map((c) => [`${c.service}/${c.projection.name}`, c] as const))('%s: its apply ignores every received type it does not name', async (_, { projection, unnamed }) => {
    expect(unnamed.length).toBeGreaterThan(0);
    const acted: string[] = [];
    for (const type of unnamed) {
      const statements: string[] = [];
      await projection.apply(recordingSql(statements), eventOf(type), liveTables);
      if (statements.length > 0) acted.push(type);
    }
    expect(acted).toEqual([]);
  });
});
