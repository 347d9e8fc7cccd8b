/*
 * Event store benchmark: `npm run bench:eventstore`. Prints figures; asserts nothing.
 *
 *  1. single-event appends vs. plain INSERTs of the same rows into a table with the same indexes (the ratio is
 *     what the store's bookkeeping costs: the streams row, the version check, the plpgsql call);
 *  2. appends of 100-event batches;
 *  3. rebuild of an "orders by status" projection by truncate-and-replay, set-based vs. per-event.
 *
 * Runs on PostgreSQL (a fresh database, dropped at the end) and then on PGlite (a temp dir, removed at the end).
 * Settings: BENCH_PG_URL, BENCH_SINGLE, BENCH_SLICE, BENCH_BATCHES, BENCH_REBUILD_EVENTS, BENCH_PER_EVENT_EVENTS,
 * BENCH_REBUILD_BATCH, BENCH_PGLITE_DIVISOR (PGlite runs every count divided by it).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { PostgresSqlClient, rebuildByTruncate, SqlClient, SqlEventStore } from '@mpp/eventsourcing';
import { PgliteSqlClient } from '@mpp/eventsourcing/pglite';
import {
  envInt,
  formatCount,
  formatRate,
  log,
  percent,
  perSecond,
  printTable,
  ResultRow,
  runWriters,
  sampleEvent,
  split,
  timed,
  Timing,
} from './bench-util';
import { orderSummaries, readModelTotals, seedOrders } from './order-summaries';

const WRITERS = 8;
const BATCH_SIZE = 100;

const TARGET_RATIO = 0.7;
const TARGET_BATCH_RATE = 30_000;
const TARGET_REBUILD_RATE = 20_000;

/** How much work each figure does; PGlite gets smaller counts (it is single-connection and slower). */
interface Scale {
  single: number;
  warmup: number;
  /** Rows per side in one slice of figure 1. */
  slice: number;
  batches: number;
  rebuildEvents: number;
  perEventEvents: number;
  rebuildBatch: number;
}

interface Backend {
  name: string;
  sql: SqlClient;
  scale: Scale;
}

function scaleFromEnv(): Scale {
  const single = envInt('BENCH_SINGLE', 4000);
  return {
    single,
    warmup: Math.max(WRITERS * 10, Math.round(single / 10)),
    slice: envInt('BENCH_SLICE', 400),
    batches: envInt('BENCH_BATCHES', 300),
    rebuildEvents: envInt('BENCH_REBUILD_EVENTS', 200_000),
    perEventEvents: envInt('BENCH_PER_EVENT_EVENTS', 20_000),
    rebuildBatch: envInt('BENCH_REBUILD_BATCH', 500),
  };
}

function scaledDown(scale: Scale, divisor: number): Scale {
  const down = (n: number) => Math.max(WRITERS, Math.round(n / divisor));
  return {
    ...scale,
    single: down(scale.single),
    warmup: down(scale.warmup),
    slice: down(scale.slice),
    batches: down(scale.batches),
    rebuildEvents: down(scale.rebuildEvents),
    perEventEvents: down(scale.perEventEvents),
  };
}

// ------------------------------------------------------------------------------ 1. single-event appends

const INSERT_RAW = `INSERT INTO raw_events (event_id, stream_id, stream_position, type, data, metadata) VALUES ($1, $2, $3, $4, $5, $6)`;

/** One writer's stream and how many events it holds; a writer keeps its stream from slice to slice. */
interface WriterStream {
  streamId: string;
  version: number;
}

const writerStreams = (prefix: string): WriterStream[] => Array.from({ length: WRITERS }, (_, w) => ({ streamId: `${prefix}-${w}`, version: 0 }));

/** Plain INSERTs, one row per statement in autocommit, each writer on its own stream. */
function rawInserts(sql: SqlClient, streams: WriterStream[], total: number): Promise<Timing> {
  return runWriters(
    split(total, WRITERS),
    (_, count) => Array.from({ length: count }, (_, i) => sampleEvent(i)),
    async (writer, events) => {
      const stream = streams[writer];
      for (const e of events) {
        // Serialised here as the store serialises inside append, so both sides pay for JSON.stringify.
        await sql.query(INSERT_RAW, [e.eventId, stream.streamId, ++stream.version, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata)]);
      }
    },
  );
}

