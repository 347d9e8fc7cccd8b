import { randomUUID } from 'node:crypto';
import { createTestDatabase } from '@mpp/testing';
import { PostgresSqlClient } from '../sql/postgres-sql-client';
import { SqlEventStore } from '../event-store/sql-event-store';
import { applyInOrder, EventLog, Projection } from './projection';
import { ProjectionRunner } from './projection-runner';
import { projectionStatus, rebuildByTruncate, rebuildIntoShadow } from './projection-rebuild';
import { listDeadLetters } from './dead-letters';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/** Counts events per stream; an event of type "Poison" makes it throw. */
const perStream: Projection = {
  name: 'per-stream',
  source: 'store',
  tables: ['stream_counts'],
  schema: (t) => `CREATE TABLE ${t('stream_counts')} (stream_id text PRIMARY KEY, events int NOT NULL, last_type text NOT NULL)`,
  async apply(tx, event, t) {
    if (event.type === 'Poison') throw new Error('cannot read this event');
    await tx.query(
      `INSERT INTO ${t('stream_counts')} (stream_id, events, last_type) VALUES ($1, 1, $2)
       ON CONFLICT (stream_id) DO UPDATE SET events = ${t('stream_counts')}.events + 1, last_type = EXCLUDED.last_type`,
      [event.streamId, event.type],
    );
  },
};

