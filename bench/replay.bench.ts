/*
 * Replay at scale: `npm run bench:replay`. Prints figures next to their targets.
 *
 * On PostgreSQL, in fresh databases made and dropped here (mpp_bench_replay_ordering, mpp_bench_replay_miniprograms):
 *  1. a million events of a realistic mix (BENCH_EVENTS; 40% ordering's orders and authorizations, 60% miniprograms'
 *     mini programs and templates), made by the services' real deciders (sampleOrderingHistory,
 *     sampleMiniprogramsHistory) and bulk-inserted into each service's store, with a small inbox of other services'
 *     events (workspaces, members, services, mini programs);
 *  2. the live read models built by the live path, as the service runs it (a ProjectionRunner per projection with
 *     its own batch size), and every table's hash taken (md5 of its rows as text, in order);
 *  3. BENCH_RUNS times, for each service: the raw read of its store in the pages a rebuild reads (the baseline), then
 *     the rebuild of every projection of the service from zero (`ops projections rebuild <service>`: shadow tables,
 *     each log read once for all its projections, then swapped in), and every table's hash compared with the live one.
 * Figures are medians of the runs with their spread (min–max). Targets: the million rebuilt in ≤ 60 s, rebuild
 * ≥ 0.3× the raw read rate, every hash equal.
 * Settings: BENCH_PG_URL, BENCH_EVENTS, BENCH_RUNS.
 */
import { Client } from 'pg';
import { logOf, openServiceLogs, ServiceDefinition } from '@mpp/application';
import { EventEnvelope } from '@mpp/contracts';
import { EventLog, PostgresSqlClient, ProjectionRunner, REPLAY_PAGE, SampleAppend, SqlClient, SqlEventStore } from '@mpp/eventsourcing';
import { Inbox } from '@mpp/messaging';
import { miniprogramsService, sampleMiniprogramsHistory } from '@mpp/miniprograms';
import { orderingService, sampleOrderingHistory } from '@mpp/ordering';
import { rebuildServiceProjections, ServiceStorage } from '@mpp/runtime';
import { received } from '@mpp/testing';
import { envInt, formatCount, formatRate, log, median, perSecond, printTable, ResultRow, timed } from './bench-util';

const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
const EVENTS = envInt('BENCH_EVENTS', 1_000_000);
const RUNS = envInt('BENCH_RUNS', 3);
const TARGET_SECONDS = 60;
const TARGET_RATIO = 0.3;
/** Events per INSERT of the bulk load. */
const LOAD_CHUNK = 5_000;

interface Bench {
  definition: ServiceDefinition;
  events: number;
  history: (events: number) => Generator<SampleAppend>;
  inbox: EventEnvelope[];
}

const workspaces = (): EventEnvelope[] => [
  ...Array.from({ length: 500 }, (_, i) => ({ id: `m-${i}`, type: 'MERCHANT' })),
  ...Array.from({ length: 80 }, (_, i) => ({ id: `i-${i}`, type: 'ISV' })),
].flatMap(({ id, type }) => [
  received('identity', 'identity.WorkspaceApproved', `Workspace-${id}`, { workspaceId: id, type, name: `${id} Ltd`, ownerAccountId: `owner-${id}`, applicationId: `app-${id}`, approvedAt: '2026-01-01T00:00:00.000Z' }),
  received('identity', 'identity.MemberAdded', `Workspace-${id}`, { workspaceId: id, accountId: `owner-${id}`, role: 'OWNER', at: '2026-01-01T00:00:00.000Z' }),
]);

const benches: Bench[] = [
  {
    definition: orderingService,
    events: Math.round(EVENTS * 0.4),
    history: (events) => sampleOrderingHistory({ events, seed: 1 }),
    inbox: [
      ...workspaces(),
      ...Array.from({ length: 200 }, (_, i) =>
        received('catalog', 'catalog.ServiceOnline', `Service-s-${i}`, { serviceId: `s-${i}`, isvWorkspaceId: `i-${i % 80}`, type: 'MINI_PROGRAM_DEVELOPMENT', name: `Builds ${i}`, at: '2026-01-01T00:00:00.000Z' }),
      ),
      ...Array.from({ length: 20_000 }, (_, i) =>
        received('miniprograms', 'miniprograms.MiniProgramCreated', `MiniProgram-mp-${i}`, { miniProgramId: `mp-${i}`, ownerWorkspaceId: `m-${i % 500}`, name: `mp ${i}`, description: '', category: 'RETAIL', targetApps: ['GCASH'], at: '2026-01-01T00:00:00.000Z' }),
      ),
    ],
  },
  {
    definition: miniprogramsService,
    events: EVENTS - Math.round(EVENTS * 0.4),
    history: (events) => sampleMiniprogramsHistory({ events, seed: 2 }),
    inbox: workspaces(),
  },
];