/** SqlEventStore.append of one event at a time with the exact expected version, each writer on its own stream. */
function singleAppends(store: SqlEventStore, streams: WriterStream[], total: number): Promise<Timing> {
  return runWriters(
    split(total, WRITERS),
    (_, count) => Array.from({ length: count }, (_, i) => sampleEvent(i)),
    async (writer, events) => {
      const stream = streams[writer];
      for (const e of events) {
        stream.version = (await store.append(stream.streamId, [e], { expectedVersion: stream.version })).nextVersion;
      }
    },
  );
}

async function singleEventFigures(b: Backend, store: SqlEventStore): Promise<{ rows: ResultRow[]; note: string }> {
  const { single, warmup, slice } = b.scale;
  // Same columns, defaults, identity, constraints and indexes as the store's table: only the bookkeeping differs.
  await b.sql.exec(`CREATE TABLE raw_events (LIKE es_events INCLUDING ALL)`);
  const rawStreams = writerStreams('raw');
  const appendStreams = writerStreams('single');
  log(`[${b.name}] 1. warm-up: ${formatCount(warmup)} raw inserts + ${formatCount(warmup)} appends`);
  await rawInserts(b.sql, rawStreams, warmup);
  await singleAppends(store, appendStreams, warmup);

  // Interleaved in short slices (raw, append, append, raw, raw, ...) and timed in total: a load spike or a disk
  // hiccup lands on both sides alike instead of deciding the ratio, as it would with one long run per side.
  const slices = Math.max(2, Math.ceil(single / slice));
  const sliceRows = split(single, slices);
  const raw: Timing[] = [];
  const appended: Timing[] = [];
  log(`[${b.name}]    ${formatCount(single)} rows per side in ${slices} interleaved slices`);
  for (let i = 0; i < slices; i++) {
    const runRaw = async () => raw.push(await rawInserts(b.sql, rawStreams, sliceRows[i]));
    const runAppend = async () => appended.push(await singleAppends(store, appendStreams, sliceRows[i]));
    for (const run of i % 2 === 0 ? [runRaw, runAppend] : [runAppend, runRaw]) await run();
  }
  const total = (timings: Timing[]) => ({
    ms: timings.reduce((n, t) => n + t.ms, 0),
    clientCpu: timings.reduce((n, t) => n + t.clientCpu * t.ms, 0) / timings.reduce((n, t) => n + t.ms, 0),
  });
  const rawRate = perSecond(single, total(raw).ms);
  const appendRate = perSecond(single, total(appended).ms);
  const ratio = appendRate / rawRate;
  // The spread of the per-slice ratios shows how noisy the machine was while measuring.
  const sliceRatios = raw.map((r, i) => r.ms / appended[i].ms).sort((x, y) => x - y);
  const label = `${formatCount(single)} rows/side, ${WRITERS} writers`;
  return {
    rows: [
      { backend: b.name, figure: `1a raw INSERT, 1 row/stmt, autocommit (${label})`, value: formatRate(rawRate, 'rows/s'), target: '' },
      { backend: b.name, figure: `1b append 1 event, exact expected version (${label})`, value: formatRate(appendRate), target: '' },
      { backend: b.name, figure: '1c ratio append / raw', value: ratio.toFixed(2), target: `>= ${TARGET_RATIO.toFixed(2)}`, pass: ratio >= TARGET_RATIO },
    ],
    note:
      `${b.name} 1: after a warm-up, ${slices} slices of ~${formatCount(sliceRows[0])} rows per side, interleaved raw/append then append/raw; ` +
      `rates are rows over the summed time of each side. Per-slice ratio min ${sliceRatios[0].toFixed(2)}, ` +
      `median ${sliceRatios[Math.floor(sliceRatios.length / 2)].toFixed(2)}, max ${sliceRatios[sliceRatios.length - 1].toFixed(2)}; ` +
      `Node client busy ${percent(total(raw).clientCpu)} (raw) / ${percent(total(appended).clientCpu)} (append) of one core`,
  };
}

// ------------------------------------------------------------------------------------ 2. batch appends

