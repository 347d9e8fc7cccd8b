import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { SERVICES, ServiceName } from '@mpp/contracts';

export interface ClusterOptions {
  /** The repository root: apps run from dist/apps/<app>/main.js (bundled by the build). */
  root: string;
  /** e.g. postgres://postgres@127.0.0.1:5432/mpp_{service} */
  databaseUrlTemplate: string;
  kafkaBrokers: string;
  gatewayPort: number;
  /** Services' health ports are healthPortBase + 1, + 2, ... */
  healthPortBase: number;
  jwtSecret: string;
  /** The gateway's key for usage pseudonyms; one drawn for this launcher's life (restarts keep it) when not given. */
  usagePseudonymKey?: string;
  /** integrations' key for sealing webhook secrets; one drawn for this launcher's life (restarts keep it) when not given. */
  webhookSecretsKey?: string;
  env?: Record<string, string>;
  /** Extra environment for one app, e.g. { identity: { SMTP_URL } }. */
  appEnv?: Record<string, Record<string, string>>;
  onOutput?: (app: string, line: string) => void;
  readyTimeoutMs?: number;
  /** Starts an app again a second after it exits on its own (a crash, a kill -9), as a process supervisor would. */
  restartOnExit?: boolean;
}

export interface RunningCluster {
  gatewayUrl: string;
  processes: Map<string, ChildProcess>;
  /** Kills an app with a signal (SIGKILL: as a crash would) and waits until it has exited. */
  kill(app: string, signal?: NodeJS.Signals): Promise<void>;
  /** Starts an app that has exited again, with the environment it had, and waits until it is ready. */
  restart(app: string): Promise<void>;
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

interface AppSpec {
  app: string;
  env: Record<string, string | undefined>;
  ready: string;
}

/** Starts every service and the gateway as separate processes against Kafka and PostgreSQL, and waits until all are ready. */
export async function launchCluster(options: ClusterOptions): Promise<RunningCluster> {
  const processes = new Map<string, ChildProcess>();
  let stopping = false;
  const readyTimeoutMs = options.readyTimeoutMs ?? 90_000;
  const base = {
    ...process.env,
    ...options.env,
    KAFKA_BROKERS: options.kafkaBrokers,
    JWT_SECRET: options.jwtSecret,
    USAGE_PSEUDONYM_KEY: options.usagePseudonymKey ?? randomBytes(48).toString('base64url'),
    WEBHOOK_SECRETS_KEY: options.webhookSecretsKey ?? randomBytes(48).toString('base64url'),
    KAFKAJS_NO_PARTITIONER_WARNING: '1',
  };
  const specs: AppSpec[] = SERVICES.map((service: ServiceName, i) => ({
    app: service,
    env: { ...base, DATABASE_URL: options.databaseUrlTemplate.replace('{service}', service), HEALTH_PORT: String(options.healthPortBase + i + 1), ...options.appEnv?.[service] },
    ready: `http://127.0.0.1:${options.healthPortBase + i + 1}/health/ready`,
  }));
  specs.push({
    app: 'gateway',
    env: { ...base, PORT: String(options.gatewayPort), GATEWAY_INSTANCE_ID: `gateway-${options.gatewayPort}`, ...options.appEnv?.gateway },
    ready: `http://127.0.0.1:${options.gatewayPort}/health/ready`,
  });

  /** Spawns one app and resolves once its readiness URL answers 200. */
  const start = ({ app, env, ready }: AppSpec): Promise<void> => {
    const child = spawn(process.execPath, ['--enable-source-maps', path.join(options.root, 'dist/apps', app, 'main.js')], {
      env,
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
    child.once('exit', (code, signal) => {
      if (!options.restartOnExit || stopping || processes.get(app) !== child) return;
      options.onOutput?.(app, `exited (${signal ?? code}); starting it again`);
      setTimeout(() => void start({ app, env, ready }).catch((error: unknown) => options.onOutput?.(app, String(error))), 1000);
    });
    return waitUntilReady(app, ready, child, tail, Date.now() + readyTimeoutMs);
  };
  const specOf = (app: string) => {
    const spec = specs.find((s) => s.app === app);
    if (!spec) throw new Error(`no app ${app} in this cluster`);
    return spec;
  };

  // The apps run in their own process groups; never leave them behind when the launcher exits without stop().
  const killAll = () => processes.forEach((child) => child.exitCode === null && child.kill('SIGKILL'));
  process.once('exit', killAll);
  const cluster: RunningCluster = {
    gatewayUrl: `http://127.0.0.1:${options.gatewayPort}`,
    processes,
    kill: async (app, signal = 'SIGKILL') => {
      const child = processes.get(app);
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill(signal);
      await exited;
    },
    restart: async (app) => {
      const child = processes.get(app);
      if (child && child.exitCode === null && child.signalCode === null) throw new Error(`${app} is still running`);
      await start(specOf(app));
    },
    stop: async () => {
      stopping = true;
      await Promise.all([...processes.values()].map(stopProcess));
      process.off('exit', killAll);
    },
  };
  try {
    await Promise.all(specs.map(start));
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return cluster;
}