const spread = (values: number[], format: (n: number) => string) => `${format(Math.min(...values))}–${format(Math.max(...values))}`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const rows: ResultRow[] = [];
  const opened: { bench: Bench; storage: ServiceStorage; stored: number; drop: () => Promise<void> }[] = [];
  try {
    for (const bench of benches) {
      const db = await createDatabase(`mpp_bench_replay_${bench.definition.name}`);
      const sql = new PostgresSqlClient({ connectionString: db.url, max: 4 });
      const store = await new SqlEventStore(sql).init();
      const inbox = await new Inbox(sql).init();
      const storage: ServiceStorage = { service: bench.definition.name as ServiceStorage['service'], sql, store, inbox, close: () => sql.close() };
      opened.push({ bench, storage, stored: 0, drop: db.drop });
      const load = await timed(async () => {
        opened[opened.length - 1].stored = await bulkLoad(sql, bench.history(bench.events));
        await inbox.receive(bench.inbox);
        await sql.exec('VACUUM ANALYZE');
      });
      log(`${bench.definition.name}: ${formatCount(opened[opened.length - 1].stored)} events and ${formatCount(bench.inbox.length)} inbox events loaded in ${seconds(load.ms)}`);
      const live = await timed(() => buildLive(storage, bench.definition));
      log(`${bench.definition.name}: live read models built by the live path in ${seconds(live.ms)}`);
    }

    const liveHashes = new Map<string, string>();
    for (const { bench, storage } of opened) for (const [table, hash] of await tableHashes(storage.sql, bench.definition)) liveHashes.set(`${bench.definition.name}.${table}`, hash);

    const figures = new Map<string, { read: number[]; rebuild: number[]; equal: boolean[] }>(opened.map(({ bench }) => [bench.definition.name, { read: [], rebuild: [], equal: [] }]));
    for (let run = 1; run <= RUNS; run++) {
      for (const { bench, storage, stored } of opened) {
        const name = bench.definition.name;
        const f = figures.get(name)!;
        const read = await timed(() => readWholeLog(storage.store));
        const rebuild = await timed(() => rebuildServiceProjections(bench.definition, storage, () => undefined));
        const hashes = await tableHashes(storage.sql, bench.definition);
        const differing = hashes.filter(([table, hash]) => liveHashes.get(`${name}.${table}`) !== hash).map(([table]) => table);
        f.read.push(read.ms);
        f.rebuild.push(rebuild.ms);
        f.equal.push(differing.length === 0);
        log(
          `run ${run} ${name}: raw read ${formatRate(perSecond(stored, read.ms))}, rebuild ${formatRate(perSecond(stored, rebuild.ms))} (${seconds(rebuild.ms)}, ` +
            `client CPU ${rebuild.clientCpu.toFixed(2)}), ${differing.length ? `hashes DIFFER: ${differing.join(', ')}` : `${hashes.length} table hashes equal`}`,
        );
      }
    }

    let totalMs = 0;
    let totalEvents = 0;
    for (const { bench, stored } of opened) {
      const name = bench.definition.name;
      const f = figures.get(name)!;
      const readRates = f.read.map((ms) => perSecond(stored, ms));
      const rebuildRates = f.rebuild.map((ms) => perSecond(stored, ms));
      const ratios = f.rebuild.map((ms, i) => f.read[i] / ms);
      totalMs += median(f.rebuild);
      totalEvents += stored;
      rows.push(
        { backend: name, figure: `raw read of ${formatCount(stored)} events (baseline)`, value: `${formatRate(median(readRates))} (${spread(readRates, (n) => formatCount(Math.round(n)))})`, target: '' },
        { backend: name, figure: `rebuild of ${bench.definition.projections.length} projections`, value: `${formatRate(median(rebuildRates))} (${spread(rebuildRates, (n) => formatCount(Math.round(n)))})`, target: '' },
        { backend: name, figure: 'rebuild / raw read', value: `${median(ratios).toFixed(2)}× (${spread(ratios, (n) => n.toFixed(2))})`, target: `≥ ${TARGET_RATIO}×`, pass: median(ratios) >= TARGET_RATIO },
        { backend: name, figure: 'rebuilt tables equal to live (hash)', value: `${f.equal.filter(Boolean).length}/${f.equal.length} runs`, target: 'all', pass: f.equal.every(Boolean) },
      );
    }
    const projected = (totalMs * 1_000_000) / totalEvents;
    rows.push({ backend: 'both', figure: `rebuild of all ${formatCount(totalEvents)} events (median)`, value: seconds(totalMs), target: '', pass: undefined });
    rows.push({ backend: 'both', figure: 'the same, per million events', value: seconds(projected), target: `≤ ${TARGET_SECONDS} s`, pass: projected <= TARGET_SECONDS * 1000 });
    log('');
    printTable(rows);
  } finally {
    for (const { storage, drop } of opened) {
      await storage.close();
      await drop();
    }
  }
}

