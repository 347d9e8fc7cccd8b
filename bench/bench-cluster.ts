/* What the benchmarks that start the platform share: cleanups on exit and Ctrl-C, the local Kafka broker and
 * PostgreSQL databases of a run, a whole cluster started for the run, percentiles, and the entry point. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { SERVICES } from '@mpp/contracts';
import { PostgresSqlClient, SqlEventStore } from '@mpp/eventsourcing';
import type { NewEvent, SqlClient } from '@mpp/eventsourcing';
import { createKafka } from '@mpp/messaging';
import { createLogger, signAccessToken } from '@mpp/platform';
import { launchCluster, RunningCluster } from '@mpp/runtime';
import { workspaceDecider, workspaceStreamId } from '../libs/identity/src/workspaces/workspace.decider';
import { freePort, freePortBase } from '../libs/testing/src/free-port';
import { log } from './bench-util';

export { freePort };

export const ROOT = path.resolve(__dirname, '..', '..');
export const PG_BASE = process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432';
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The number a `SELECT count(*) AS n ...` answers. */
export const count = async (sql: SqlClient, text: string): Promise<number> => Number((await sql.query<{ n: number }>(text)).rows[0].n);

/** Waits until `probe` holds, polling every 100 ms; fails naming `what` after `timeoutMs`. */
export async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await sleep(100);
  }
}

/** Runs `work` until it succeeds (what the event path has yet to deliver), for at most two minutes. */
export async function retrying<T>(what: string, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${what}: ${error instanceof Error ? error.message : String(error)}`);
      await sleep(200);
    }
  }
}

export const cleanups: (() => Promise<void> | void)[] = [];
let cleaning: Promise<void> = Promise.resolve();

/** Cleanups run on normal exit, on failure, and on Ctrl-C, each once, newest first. */
export function runCleanups(): Promise<void> {
  cleaning = cleaning.then(async () => {
    while (cleanups.length > 0) {
      const cleanup = cleanups.pop()!;
      try {
        await cleanup();
      } catch (error) {
        process.stderr.write(`cleanup failed: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    }
  });
  return cleaning;
}


/** Nearest-rank percentile of samples (ms). */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}




