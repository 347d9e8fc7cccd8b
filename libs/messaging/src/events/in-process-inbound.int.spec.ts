import { randomUUID } from 'node:crypto';
import { ProjectionRunner, SqlEventStore, StoredEvent } from '@mpp/eventsourcing';
import { PgliteSqlClient } from '@mpp/eventsourcing/pglite';
import { Inbox, typesReadFromInbox } from './inbox';
import { inProcessInbound } from './in-process-inbound';

const event = (n: number) => ({ eventId: randomUUID(), type: 'identity.Step', data: { n }, metadata: { correlationId: `c${n}`, occurredAt: new Date().toISOString() } });

/** Standalone's transport must behave like Kafka: per-stream order, a durable checkpoint per consumer, no duplicates. */
describe('in-process transport (PGlite)', () => {
  const publisherSql = new PgliteSqlClient();
  const consumerSql = new PgliteSqlClient();
  const otherSql = new PgliteSqlClient();
  afterAll(async () => {
    await Promise.all([publisherSql.close(), consumerSql.close(), otherSql.close()]);
  });

  it('delivers every event in order to each consumer, resumes from its own checkpoint, and never twice', async () => {
    const store = await new SqlEventStore(publisherSql).init();
    const inbox = await new Inbox(consumerSql).init();
    const otherInbox = await new Inbox(otherSql).init();
    const consumer = () => new ProjectionRunner(consumerSql, store, inProcessInbound('identity', inbox)).init();

    for (let n = 1; n <= 3; n++) await store.append('Account-a', [event(n)], { expectedVersion: n - 1 });
    await store.append('Account-b', [event(10)], { expectedVersion: 'no_stream' });
    await (await consumer()).catchUp();

    // A restarted consumer starts from its checkpoint: only the new event arrives, once.
    await store.append('Account-a', [event(4)], { expectedVersion: 3 });
    const restarted = await consumer();
    expect(await restarted.catchUp()).toBe(1);
    const received = (await inbox.readStream('Account-a')).map((e: StoredEvent) => [e.data.n, e.metadata.sequence, e.metadata.source]);
    expect(received).toEqual([[1, 1, '/mpp/identity'], [2, 2, '/mpp/identity'], [3, 3, '/mpp/identity'], [4, 4, '/mpp/identity']]);

    // At least once upstream, exactly once in the inbox: the same envelope again is ignored.
    const again = (await store.readStream('Account-b'))[0];
    await (await new ProjectionRunner(consumerSql, store, { ...inProcessInbound('identity', inbox), name: 'replayer' }).init()).catchUp();
    expect((await inbox.readStream('Account-b')).map((e) => e.eventId)).toEqual([again.eventId]);

    // Another consumer group has a checkpoint of its own and gets everything.
    await (await new ProjectionRunner(otherSql, store, inProcessInbound('identity', otherInbox)).init()).catchUp();
    expect(await otherInbox.countAfter(null)).toBe(5);
  });
});

describe('an inbox that keeps only what its readers read', () => {
  const reader = (eventTypes?: string[], source = 'inbox') => ({ name: 'r', source, tables: [], schema: () => '', apply: async () => undefined, ...(eventTypes ? { eventTypes } : {}) });

  it('keeps the types its inbox readers name, and every type when one of them names none', () => {
    expect(typesReadFromInbox([reader(['identity.Step']), reader(['identity.Step', 'identity.Other']), reader(undefined, 'store')])?.sort()).toEqual(['identity.Other', 'identity.Step']);
    expect(typesReadFromInbox([reader(['identity.Step']), reader()])).toBeUndefined();
    expect(typesReadFromInbox([reader(undefined, 'store')])).toEqual([]);
  });

  it('passes over the other events: not stored, the consumer still moves past them, a redelivery still stores nothing twice', async () => {
    const publisherSql = new PgliteSqlClient();
    const consumerSql = new PgliteSqlClient();
    try {
      const store = await new SqlEventStore(publisherSql).init();
      const inbox = await new Inbox(consumerSql).init();
      inbox.keepOnly(typesReadFromInbox([reader(['identity.Step'])]));
      const other = (n: number) => ({ ...event(n), type: 'identity.Other' });
      await store.append('Account-a', [event(1), other(2), event(3)], { expectedVersion: 'no_stream' });
      await store.append('Account-b', [other(4)], { expectedVersion: 'no_stream' });
      const consumer = await new ProjectionRunner(consumerSql, store, inProcessInbound('identity', inbox)).init();
      expect(await consumer.catchUp()).toBe(4);
      expect((await inbox.readAll({ after: null, limit: 100 })).map((e) => [e.type, e.data.n])).toEqual([['identity.Step', 1], ['identity.Step', 3]]);

      await (await new ProjectionRunner(consumerSql, store, { ...inProcessInbound('identity', inbox), name: 'replayer' }).init()).catchUp();
      expect(await inbox.countAfter(null)).toBe(2);
    } finally {
      await Promise.all([publisherSql.close(), consumerSql.close()]);
    }
  });
});