const event = (type: string) => ({ eventId: randomUUID(), type, data: {}, metadata: { correlationId: 'c', occurredAt: new Date().toISOString() } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('projections on PostgreSQL', () => {
  let sql: PostgresSqlClient;
  let store: SqlEventStore;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const db = await createTestDatabase('projections');
    drop = db.drop;
    sql = new PostgresSqlClient({ connectionString: db.url, max: 8 });
    store = await new SqlEventStore(sql).init();
  });
  afterAll(async () => {
    await sql.close();
    await drop();
  });

  const counts = async (table = 'stream_counts') =>
    (await sql.query<{ stream_id: string; events: number }>(`SELECT stream_id, events, last_type FROM ${table} ORDER BY stream_id`)).rows;

  async function writeStreams(streams: number, perStreamEvents: number) {
    for (let s = 0; s < streams; s++) {
      await store.append(`s-${s}`, Array.from({ length: perStreamEvents }, () => event('Counted')), { expectedVersion: 'any' });
    }
  }

  it('follows the log, reports lag, parks a poison event and goes on', async () => {
    await writeStreams(5, 4);
    await store.append('s-poison', [event('Poison')], { expectedVersion: 'any' });
    await store.append('s-after', [event('Counted')], { expectedVersion: 'any' });
    const runner = await new ProjectionRunner(sql, store, perStream, { batchSize: 7, maxAttempts: 2 }).init();
    expect((await projectionStatus(sql, store, perStream)).lag).toBe(22);
    runner.start();
    try {
      await waitFor(async () => (await projectionStatus(sql, store, perStream)).lag === 0);
      const rows = await counts();
      expect(rows).toHaveLength(6);
      expect(rows.find((r) => r.stream_id === 's-after')?.events).toBe(1);
      const parked = await listDeadLetters(sql);
      expect(parked).toMatchObject([{ consumer: 'projection:per-stream', eventType: 'Poison', attempts: 2 }]);
      await store.append('s-0', [event('Counted')], { expectedVersion: 'any' });
      await waitFor(async () => (await counts()).find((r) => r.stream_id === 's-0')?.events === 5);
    } finally {
      await runner.stop();
    }
  });

  it('brings tables made by an earlier schema up to date through its upgrade, once, and leaves new ones as their schema made them', async () => {
    const indexesOf = async (table: string) =>
      (await sql.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE tablename = $1 ORDER BY indexname`, [table])).rows.map((r) => r.indexname);
    // What an earlier release made: the table without the index added since.
    const earlier: Projection = { ...perStream, name: 'upgraded', tables: ['upgraded_counts'], schema: (t) => `CREATE TABLE ${t('upgraded_counts')} (stream_id text PRIMARY KEY, events int NOT NULL, last_type text NOT NULL)` };
    await new ProjectionRunner(sql, store, earlier).init();
    expect(await indexesOf('upgraded_counts')).toEqual(['upgraded_counts_pkey']);
    const current: Projection = {
      ...earlier,
      schema: (t) => `${earlier.schema(t)}; CREATE INDEX ON ${t('upgraded_counts')} (last_type)`,
      upgrade: (t) => `CREATE INDEX IF NOT EXISTS ${t('upgraded_counts')}_last_type_idx ON ${t('upgraded_counts')} (last_type)`,
    };
    await new ProjectionRunner(sql, store, current).init();
    await new ProjectionRunner(sql, store, current).init();
    expect(await indexesOf('upgraded_counts')).toEqual(['upgraded_counts_last_type_idx', 'upgraded_counts_pkey']);
    // A database that never had the tables: its schema makes the index, under the very name the upgrade names.
    await sql.exec(`DROP TABLE upgraded_counts; DELETE FROM applied_ddl`);
    await new ProjectionRunner(sql, store, current).init();
    expect(await indexesOf('upgraded_counts')).toEqual(['upgraded_counts_last_type_idx', 'upgraded_counts_pkey']);
  });

  it('retries a transient failure without parking the event', async () => {
    let failures = 0;
    const flaky: Projection = {
      ...perStream,
      name: 'flaky',
      tables: ['flaky_counts'],
      schema: (t) => `CREATE TABLE ${t('flaky_counts')} (stream_id text PRIMARY KEY, events int NOT NULL, last_type text NOT NULL)`,
      async apply(tx, e, t) {
        if (e.streamId === 's-flaky' && failures++ < 4) throw Object.assign(new Error('connection to server lost'), { code: '08006' });
        if (e.type !== 'Poison') await perStream.apply(tx, e, (name) => t(name === 'stream_counts' ? 'flaky_counts' : name));
      },
    };
    await store.append('s-flaky', [event('Counted')], { expectedVersion: 'any' });
    const runner = await new ProjectionRunner(sql, store, flaky, { maxAttempts: 2 }).init();
    await runner.catchUp();
    expect(failures).toBeGreaterThanOrEqual(4);
    expect((await counts('flaky_counts')).find((r) => r.stream_id === 's-flaky')?.events).toBe(1);
    expect((await listDeadLetters(sql)).filter((l) => l.consumer === 'projection:flaky')).toEqual([]);
  });

  it('rebuilds by truncate-and-replay to the same read model', async () => {
    await (await new ProjectionRunner(sql, store, perStream).init()).catchUp();
    const before = await counts();
    const progress: number[] = [];
    const result = await rebuildByTruncate(sql, store, perStream, { onProgress: (p) => progress.push(p.applied) });
    expect(await counts()).toEqual(before);
    expect(result.applied).toBe(result.total);
    expect(progress.length).toBeGreaterThan(0);
  });

  it('rebuilds into a shadow table while the live one serves and keeps receiving events, then swaps', async () => {
    const live = await new ProjectionRunner(sql, store, perStream, { batchSize: 3 }).init();
    live.start();
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await store.append(`w-${written % 3}`, [event('Counted')], { expectedVersion: 'any' });
        written++;
        await sleep(2);
      }
    })();
    const servedDuringRebuild: number[] = [];
    try {
      await rebuildIntoShadow(sql, store, perStream, {
        batchSize: 5,
        onProgress: async () => servedDuringRebuild.push((await counts()).length),
      });
      writing = false;
      await writer;
      await waitFor(async () => (await projectionStatus(sql, store, perStream)).lag === 0);
      const rows = await counts();
      const total = rows.filter((r) => r.stream_id.startsWith('w-')).reduce((n, r) => n + r.events, 0);
      expect(total).toBe(written);
      expect(servedDuringRebuild.every((n) => n >= 6)).toBe(true);
      const shadowGone = await sql.query(`SELECT to_regclass('stream_counts__next') AS t`);
      expect(shadowGone.rows[0]).toEqual({ t: null });
    } finally {
      writing = false;
      await writer;
      await live.stop();
    }
  });

  it('rebuilds a set-based projection holding its rows across pages; a poison event sends it back page by page, where the event is parked', async () => {
    type Row = { stream_id: string; events: number; last_type: string };
    const held: Projection = {
      name: 'held-counts',
      source: 'store',
      tables: ['held_counts'],
      schema: (t) => `CREATE TABLE ${t('held_counts')} (stream_id text PRIMARY KEY, events int NOT NULL, last_type text NOT NULL)`,
      apply: (tx, event, t) => applyInOrder(tx, held, [event], t),
      async applyBatch(tx, events, t, rows) {
        const counted = rows.of<Row>(t('held_counts'), ['stream_id']);
        await counted.load(tx, events.map((e) => ({ stream_id: e.streamId })));
        for (const e of events) {
          if (e.type === 'Poison') throw new Error('cannot read this event');
          counted.put({ stream_id: e.streamId, events: (counted.get({ stream_id: e.streamId })?.events ?? 0) + 1, last_type: e.type });
        }
      },
    };
    await new ProjectionRunner(sql, store, perStream).catchUp();
    // The log holds the first spec's poison event.
    const result = await rebuildIntoShadow(sql, store, held, { batchSize: 4, heldRows: 3, maxAttempts: 1 });
    expect(result.applied).toBe(result.total);
    expect(await counts('held_counts')).toEqual(await counts());
    expect((await listDeadLetters(sql)).filter((d) => d.consumer.includes('held-counts'))).toMatchObject([{ eventType: 'Poison' }]);
  });

  it('passes over batches holding none of its eventTypes by moving the checkpoint alone, and re-reads when another reader moved it first', async () => {
    const seen: string[][] = [];
    const picky: Projection = {
      name: 'picky',
      source: 'store',
      eventTypes: ['Wanted'],
      tables: ['picky_counts'],
      schema: (t) => `CREATE TABLE ${t('picky_counts')} (stream_id text PRIMARY KEY, events int NOT NULL, last_type text NOT NULL)`,
      async apply(tx, e, t) {
        if (e.type === 'Wanted') await perStream.apply(tx, e, (name) => t(name === 'stream_counts' ? 'picky_counts' : name));
      },
      async applyBatch(tx, events, t) {
        seen.push(events.map((e) => e.type));
        for (const e of events) await picky.apply(tx, e, t);
      },
    };
    const runner = await new ProjectionRunner(sql, store, picky, { batchSize: 4 }).init();
    await runner.catchUp();
    const { processed: before } = await projectionStatus(sql, store, picky);
    seen.length = 0;
    // 12 others, then a wanted one with 3 others in its batch of 4, then 8 more others.
    await store.append('p-others', Array.from({ length: 12 }, () => event('Other')), { expectedVersion: 'any' });
    await store.append('p-wanted', [event('Other'), event('Wanted'), event('Other'), event('Other')], { expectedVersion: 'any' });
    await store.append('p-others', Array.from({ length: 8 }, () => event('Other')), { expectedVersion: 'any' });
    // A log reader sees only below the oldest transaction running on the server, which the specs running beside share
    // (CI's catch-up once read none of the 24): wait, at most 30 s, until all of them are in the log it reads.
    for (const until = Date.now() + 30_000; (await projectionStatus(sql, store, picky)).lag < 24 && Date.now() < until; ) await sleep(50);
    expect(await runner.catchUp()).toBe(24);
    expect(seen).toEqual([['Other', 'Wanted', 'Other', 'Other']]);
    expect(await counts('picky_counts')).toEqual([{ stream_id: 'p-wanted', events: 1, last_type: 'Wanted' }]);
    const status = await projectionStatus(sql, store, picky);
    expect(status.lag).toBe(0);
    expect(status.processed - before).toBe(24);

    // Another reader of the same projection (a second instance of the service) applies the next 5 (4 others and a
    // wanted one) while this one holds a page of the 4 others: this one must not move the checkpoint back to after
    // them, which would apply the wanted one twice.
    const other = new ProjectionRunner(sql, store, picky, { batchSize: 5 });
    await store.append('p-others', Array.from({ length: 4 }, () => event('Other')), { expectedVersion: 'any' });
    await store.append('p-wanted', [event('Wanted')], { expectedVersion: 'any' });
    const racingLog: EventLog = {
      readAll: async (options) => {
        const page = await store.readAll(options);
        if (page.length > 0 && (await projectionStatus(sql, store, picky)).lag === 5) await other.step();
        return page;
      },
      countAfter: (position) => store.countAfter(position),
      headPosition: () => store.headPosition(),
    };
    const racing = new ProjectionRunner(sql, racingLog, picky, { batchSize: 4 });
    await racing.catchUp();
    expect((await projectionStatus(sql, store, picky)).lag).toBe(0);
    expect(await counts('picky_counts')).toEqual([{ stream_id: 'p-wanted', events: 2, last_type: 'Wanted' }]);
  });

  // A request's trace must show its event reaching the read model even when events the projection passes over, from
  // earlier requests, came first in the batch.
  it('puts a batch\'s apply span in the trace of the first event it acts on, linked to the others\' traces', async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    provider.register();
    try {
      // perStream's counts in a table of its own, for the Wanted events only.
      const own = (t: (name: string) => string) => (name: string) => t(name === 'stream_counts' ? 'traced_counts' : name);
      const traced: Projection = {
        ...perStream,
        name: 'traced-picky',
        eventTypes: ['Wanted'],
        tables: ['traced_counts'],
        schema: (t) => perStream.schema(own(t)),
        apply: async (tx, e, t) => {
          if (e.type === 'Wanted') await perStream.apply(tx, e, own(t));
        },
      };
      const runner = await new ProjectionRunner(sql, store, traced, { batchSize: 10 }).init();
      await runner.catchUp();
      const earlier = '00-11111111111111111111111111111111-1111111111111111-01';
      const request = '00-22222222222222222222222222222222-2222222222222222-01';
      const carrying = (type: string, traceparent: string) => ({ ...event(type), metadata: { ...event(type).metadata, traceparent } });
      await store.append('t-1', [carrying('Other', earlier), carrying('Wanted', request), carrying('Other', earlier)], { expectedVersion: 'any' });
      exporter.reset();
      expect(await runner.catchUp()).toBe(3);
      const applies = exporter.getFinishedSpans().filter((s) => s.name === 'apply traced-picky');
      expect(applies.map((s) => [s.spanContext().traceId, s.parentSpanContext?.spanId])).toEqual([['22222222222222222222222222222222', '2222222222222222']]);
      expect(applies[0].links.map((l) => l.context.traceId)).toEqual(['11111111111111111111111111111111', '11111111111111111111111111111111']);
      expect((await counts('traced_counts')).filter((row) => row.stream_id === 't-1')).toEqual([{ stream_id: 't-1', events: 1, last_type: 'Wanted' }]);
    } finally {
      await provider.shutdown();
      trace.disable();
    }
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(25);
  }
}
