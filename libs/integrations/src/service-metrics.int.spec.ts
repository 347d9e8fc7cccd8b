import { randomUUID } from 'node:crypto';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { CREATE_WEBHOOK, Reply, RequestActor } from '@mpp/contracts';
import { PostgresSqlClient, SqlEventStore } from '@mpp/eventsourcing';
import { createLogger } from '@mpp/platform';
import { RunningService, startHealthServer, startService } from '@mpp/runtime';
import { createTestDatabase, eventually, received, seedWorkspaces } from '@mpp/testing';
import { integrationsService } from './integrations.service';

// A service's /metrics as Prometheus scrapes it (the health port's, in the cluster): a projection's lag rises while
// its runner is paused and falls once it runs again; requests are timed by type and outcome; appends are counted.

const merchant: RequestActor = { accountId: 'merchant-owner', platformRoles: [] };

/** The value of the series of `name` with `labels` in a scrape, or undefined when it is not there. */
function sample(scrape: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = scrape.split('\n').find((l) => l.startsWith(`${name}{`) && wanted.every((w) => l.includes(w)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('a service reports its lags, dead letters, requests and appends on /metrics (PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sql: PostgresSqlClient;
  let service: RunningService;
  let health: Server;
  const env = { WEBHOOK_SECRETS_KEY: process.env.WEBHOOK_SECRETS_KEY, WEBHOOK_ALLOW_PRIVATE_NETWORKS: process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS };
  const scrape = async () => (await fetch(`http://127.0.0.1:${(health.address() as AddressInfo).port}/metrics`)).text();
  const ask = async (type: string, payload: object, actor: RequestActor) => (await service.router.handle({ type, payload, meta: { correlationId: randomUUID(), actor } })) as Reply;

  beforeAll(async () => {
    process.env.WEBHOOK_SECRETS_KEY = 'metrics-int-secrets-key-of-32-characters';
    process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS = 'true';
    db = await createTestDatabase('metrics');
    sql = new PostgresSqlClient({ connectionString: db.url });
    const store = await new SqlEventStore(sql).init();
    service = await startService(integrationsService, { sql, store, logger: createLogger('metrics-int', 'silent') });
    await seedWorkspaces(service, sql, [{ workspaceId: 'm-1', type: 'MERCHANT', owner: merchant.accountId }]);
    health = await startHealthServer(0, () => true);
  });
  afterAll(async () => {
    await new Promise((resolve) => health?.close(resolve));
    await service?.stop();
    await sql?.close();
    await db?.drop();
    for (const [key, value] of Object.entries(env)) if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  });

  it("shows a projection's lag rise while its runner is paused and fall after", async () => {
    const labels = { service: 'integrations', projection: 'workspace-events' };
    const runner = service.runners.find((r) => r.projection.name === 'workspace-events');
    if (!runner) throw new Error('no workspace-events runner');
    await eventually(async () => (sample(await scrape(), 'mpp_projection_lag_events', labels) === 0 ? true : undefined), 20_000, 'caught up at first');
    await runner.stop();
    try {
      const order = (n: number) => received('ordering', 'ordering.OrderPlaced', `Order-o-${n}`, { orderId: `o-${n}`, serviceId: 's-1', miniProgramId: 'mp-1', merchantWorkspaceId: 'm-1', isvWorkspaceId: 'i-1', at: new Date().toISOString() });
      await service.inbox.receive([order(1), order(2), order(3)]);
      await new Promise((r) => setTimeout(r, 1100));
      const paused = await scrape();
      expect(sample(paused, 'mpp_projection_lag_events', labels)).toBe(3);
      expect(sample(paused, 'mpp_projection_lag_seconds', labels)).toBeGreaterThanOrEqual(1);
    } finally {
      runner.start();
    }
    const after = await eventually(async () => {
      const text = await scrape();
      return sample(text, 'mpp_projection_lag_events', labels) === 0 ? text : undefined;
    }, 20_000, 'the lag back to 0');
    expect(sample(after, 'mpp_projection_lag_seconds', labels)).toBe(0);
    expect(sample(after, 'mpp_dead_letters', { service: 'integrations' })).toBe(0);
  });

  it('times requests by type and outcome, and counts appends by event type', async () => {
    const type = CREATE_WEBHOOK;
    const count = async (outcome: string) => sample(await scrape(), 'mpp_request_duration_seconds_count', { service: 'integrations', type, outcome }) ?? 0;
    const appended = async () => sample(await scrape(), 'mpp_events_appended_total', { service: 'integrations', type: 'integrations.WebhookCreated' }) ?? 0;
    const [okBefore, rejectedBefore, appendedBefore] = [await count('ok'), await count('rejected'), await appended()];
    expect((await ask(type, { workspaceId: 'm-1', url: 'http://127.0.0.1:9/hooks', eventTypes: ['order.placed'] }, merchant)).ok).toBe(true);
    expect((await ask(type, { workspaceId: 'm-1', url: 'ftp://x', eventTypes: ['order.placed'] }, merchant)).ok).toBe(false);
    expect([await count('ok'), await count('rejected'), await appended()]).toEqual([okBefore + 1, rejectedBefore + 1, appendedBefore + 1]);
    expect(await scrape()).toContain('process_resident_memory_bytes');

    // The endpoint refuses connections: the delivery of the next order fails, and is counted so.
    const failed = async () => sample(await scrape(), 'mpp_webhook_deliveries_total', { outcome: 'failed' }) ?? 0;
    const failedBefore = await failed();
    await service.inbox.receive([received('ordering', 'ordering.OrderPlaced', 'Order-o-9', { orderId: 'o-9', serviceId: 's-1', miniProgramId: 'mp-1', merchantWorkspaceId: 'm-1', isvWorkspaceId: 'i-1', at: new Date().toISOString() })]);
    await eventually(async () => ((await failed()) > failedBefore ? true : undefined), 20_000, 'a failed delivery counted');
    expect(await scrape()).toMatch(/mpp_webhook_delivery_duration_seconds_count \d+/);
  });
});
