import { rmSync } from 'node:fs';
import path from 'node:path';
import { ServiceName } from '@mpp/contracts';
import { ProjectionRunner, SqlEventStore } from '@mpp/eventsourcing';
import { InProcessRequestBus, inProcessInbound, RequestBus } from '@mpp/messaging';
import { createLogger, Logger } from '@mpp/platform';
import { onShutdown } from './process-lifecycle';
import { trimFreedMemoryEvery } from './freed-memory';
import { takeStandaloneData } from './standalone-data';
import { StandaloneStorage } from './standalone-storage';
import { ServiceDefinition } from '@mpp/application';
import { attachRunners, RunningService, startService } from './service-host';

export interface StandaloneGateway {
  url: string;
  close(): Promise<void>;
}

/** Starts the gateway on the bus, listening once `listenWhen` resolves (its app is built meanwhile). */
export type StartGateway = (bus: RequestBus, logger: Logger, listenWhen: Promise<void>) => Promise<StandaloneGateway>;

export interface Standalone {
  services: Map<ServiceName, RunningService>;
  bus: RequestBus;
  gateway: StandaloneGateway;
  stop(): Promise<void>;
}

/**
 * Every service and the gateway in one process: one embedded PGlite database under DATA_DIR with a schema per
 * service, requests as direct calls, and events carried by the in-process transport (each consumer reads the
 * publisher's store with a durable checkpoint of its own).
 */
export async function startStandalone(
  definitions: ServiceDefinition[],
  startGateway: StartGateway,
  logger: Logger = createLogger('standalone'),
): Promise<Standalone> {
  const data = takeStandaloneData(logger);
  const bus = new InProcessRequestBus();
  const services = new Map<ServiceName, RunningService>();
  // Everything at once: the gateway's app is mostly this thread's work, a service's start mostly its database's
  // (on PGlite's thread), so each fills the other's waits. The gateway listens once every service is in: until then
  // its port is closed, as it was before anything started (a probe costs nothing, a request waits for nothing).
  let servicesIn!: (started: boolean) => void;
  const listenWhen = new Promise<void>((resolve, reject) => (servicesIn = (started) => (started ? resolve() : reject(new Error('the services did not start')))));
  listenWhen.catch(() => undefined);
  const startingGateway = startGateway(bus, logger.child({ component: 'gateway' }), listenWhen);
  startingGateway.catch(() => undefined); // awaited below; its failure must not count as unhandled meanwhile
  let storage: StandaloneStorage;
  try {
    storage = await data.storage;
    await startServices(definitions, storage, bus, services, logger);
  } catch (error) {
    servicesIn(false);
    throw error;
  }
  servicesIn(true);
  const gateway = await startingGateway;
  for (const running of services.values()) running.startReaders();

  // Gateway first (no new requests), then every reader and worker, and only then the database: a service's
  // in-process consumers read other services' stores, so it may not close while any runner still polls.
  const stop = async () => {
    await gateway.close();
    await Promise.all([...services.values()].map((running) => running.stop()));
    await storage.close();
    rmSync(data.pidFile, { force: true });
  };
  return { services, bus, gateway, stop };
}

/** Every service at once, each in its schema, then the readers that carry each one's events to the others (not started). */
async function startServices(definitions: ServiceDefinition[], storage: StandaloneStorage, bus: InProcessRequestBus, services: Map<ServiceName, RunningService>, logger: Logger): Promise<void> {
  await Promise.all(
    definitions.map(async (definition) => {
      const sql = await storage.client(definition.name);
      const store = await new SqlEventStore(sql).init();
      const running = await startService(definition, { sql, store, logger: logger.child({ component: definition.name }) }, { startReaders: false });
      services.set(definition.name, running);
      bus.attach(running.router);
    }),
  );
  await Promise.all(
    [...services.values()].map((running) => {
      const inbound = running.definition.consumes.map((source) => {
        const publisher = services.get(source);
        if (!publisher) throw new Error(`${running.definition.name} consumes ${source}, which is not part of this standalone`);
        const onError = (error: unknown) => logger.error({ err: error, source }, 'in-process delivery failed; retrying');
        return new ProjectionRunner(running.infra.sql, publisher.infra.store, inProcessInbound(source, running.inbox, publisher.definition.publishes), { onError, maxAttempts: Infinity });
      });
      return attachRunners(running, inbound, { startReaders: false });
    }),
  );
}

/** `npm start`: standalone with a clear start-up line, stopped by Ctrl-C. */
export async function runStandalone(definitions: ServiceDefinition[], startGateway: StartGateway): Promise<void> {
  const logger = createLogger('standalone');
  const standalone = await startStandalone(definitions, startGateway, logger);
  const url = standalone.gateway.url;
  logger.info({ url, docs: `${url}/docs`, dataDir: process.env.DATA_DIR ?? './data' }, 'standalone ready');
  process.stdout.write(
    `\nMini Program Platform (standalone) is running\n  API      ${url}/v1\n  Docs     ${url}/docs\n  OpenAPI  ${url}/docs/openapi.json\n  AsyncAPI ${url}/docs/asyncapi.json\n  Metrics  ${url}/metrics\n  Health   ${url}/health/ready\n  Data     ${path.resolve(process.env.DATA_DIR ?? './data')}\nPress Ctrl-C to stop.\n\n`,
  );
  const stopTrimming = trimFreedMemoryEvery(2_000, logger);
  onShutdown(logger, async () => {
    stopTrimming();
    await standalone.stop();
  });
}