export function pgUrl(database: string): string {
  const url = new URL(PG_BASE);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function adminQuery(text: string): Promise<void> {
  const client = new Client({ connectionString: pgUrl('postgres') });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export const script = (name: string, args: string[], env: NodeJS.ProcessEnv = process.env) =>
  execFileSync('bash', [path.join(ROOT, 'scripts', name), ...args], { cwd: ROOT, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** The broker: KAFKA_BROKERS as given; else the local one on KAFKA_PORT, started (and later stopped) if it is down. */
export function ensureKafka(): { brokers: string; pid?: number; note: string } {
  if (process.env.KAFKA_BROKERS) return { brokers: process.env.KAFKA_BROKERS, note: `KAFKA_BROKERS=${process.env.KAFKA_BROKERS} (given)` };
  const brokers = `127.0.0.1:${process.env.KAFKA_PORT ?? 9092}`;
  const status = () => {
    try {
      return script('kafka.sh', ['status']).trim();
    } catch {
      return undefined;
    }
  };
  let running = status();
  let note = `local broker ${brokers}, already running (left running)`;
  if (!running) {
    log(`   starting the Kafka broker (scripts/kafka.sh start)...`);
    cleanups.push(() => {
      log('   stopping the Kafka broker the bench started (scripts/kafka.sh stop)');
      script('kafka.sh', ['stop']);
    });
    script('kafka.sh', ['start']);
    running = status();
    note = `local broker ${brokers}, started by the bench (stopped at the end)`;
  }
  const pid = running ? Number(/pid (\d+)/.exec(running)?.[1]) || undefined : undefined;
  return { brokers, pid, note };
}

/** Requests would be shared with another cluster's services on this broker (same consumer groups): refuse. */
export async function checkBrokerIsOurs(brokers: string): Promise<void> {
  const kafka = createKafka('mpp-bench-check', brokers.split(','), createLogger('bench', 'error'));
  const admin = kafka.admin();
  await admin.connect();
  try {
    const groups = [...SERVICES.map((s) => `${s}.requests`), ...SERVICES];
    for (let attempt = 0; ; attempt++) {
      const { groups: described } = await admin.describeGroups(groups);
      const busy = described.filter((g) => g.members.length > 0).map((g) => `${g.groupId} (${g.members.length} members)`);
      if (busy.length === 0) return;
      if (attempt >= 6) {
        throw new Error(
          `another cluster uses the broker at ${brokers}: ${busy.join(', ')}. Its services would answer this bench's requests. ` +
            `Stop it, or give the bench a broker of its own (e.g. KAFKA_PORT=19092 KAFKA_CONTROLLER_PORT=19093 npm run bench:...).`,
        );
      }
      log(`   the broker still has members in ${busy.join(', ')}; waiting for their sessions to end...`);
      await sleep(5000);
    }
  } finally {
    await admin.disconnect();
  }
}

export async function deleteTopicsAndGroups(brokers: string, names: string[]): Promise<void> {
  const kafka = createKafka('mpp-bench-cleanup', brokers.split(','), createLogger('bench', 'error'));
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const topics = names.filter((t) => existing.has(t));
    if (topics.length) await admin.deleteTopics({ topics, timeout: 10_000 });
    await admin.deleteGroups(names).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
}


/** The platform as separate processes on fresh bench_<run>_<service> databases and the broker; stopped and dropped by runCleanups. */
export async function launchBenchCluster(options: { logLevel: string; env?: Record<string, string>; appEnv?: Parameters<typeof launchCluster>[0]['appEnv']; environment: string[] }) {
  const kafka = ensureKafka();
  // A bench that launches several clusters on one broker names it once.
  if (!options.environment.includes(`Kafka: ${kafka.note}`)) options.environment.push(`Kafka: ${kafka.note}`);
  await checkBrokerIsOurs(kafka.brokers);
  const run = randomBytes(3).toString('hex');
  const databases = SERVICES.map((s) => `bench_${run}_${s}`);
  cleanups.push(async () => {
    for (const name of databases) await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
  const pg = new URL(PG_BASE);
  script('postgres.sh', ['ensure', ...databases], { ...process.env, PGHOST: pg.hostname, PGPORT: pg.port || '5432', PGUSER: decodeURIComponent(pg.username) || 'postgres' });
  log(`   databases ${databases.join(', ')} created`);
  const jwtSecret = `bench-${randomBytes(32).toString('hex')}`;
  const gatewayPort = await freePort();
  const started = performance.now();
  cleanups.push(() => deleteTopicsAndGroups(kafka.brokers, [`gateway.replies.gateway-${gatewayPort}`]));
  const cluster: RunningCluster = await launchCluster({
    root: ROOT,
    // URL() escapes the braces; launchCluster looks for them as they are.
    databaseUrlTemplate: pgUrl(`bench_${run}_{service}`).replace('%7Bservice%7D', '{service}'),
    kafkaBrokers: kafka.brokers,
    gatewayPort,
    healthPortBase: await freePortBase(SERVICES.length),
    jwtSecret,
    env: { LOG_LEVEL: options.logLevel, ...options.env },
    appEnv: options.appEnv,
    onOutput: (app, line) => {
      if (/"level":(50|60)/.test(line)) process.stderr.write(`   [${app}] ${line}\n`);
    },
    readyTimeoutMs: 180_000,
  });
  cleanups.push(() => cluster.stop());
  const startMs = performance.now() - started;
  log(`   ready in ${(startMs / 1000).toFixed(1)} s: ${[...cluster.processes].map(([app, p]) => `${app} ${p.pid}`).join(', ')}; gateway on ${gatewayPort}`);
  return { cluster, run, databases, jwtSecret, gatewayPort, gatewayUrl: `http://127.0.0.1:${gatewayPort}`, kafka, startMs, databaseUrl: (service: string) => pgUrl(`bench_${run}_${service}`) };
}

/** Runs a benchmark's main: cleans up at the end, on failure and on Ctrl-C; a failure sets the exit code. */
export function runBench(name: string, main: () => Promise<void>): void {
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      interrupted = true;
      process.stderr.write(`\n${signal}: cleaning up\n`);
      void runCleanups().finally(() => process.exit(130));
    });
  }
  main()
    .catch((error: unknown) => {
      if (interrupted) return;
      process.stderr.write(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    })
    .finally(runCleanups);
}

export interface HttpReply {
  status: number;
  body: string;
}

/**
 * One request over a keep-alive agent (node:http: lighter on the shared CPUs than fetch); a JSON body when given
 * (`json`: one already serialized).
 */
export function httpRequest(
  agent: http.Agent,
  port: number,
  method: string,
  pathAndQuery: string,
  options: { token?: string; body?: unknown; json?: string; headers?: Record<string, string>; timeoutMs: number },
): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const payload = options.json ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (payload !== undefined) headers['content-type'] = 'application/json';
    const request = http.request({ host: '127.0.0.1', port, path: pathAndQuery, method, agent, headers, timeout: options.timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`${method} ${pathAndQuery} took over ${options.timeoutMs / 1000} s`)));
    request.on('error', reject);
    request.end(payload);
  });
}