async function batchAppendFigure(b: Backend, store: SqlEventStore): Promise<{ row: ResultRow; note: string }> {
  const batches = b.scale.batches;
  const appendBatches = (tag: string, total: number) =>
    runWriters(
      split(total, WRITERS),
      (_, count) => Array.from({ length: count }, (_, i) => Array.from({ length: BATCH_SIZE }, (_, j) => sampleEvent(i * BATCH_SIZE + j))),
      async (writer, list) => {
        for (let i = 0; i < list.length; i++) {
          await store.append(`batch-${tag}-${writer}`, list[i], { expectedVersion: i * BATCH_SIZE });
        }
      },
    );
  await appendBatches('warmup', WRITERS);
  log(`[${b.name}] 2. ${formatCount(batches)} appends of ${BATCH_SIZE} events`);
  const timing = await appendBatches('run', batches);
  const rate = perSecond(batches * BATCH_SIZE, timing.ms);
  return {
    row: {
      backend: b.name,
      figure: `2  append ${BATCH_SIZE}-event batches (${formatCount(batches)} batches, ${WRITERS} writers)`,
      value: formatRate(rate),
      target: `>= ${formatRate(TARGET_BATCH_RATE)}`,
      pass: rate >= TARGET_BATCH_RATE,
    },
    note: `${b.name} 2: one run after a warm-up of ${WRITERS} batches; Node client busy ${percent(timing.clientCpu)} of one core`,
  };
}

// ------------------------------------------------------------------------------------- 3. rebuilds

/** Seeds a log of orders in its own tables (prefix), so the figures of 1 and 2 do not end up in the replay. */
async function seededLog(b: Backend, prefix: string, events: number): Promise<{ store: SqlEventStore; stored: number; seedMs: number }> {
  const store = await new SqlEventStore(b.sql, prefix).init();
  const { ms } = await timed(() => seedOrders(b.sql, store, events, { writers: WRITERS, perTransaction: 100 }));
  return { store, stored: await store.countAfter(null), seedMs: ms };
}

/** Times rebuildByTruncate of a projection variant and checks the read model counted every event. */
async function timedRebuild(b: Backend, store: SqlEventStore, variant: 'batch' | 'per-event', table: string) {
  const projection = orderSummaries(variant, table);
  let applied = 0;
  const { ms, clientCpu } = await timed(async () => {
    applied = (await rebuildByTruncate(b.sql, store, projection, { batchSize: b.scale.rebuildBatch })).applied;
  });
  const totals = await readModelTotals(b.sql, table);
  const check = totals.events === applied ? `${formatCount(totals.orders)} orders` : `MISMATCH: read model counts ${totals.events} events`;
  return { rate: perSecond(applied, ms), applied, check, clientCpu };
}

async function rebuildFigures(b: Backend): Promise<{ rows: ResultRow[]; notes: string[] }> {
  const { rebuildEvents, perEventEvents, rebuildBatch } = b.scale;
  log(`[${b.name}] 3. seeding ${formatCount(rebuildEvents)} order events (100 appends per transaction)`);
  const big = await seededLog(b, 'rebuild_', rebuildEvents);
  log(`[${b.name}]    rebuild (applyBatch) of ${formatCount(big.stored)} events`);
  const batch = await timedRebuild(b, big.store, 'batch', 'orders_by_status');

  log(`[${b.name}]    comparison on ${formatCount(perEventEvents)} events: per-event apply vs applyBatch`);
  const small = await seededLog(b, 'compare_', perEventEvents);
  const perEvent = await timedRebuild(b, small.store, 'per-event', 'orders_per_event');
  const batchSmall = await timedRebuild(b, small.store, 'batch', 'orders_batch_small');

  const batchLabel = `batchSize ${rebuildBatch}`;
  return {
    rows: [
      {
        backend: b.name,
        figure: `3  rebuildByTruncate, applyBatch (${formatCount(batch.applied)} events, ${batchLabel})`,
        value: formatRate(batch.rate),
        target: `>= ${formatRate(TARGET_REBUILD_RATE)}`,
        pass: batch.rate >= TARGET_REBUILD_RATE,
      },
      { backend: b.name, figure: `3b (comparison) per-event apply only (${formatCount(perEvent.applied)} events)`, value: formatRate(perEvent.rate), target: '' },
      { backend: b.name, figure: `3c (comparison) applyBatch, same log as 3b (${formatCount(batchSmall.applied)} events)`, value: formatRate(batchSmall.rate), target: '' },
    ],
    notes: [
      `${b.name} 3: seeding ${formatCount(big.stored)} events took ${(big.seedMs / 1000).toFixed(1)} s (${formatRate(perSecond(big.stored, big.seedMs))}); ` +
        `read models: 3 ${batch.check}, 3b ${perEvent.check}, 3c ${batchSmall.check}; ` +
        `Node client busy ${percent(batch.clientCpu)} of one core during rebuild 3`,
    ],
  };
}

// ---------------------------------------------------------------------------------------- the run

