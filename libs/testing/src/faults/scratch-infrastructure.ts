import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../free-port';
import { repoRoot } from '../run-node';

/**
 * A PostgreSQL server and a Kafka broker of a fault test's own, so it can stop and restart them without
 * disturbing the machine's shared ones (or other tests using them).
 */
export interface ScratchServer {
  /** Where clients connect: a postgres URL template with `{database}`, or the broker's host:port. */
  address: string;
  /** Stops the server as an operator's restart does (clients see their connections end), then starts it again. */
  restart(): Promise<void>;
  stopFor(ms: number): Promise<void>;
  close(): Promise<void>;
}

// Never synchronous: the test's clients go on sending requests while a server stops and starts.
const run = async (command: string, args: string[], env: NodeJS.ProcessEnv = process.env) =>
  (await promisify(execFile)(command, args, { env, cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 })).stdout;

// PostgreSQL refuses to run as root; a root test runner runs its tools as the postgres user.
const asPostgres = (command: string, args: string[]) => (process.getuid?.() === 0 ? run('runuser', ['-u', 'postgres', '--', command, ...args]) : run(command, args));

/** Where initdb and pg_ctl are: pg_config's answer, else the newest Debian-style /usr/lib/postgresql/<version>/bin. */
async function postgresBinaries(): Promise<string> {
  try {
    return (await run('pg_config', ['--bindir'])).trim();
  } catch {
    const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
    if (!versions[0]) throw new Error('no PostgreSQL server binaries found (pg_config, /usr/lib/postgresql)');
    return path.join('/usr/lib/postgresql', versions[0], 'bin');
  }
}

/** A throw-away PostgreSQL cluster (initdb, trust auth, no fsync) on a free port under a temporary directory. */
export async function startScratchPostgres(): Promise<ScratchServer> {
  const bin = await postgresBinaries();
  const dir = mkdtempSync(path.join(tmpdir(), 'mpp-faults-pg-'));
  if (process.getuid?.() === 0) {
    const uid = Number(await run('id', ['-u', 'postgres']));
    const gid = Number(await run('id', ['-g', 'postgres']));
    chownSync(dir, uid, gid);
  }
  const port = await freePort();
  const data = path.join(dir, 'data');
  await asPostgres(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const pgCtl = (...args: string[]) => asPostgres(path.join(bin, 'pg_ctl'), ['-D', data, '-w', '-l', path.join(dir, 'server.log'), ...args]);
  await pgCtl('-o', options, 'start');
  return {
    address: `postgres://postgres@127.0.0.1:${port}/{database}`,
    async restart() {
      // Fast mode: sessions are ended at once (57P01), as a restart by an operator or a failover does.
      await pgCtl('-m', 'fast', 'stop');
      await pgCtl('-o', options, 'start');
    },
    async stopFor(ms) {
      await pgCtl('-m', 'fast', 'stop');
      await new Promise((resolve) => setTimeout(resolve, ms));
      await pgCtl('-o', options, 'start');
    },
    async close() {
      try {
        await pgCtl('-m', 'immediate', 'stop');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** A Kafka broker of its own (scripts/kafka.sh on free ports, its data wiped at close). */
export async function startScratchKafka(): Promise<ScratchServer> {
  const [port, controllerPort] = [await freePort(), await freePort()];
  const env = { ...process.env, KAFKA_PORT: String(port), KAFKA_CONTROLLER_PORT: String(controllerPort) };
  const kafka = (command: string) => run('bash', [path.join(repoRoot, 'scripts/kafka.sh'), command], env);
  await kafka('start');
  return {
    address: `127.0.0.1:${port}`,
    async restart() {
      await kafka('stop');
      await kafka('start');
    },
    async stopFor(ms) {
      await kafka('stop');
      await new Promise((resolve) => setTimeout(resolve, ms));
      await kafka('start');
    },
    async close() {
      await kafka('reset');
    },
  };
}
