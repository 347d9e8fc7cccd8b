import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { SERVICES, ServiceName } from '@mpp/contracts';

export interface ClusterOptions {
  /** The repository root: apps run from dist/apps/<app>/src/main.js. */
  root: string;
  /** e.g. postgres://postgres@127.0.0.1:5432/mpp_{service} */
  databaseUrlTemplate: string;
  kafkaBrokers: string;
  gatewayPort: number;
  /** Services' health ports are healthPortBase + 1, + 2, ... */
  healthPortBase: number;
  jwtSecret: string;
  env?: Record<string, string>;
  /** Extra environment for one app, e.g. { identity: { SMTP_URL } }. */
  appEnv?: Record<string, Record<string, string>>;
  onOutput?: (app: string, line: string) => void;
  readyTimeoutMs?: number;
}

export interface RunningCluster {
  gatewayUrl: string;
  processes: Map<string, ChildProcess>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntilReady(app: string, url: string, child: ChildProcess, tail: string[], deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${app} exited with ${child.exitCode}:\n${tail.join('\n')}`);
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${app} was not ready at ${url} in time:\n${tail.join('\n')}`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Starts every service and the gateway as separate processes against Kafka and PostgreSQL, and waits until all are ready. */
export async function launchCluster(options: ClusterOptions): Promise<RunningCluster> {
  const processes = new Map<string, ChildProcess>();
  const waits: Promise<void>[] = [];
  const deadline = Date.now() + (options.readyTimeoutMs ?? 90_000);
  const base = { ...process.env, ...options.env, KAFKA_BROKERS: options.kafkaBrokers, JWT_SECRET: options.jwtSecret, KAFKAJS_NO_PARTITIONER_WARNING: '1' };
  const apps: { app: string; env: Record<string, string>; ready: string }[] = SERVICES.map((service: ServiceName, i) => ({
    app: service,
    env: { DATABASE_URL: options.databaseUrlTemplate.replace('{service}', service), HEALTH_PORT: String(options.healthPortBase + i + 1) },
    ready: `http://127.0.0.1:${options.healthPortBase + i + 1}/health/ready`,
  }));
  apps.push({ app: 'gateway', env: { PORT: String(options.gatewayPort), GATEWAY_INSTANCE_ID: `gateway-${options.gatewayPort}` }, ready: `http://127.0.0.1:${options.gatewayPort}/health/ready` });

  for (const { app, env, ready } of apps) {
    const child = spawn(process.execPath, ['--enable-source-maps', path.join(options.root, 'dist/apps', app, 'src/main.js')], {
      env: { ...base, ...env, ...options.appEnv?.[app] },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: a Ctrl-C in the terminal reaches the launcher only, which then stops each app once.
      detached: true,
    });
    processes.set(app, child);
    const tail: string[] = [];
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        tail.push(line);
        if (tail.length > 40) tail.shift();
        options.onOutput?.(app, line);
      }
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    waits.push(waitUntilReady(app, ready, child, tail, deadline));
  }
  // The apps run in their own process groups; never leave them behind when the launcher exits without stop().
  const killAll = () => processes.forEach((child) => child.exitCode === null && child.kill('SIGKILL'));
  process.once('exit', killAll);
  const cluster: RunningCluster = {
    gatewayUrl: `http://127.0.0.1:${options.gatewayPort}`,
    processes,
    stop: async () => {
      await Promise.all([...processes.values()].map(stopProcess));
      process.off('exit', killAll);
    },
  };
  try {
    await Promise.all(waits);
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return cluster;
}