/** Writes the appends into the store's tables as its append would (stream positions from 1, the streams' versions), LOAD_CHUNK events per statement. */
async function bulkLoad(sql: SqlClient, appends: Generator<SampleAppend>): Promise<number> {
  const versions = new Map<string, number>();
  let chunk: { id: string; stream: string; position: number; type: string; data: string; metadata: string }[] = [];
  let total = 0;
  const flush = async () => {
    if (chunk.length === 0) return;
    const column = <K extends keyof (typeof chunk)[number]>(key: K) => chunk.map((row) => row[key]);
    await sql.query(
      `INSERT INTO es_events (event_id, stream_id, stream_position, type, data, metadata)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::text[], $5::jsonb[], $6::jsonb[])`,
      [column('id'), column('stream'), column('position'), column('type'), column('data'), column('metadata')],
    );
    total += chunk.length;
    chunk = [];
  };
  for (const { streamId, events } of appends) {
    for (const event of events) {
      const position = (versions.get(streamId) ?? 0) + 1;
      versions.set(streamId, position);
      chunk.push({ id: event.eventId, stream: streamId, position, type: event.type, data: JSON.stringify(event.data), metadata: JSON.stringify(event.metadata) });
    }
    if (chunk.length >= LOAD_CHUNK) await flush();
  }
  await flush();
  await sql.query(`INSERT INTO es_streams (stream_id, version) SELECT * FROM unnest($1::text[], $2::bigint[])`, [[...versions.keys()], [...versions.values()]]);
  return total;
}

/** The live path: each projection fed by its own runner with the batch size the service gives it, all at once. */
async function buildLive(storage: ServiceStorage, definition: ServiceDefinition): Promise<void> {
  const logs = await openServiceLogs(definition, storage.sql, storage.store, storage.inbox);
  const runners: ProjectionRunner[] = [];
  for (const projection of definition.projections) runners.push(await new ProjectionRunner(storage.sql, logOf(logs, projection), projection, { batchSize: projection.batchSize }).init());
  await Promise.all(runners.map((runner) => runner.catchUp()));
}

/** The baseline: the store's whole log read as a rebuild reads it (pages of REPLAY_PAGE), nothing applied. */
async function readWholeLog(store: EventLog): Promise<number> {
  let after: string | null = null;
  let read = 0;
  for (;;) {
    const page = await store.readAll({ after, limit: REPLAY_PAGE });
    if (page.length === 0) return read;
    read += page.length;
    after = page[page.length - 1].logPosition;
  }
}

/** Every table of the service's projections with the md5 of its rows as text in their order (the same columns in the same order on both sides). */
async function tableHashes(sql: SqlClient, definition: ServiceDefinition): Promise<[string, string][]> {
  const hashes: [string, string][] = [];
  for (const table of definition.projections.flatMap((p) => p.tables)) {
    const { rows } = await sql.query<{ hash: string; n: number }>(`SELECT md5(coalesce(string_agg(r, E'\\n' ORDER BY r COLLATE "C"), '')) AS hash, count(*)::int AS n FROM (SELECT t::text AS r FROM ${table} t) x`);
    hashes.push([table, `${rows[0].hash}/${rows[0].n}`]);
  }
  return hashes;
}

async function createDatabase(name: string): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = async (statement: string) => {
    const client = new Client({ connectionString: `${PG_URL}/postgres` });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
  return { url: `${PG_URL}/${name}`, drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
