import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ServiceName } from '@mpp/contracts';
import { ProjectionRunner, SqlEventStore } from '@mpp/eventsourcing';
import { InProcessRequestBus, inProcessInbound, RequestBus } from '@mpp/messaging';
import { ConfigError, createLogger, EnvReader, Logger } from '@mpp/platform';
import { runningStandalonePid } from './operations/service-storage';
import { openStandaloneStorage } from './standalone-storage';
import { exitOnConfigError, onShutdown } from './process-lifecycle';
import { ServiceDefinition } from '@mpp/application';
import { attachRunners, RunningService, startService } from './service-host';

export interface StandaloneGateway {
  url: string;
  close(): Promise<void>;
}

export interface Standalone {
  services: Map<ServiceName, RunningService>;
  bus: RequestBus;
  gateway: StandaloneGateway;
  stop(): Promise<void>;
}

/**
 * Standalone keeps its secrets with its data, made on first start, so they survive a restart without any setup:
 * tokens stay valid, usage events' visitors stay the same people, and webhooks' sealed secrets still open.
 */
function ensureSecret(dataDir: string, variable: string, fileName: string): void {
  if (process.env[variable]) return;
  const file = path.join(dataDir, fileName);
  if (!existsSync(file)) writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  process.env[variable] = readFileSync(file, 'utf8').trim();
}

/**
 * Every service and the gateway in one process: one embedded PGlite database under DATA_DIR with a schema per
 * service, requests as direct calls, and events carried by the in-process transport (each consumer reads the
 * publisher's store with a durable checkpoint of its own).
 */
export async function startStandalone(
  definitions: ServiceDefinition[],
  startGateway: (bus: RequestBus, logger: Logger) => Promise<StandaloneGateway>,
  logger: Logger = createLogger('standalone'),
): Promise<Standalone> {
  const env = new EnvReader();
  const dataDir = path.resolve(exitOnConfigError(logger, () => env.string('DATA_DIR', './data')));
  const layout = exitOnConfigError(logger, () => env.oneOf('STANDALONE_LAYOUT', ['one-database', 'database-per-service'] as const, 'one-database'));
  mkdirSync(dataDir, { recursive: true });
  const other = runningStandalonePid(dataDir);
  if (other !== undefined) {
    exitOnConfigError(logger, () => {
      throw new ConfigError('DATA_DIR', `is in use by another standalone (pid ${other}); stop it or choose another DATA_DIR`);
    });
  }
  ensureSecret(dataDir, 'JWT_SECRET', 'jwt-secret');
  ensureSecret(dataDir, 'USAGE_PSEUDONYM_KEY', 'usage-pseudonym-key');
  ensureSecret(dataDir, 'WEBHOOK_SECRETS_KEY', 'webhook-secrets-key');
  // A laptop's webhooks go to a receiver on the laptop (DOMAIN.md 7: allowed in development, never in production).
  process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS ??= process.env.NODE_ENV === 'production' ? 'false' : 'true';
  const pidFile = path.join(dataDir, 'standalone.pid');
  writeFileSync(pidFile, String(process.pid));

  const storage = await openStandaloneStorage(dataDir, logger, layout);
  const bus = new InProcessRequestBus();
  const services = new Map<ServiceName, RunningService>();
  for (const definition of definitions) {
    const sql = await storage.client(definition.name);
    const store = await new SqlEventStore(sql).init();
    const running = await startService(definition, { sql, store, logger: logger.child({ component: definition.name }) }, { startReaders: false });
    services.set(definition.name, running);
    bus.attach(running.router);
  }
  for (const running of services.values()) {
    const inbound = running.definition.consumes.map((source) => {
      const publisher = services.get(source);
      if (!publisher) throw new Error(`${running.definition.name} consumes ${source}, which is not part of this standalone`);
      const onError = (error: unknown) => logger.error({ err: error, source }, 'in-process delivery failed; retrying');
      return new ProjectionRunner(running.infra.sql, publisher.infra.store, inProcessInbound(source, running.inbox, publisher.definition.publishes), { onError, maxAttempts: Infinity });
    });
    await attachRunners(running, inbound, { startReaders: false });
  }
  const gateway = await startGateway(bus, logger.child({ component: 'gateway' }));
  // Serving first, then reading: the readers' first polls would otherwise queue behind the services' start on the one
  // database. Reads that lag for a moment are what every read model may do; nothing is lost, the logs are there.
  for (const running of services.values()) running.startReaders();

  // Gateway first (no new requests), then every reader and worker, and only then the database: a service's
  // in-process consumers read other services' stores, so it may not close while any runner still polls.
  const stop = async () => {
    await gateway.close();
    await Promise.all([...services.values()].map((running) => running.stop()));
    await storage.close();
    rmSync(pidFile, { force: true });
  };
  return { services, bus, gateway, stop };
}

/** `npm start`: standalone with a clear start-up line, stopped by Ctrl-C. */
export async function runStandalone(
  definitions: ServiceDefinition[],
  startGateway: (bus: RequestBus, logger: Logger) => Promise<StandaloneGateway>,
): Promise<void> {
  const logger = createLogger('standalone');
  const standalone = await startStandalone(definitions, startGateway, logger);
  const url = standalone.gateway.url;
  logger.info({ url, docs: `${url}/docs`, dataDir: process.env.DATA_DIR ?? './data' }, 'standalone ready');
  process.stdout.write(
    `\nMini Program Platform (standalone) is running\n  API      ${url}/v1\n  Docs     ${url}/docs\n  OpenAPI  ${url}/docs/openapi.json\n  AsyncAPI ${url}/docs/asyncapi.json\n  Metrics  ${url}/metrics\n  Health   ${url}/health/ready\n  Data     ${path.resolve(process.env.DATA_DIR ?? './data')}\nPress Ctrl-C to stop.\n\n`,
  );
  onShutdown(logger, standalone.stop);
}