/** What identity's CreateWorkspace writes when a reviewer approves an application: a workspace and its Owner, as seed. */
export function approvedWorkspaceEvents(workspace: { workspaceId: string; type: 'ISV' | 'MERCHANT'; name: string; ownerAccountId: string; applicationId?: string }, at = new Date()): NewEvent[] {
  const actor = { accountId: 'bench-reviewer', platformRoles: ['REVIEWER'] };
  const events = workspaceDecider.decide(
    {
      type: 'CreateWorkspace',
      workspaceId: workspace.workspaceId,
      workspaceType: workspace.type,
      name: workspace.name,
      ownerAccountId: workspace.ownerAccountId,
      applicationId: workspace.applicationId ?? randomUUID(),
      profile: { businessAddress: '1 Harbour Road', countryRegion: 'SG', businessRepresentative: 'Alex Tan', contactEmail: 'hello@bench.example.com' },
    },
    workspaceDecider.initialState(),
    { now: at, newId: randomUUID, actor },
  );
  const correlationId = randomUUID();
  return events.map((e) => ({ eventId: randomUUID(), type: e.type, data: e.data as unknown as Record<string, unknown>, metadata: { correlationId, actor, occurredAt: at.toISOString() } }));
}

/** Clock ticks per second of /proc/<pid>/stat (getconf CLK_TCK; 100 on Linux). */
export const CLK_TCK = (() => {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isInteger(ticks) && ticks > 0 ? ticks : 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU seconds a process has used so far (every thread, libuv's pool included), or undefined off Linux. */
export function processCpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "(comm)": state is field 3, utime field 14, stime field 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return undefined;
  }
}

/** CPU seconds so far per named group of processes; read before and after a phase. */
export type CpuProbe = () => Promise<Map<string, Map<number, number>>>;

/** Busy CPU seconds of the whole machine so far (every process, ours or not), from /proc/stat. */
export function machineBusySeconds(): number | undefined {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    const [user, nice, system, , , irq, softirq, steal] = fields.map(Number);
    return (user + nice + system + irq + softirq + steal) / CLK_TCK;
  } catch {
    return undefined;
  }
}

export const MACHINE = 'whole machine';

export function pidProbe(groups: () => Promise<Record<string, number[]>>): CpuProbe {
  return async () => {
    const out = new Map<string, Map<number, number>>();
    const busy = machineBusySeconds();
    if (busy !== undefined) out.set(MACHINE, new Map([[0, busy]]));
    for (const [name, pids] of Object.entries(await groups())) {
      const seconds = new Map<number, number>();
      for (const pid of pids) {
        const s = processCpuSeconds(pid);
        if (s !== undefined) seconds.set(pid, s);
      }
      out.set(name, seconds);
    }
    return out;
  };
}

/** CPU used by each group between two probes; a process that appeared meanwhile counts from its start. */
export function cpuBetween(before: Map<string, Map<number, number>>, after: Map<string, Map<number, number>>): Map<string, number> {
  const used = new Map<string, number>();
  for (const [name, pids] of after) {
    let total = 0;
    for (const [pid, seconds] of pids) total += seconds - (before.get(name)?.get(pid) ?? 0);
    used.set(name, total);
  }
  return used;
}

/**
 * CPU of a bench cluster's parts: the gateway, the service under test, the other services, Kafka (when the bench
 * knows its process) and PostgreSQL (the backends serving the run's databases).
 */