async function runSuite(b: Backend): Promise<{ rows: ResultRow[]; notes: string[] }> {
  const store = await new SqlEventStore(b.sql).init();
  const single = await singleEventFigures(b, store);
  const batch = await batchAppendFigure(b, store);
  const rebuild = await rebuildFigures(b);
  return { rows: [...single.rows, batch.row, ...rebuild.rows], notes: [single.note, batch.note, ...rebuild.notes] };
}

/** Cleanups run on normal exit, on failure, and on Ctrl-C, each once, newest first. */
const cleanups: Array<() => Promise<void>> = [];
let cleaning: Promise<void> = Promise.resolve();
function runCleanups(): Promise<void> {
  // Chained: a second caller (the failing main after a Ctrl-C) waits for the cleanups already under way.
  cleaning = cleaning.then(async () => {
    while (cleanups.length) await cleanups.pop()!().catch((error) => log(`cleanup failed: ${String(error)}`));
  });
  return cleaning;
}
let interrupted = false;

function pgUrl(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

async function adminQuery(base: string, text: string): Promise<void> {
  const client = new Client({ connectionString: pgUrl(base, 'postgres') });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function onPostgres(scale: Scale, environment: string[]) {
  const base = process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432';
  const database = `bench_${randomBytes(4).toString('hex')}`;
  await adminQuery(base, `CREATE DATABASE ${database}`);
  cleanups.push(() => adminQuery(base, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  const sql = new PostgresSqlClient({ connectionString: pgUrl(base, database), max: WRITERS });
  cleanups.push(() => sql.close());
  const { rows } = await sql.query<Record<string, string>>(
    `SELECT current_setting('server_version') AS version, current_setting('synchronous_commit') AS sync,
            current_setting('fsync') AS fsync, current_setting('wal_sync_method') AS wal_sync,
            current_setting('shared_buffers') AS shared_buffers, current_setting('commit_delay') AS commit_delay`,
  );
  const s = rows[0];
  environment.push(
    `PostgreSQL ${s.version} (database ${database}; synchronous_commit=${s.sync}, fsync=${s.fsync}, wal_sync_method=${s.wal_sync}, ` +
      `shared_buffers=${s.shared_buffers}, commit_delay=${s.commit_delay}; pool max ${WRITERS})`,
  );
  log(`== PostgreSQL ${s.version}, database ${database}`);
  return runSuite({ name: 'PostgreSQL', sql, scale });
}

async function onPglite(scale: Scale, divisor: number, environment: string[]) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-pglite-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  const sql = new PgliteSqlClient(dir);
  cleanups.push(() => sql.close());
  const { rows } = await sql.query<{ version: string }>(`SELECT current_setting('server_version') AS version`);
  environment.push(`PGlite (embedded PostgreSQL ${rows[0].version}, data dir in ${os.tmpdir()}), counts divided by ${divisor}`);
  log(`== PGlite (PostgreSQL ${rows[0].version}) in ${dir}, counts divided by ${divisor}`);
  return runSuite({ name: 'PGlite', sql, scale: scaledDown(scale, divisor) });
}

async function main(): Promise<void> {
  const scale = scaleFromEnv();
  const divisor = envInt('BENCH_PGLITE_DIVISOR', 4);
  const cpus = os.cpus();
  const environment = [`${cpus.length} CPU (${cpus[0]?.model ?? 'unknown'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`];

  // The machine may be shared (other builds, tests); the load average tells how much the figures were disturbed.
  const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' / ');
  environment.push(`load average (1/5/15 min) at start: ${load()}`);

  const results: ResultRow[] = [];
  const notes: string[] = [];
  for (const run of [() => onPostgres(scale, environment), () => onPglite(scale, divisor, environment)]) {
    const { rows, notes: more } = await run();
    results.push(...rows);
    notes.push(...more);
    await runCleanups();
  }

  notes.push(
    `PGlite: one connection, so the "${WRITERS} concurrent writers" are serialised by PGlite; counts are the PostgreSQL ones divided by ${divisor}. ` +
      `The targets were set for PostgreSQL; they are shown for PGlite for reference.`,
  );
  environment.push(`load average (1/5/15 min) at end: ${load()}`);
  log('\n== Environment');
  for (const line of environment) log(`  ${line}`);
  log('\n== Results');
  printTable(results);
  log('\n== Notes');
  for (const note of notes) log(`  - ${note}`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    log(`\n${signal}: cleaning up`);
    void runCleanups().finally(() => process.exit(130));
  });
}

main()
  .catch(async (error) => {
    if (interrupted) return; // the pool was closed under the running queries on purpose
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(runCleanups);
