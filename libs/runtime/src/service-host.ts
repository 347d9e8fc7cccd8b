import { DynamicModule, Global, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { AggregateStore, EventStore, ProjectionRunner, SqlClient } from '@mpp/eventsourcing';
import { Inbox, RequestRouter, typesReadFromInbox } from '@mpp/messaging';
import { Logger } from '@mpp/platform';
import { logOf, openServiceLogs, ServiceDefinition, ServiceLogs } from '@mpp/application';
import { observeService } from './service-metrics';
import { AGGREGATE_STORE, EVENT_STORE, INBOX, LOGGER, SERVICE_LOGS, SQL_CLIENT } from '@mpp/application';

export interface ServiceInfrastructure {
  sql: SqlClient;
  store: EventStore;
  logger: Logger;
}

/** A started service: its Nest context, router, inbox and projection runners. */
export interface RunningService {
  definition: ServiceDefinition;
  infra: ServiceInfrastructure;
  context: INestApplicationContext;
  router: RequestRouter;
  inbox: Inbox;
  runners: ProjectionRunner[];
  /** Extra readers the transport adds (relay, inbound subscriptions); stopped with the service. */
  extraRunners: ProjectionRunner[];
  /** Starts every reader not started yet (all of them, for a service started with `startReaders: false`). */
  startReaders(): void;
  stop(): Promise<void>;
}

export interface StartOptions {
  /**
   * false: the readers (projections, workers, extra runners) start only at `startReaders()`. Standalone boots every
   * service first, so that their first polls do not queue behind, and delay, the other services' start on one PGlite.
   */
  startReaders?: boolean;
}

function infrastructureModule(infra: ServiceInfrastructure, inbox: Inbox, logs: ServiceLogs): DynamicModule {
  @Global()
  @Module({})
  class ServiceInfrastructureModule {}
  return {
    module: ServiceInfrastructureModule,
    providers: [
      { provide: SQL_CLIENT, useValue: infra.sql },
      { provide: EVENT_STORE, useValue: infra.store },
      { provide: AGGREGATE_STORE, useValue: new AggregateStore(infra.store) },
      { provide: INBOX, useValue: inbox },
      { provide: LOGGER, useValue: infra.logger },
      { provide: SERVICE_LOGS, useValue: logs },
    ],
    exports: [SQL_CLIENT, EVENT_STORE, AGGREGATE_STORE, INBOX, LOGGER, SERVICE_LOGS],
  };
}

/** Boots a service whatever the transport: schema, Nest context, request router, projection runners. */
export async function startService(definition: ServiceDefinition, infra: ServiceInfrastructure, options: StartOptions = {}): Promise<RunningService> {
  const inbox = await new Inbox(infra.sql).init();
  const router = await new RequestRouter(definition.name, infra.sql, infra.logger).init();
  const logs = await openServiceLogs(definition, infra.sql, infra.store, inbox);

  @Module({ imports: [infrastructureModule(infra, inbox, logs), definition.module] })
  class ServiceRootModule {}
  const context = await NestFactory.createApplicationContext(ServiceRootModule, { logger: false, abortOnError: false });
  await definition.onStart?.(context);
  if (definition.requests) router.registerClasses(definition.requests, { commands: context.get(CommandBus), queries: context.get(QueryBus) });

  const onError = (error: unknown) => infra.logger.error({ err: error }, 'projection failed; retrying');
  const runners = definition.projections.map((projection) => new ProjectionRunner(infra.sql, logOf(logs, projection), projection, { onError, batchSize: projection.batchSize }));
  // One event per transaction: a worker acts outside (sends mail), so a failure must not repeat a batch.
  const workerReaders = definition.workers?.(context) ?? [];
  const workers = workerReaders.map((worker) => new ProjectionRunner(infra.sql, logOf(logs, worker), worker, { onError, maxAttempts: Infinity, batchSize: 1 }));
  // Before anything is received: the inbox keeps what its readers read.
  inbox.keepOnly(typesReadFromInbox([...definition.projections, ...workerReaders]));
  await ProjectionRunner.initAll([...runners, ...workers]);
  const daemons = definition.daemons?.(context, router) ?? [];
  for (const daemon of daemons) await daemon.start();

  let unobserve: () => void = () => undefined;
  const running: RunningService = {
    definition,
    infra,
    context,
    router,
    inbox,
    runners,
    extraRunners: workers,
    startReaders() {
      [...runners, ...running.extraRunners].forEach((r) => r.start());
    },
    async stop() {
      // Daemons first: they act through the handlers and the database, which must still be there while they settle.
      unobserve();
      await Promise.all(daemons.map((d) => d.stop()));
      await Promise.all([...runners, ...running.extraRunners].map((r) => r.stop()));
      await context.close();
    },
  };
  unobserve = observeService(running);
  if (options.startReaders ?? true) running.startReaders();
  return running;
}

/** Adds extra readers of logs (relay, inbound subscriptions) that stop with the service; started unless `startReaders` is false. */
export async function attachRunners(service: RunningService, runners: ProjectionRunner[], options: StartOptions = {}): Promise<void> {
  await ProjectionRunner.initAll(runners);
  service.extraRunners.push(...runners);
  if (options.startReaders ?? true) runners.forEach((runner) => runner.start());
}

/** Starts an extra reader of a log (relay or inbound subscription) that stops with the service. */
export const attachRunner = (service: RunningService, runner: ProjectionRunner) => attachRunners(service, [runner]);