export async function clusterCpuProbe(bench: { cluster: RunningCluster; kafka: { pid?: number }; databases: string[] }, service: string): Promise<CpuProbe> {
  const admin = new Client({ connectionString: pgUrl('postgres') });
  await admin.connect();
  cleanups.push(() => admin.end());
  const pid = (app: string) => bench.cluster.processes.get(app)!.pid!;
  return pidProbe(async () => {
    const { rows } = await admin.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = ANY($1::text[])`, [bench.databases]);
    return {
      gateway: [pid('gateway')],
      [service]: [pid(service)],
      'other services': SERVICES.filter((s) => s !== service).map(pid),
      kafka: bench.kafka.pid ? [bench.kafka.pid] : [],
      postgres: rows.map((r) => r.pid),
    };
  });
}

/**
 * The same CPU split by service: each app's process, and the PostgreSQL backends serving its database (`<service> db`);
 * where a phase's time goes in the other services, which the coarse probe lumps together.
 */
export async function perServiceCpuProbe(bench: { cluster: RunningCluster; databases: string[] }): Promise<CpuProbe> {
  const admin = new Client({ connectionString: pgUrl('postgres') });
  await admin.connect();
  cleanups.push(() => admin.end());
  return pidProbe(async () => {
    const { rows } = await admin.query<{ pid: number; datname: string }>(`SELECT pid, datname FROM pg_stat_activity WHERE datname = ANY($1::text[])`, [bench.databases]);
    const groups: Record<string, number[]> = {};
    for (const [i, service] of SERVICES.entries()) {
      groups[service] = [bench.cluster.processes.get(service)!.pid!];
      groups[`${service} db`] = rows.filter((r) => r.datname === bench.databases[i]).map((r) => r.pid);
    }
    return groups;
  });
}

/** A workspace a bench acts for, with its Owner's token. */
export interface BenchParty {
  workspaceId: string;
  ownerAccountId: string;
  token: string;
}

/**
 * The parties of a bench and how it signs in: tokens minted with the cluster's secret (no sign-ups: scrypt would
 * measure identity), workspaces appended to identity's store as approvals write them (identity.events carries them
 * to the others), each service's database with a small pool, closed at the end.
 */
export function benchParties(jwtSecret: string, databaseUrl: (service: string) => string, ttlSeconds = 3600) {
  const token = (accountId: string, roles: string[] = []) => signAccessToken(jwtSecret, { accountId, roles, expiresInSeconds: ttlSeconds });
  return {
    token,
    db(service: string): PostgresSqlClient {
      const sql = new PostgresSqlClient({ connectionString: databaseUrl(service), max: 2 });
      cleanups.push(() => sql.close());
      return sql;
    },
    async parties(count: number): Promise<BenchParty[]> {
      return Promise.all(
        Array.from({ length: count }, async () => {
          const ownerAccountId = randomUUID();
          return { workspaceId: randomUUID(), ownerAccountId, token: await token(ownerAccountId) };
        }),
      );
    },
    async approve(identitySql: SqlClient, workspaces: { party: BenchParty; type: 'ISV' | 'MERCHANT'; name: string }[]): Promise<void> {
      const store = new SqlEventStore(identitySql);
      await identitySql.transaction(async (tx) => {
        const inTx = store.withClient(tx);
        for (const { party, type, name } of workspaces) {
          await inTx.append(workspaceStreamId(party.workspaceId), approvedWorkspaceEvents({ workspaceId: party.workspaceId, type, name, ownerAccountId: party.ownerAccountId }), { expectedVersion: 'no_stream' });
        }
      });
    },
  };
}

/**
 * Waits until the machine is quiet (under `cores` busy over a second; an idle bench cluster uses about 0.2), at most
 * `maxMs`: the events a phase leaves behind are still being fanned out to the other services for seconds after its
 * last answer, and the next phase would otherwise be charged with them. Returns how long it waited.
 */
export async function settled(probe: CpuProbe, cores = 0.4, maxMs = 60_000): Promise<number> {
  const started = performance.now();
  for (let before = await probe(); performance.now() - started < maxMs; ) {
    await sleep(1000);
    const after = await probe();
    const busy = cpuBetween(before, after).get(MACHINE);
    if (busy !== undefined && busy < cores) break;
    before = after;
  }
  return performance.now() - started;
}
