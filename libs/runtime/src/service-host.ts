import { DynamicModule, Global, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { AggregateStore, EventStore, ProjectionRunner, SqlClient } from '@mpp/eventsourcing';
import { Inbox, RequestRouter } from '@mpp/messaging';
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
  stop(): Promise<void>;
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
export async function startService(definition: ServiceDefinition, infra: ServiceInfrastructure): Promise<RunningService> {
  const inbox = await new Inbox(infra.sql).init();
  const router = await new RequestRouter(definition.name, infra.sql, infra.logger).init();
  const logs = await openServiceLogs(definition, infra.sql, infra.store, inbox);

  @Module({ imports: [infrastructureModule(infra, inbox, logs), definition.module] })
  class ServiceRootModule {}
  const context = await NestFactory.createApplicationContext(ServiceRootModule, { logger: false, abortOnError: false });
  await definition.onStart?.(context);
  if (definition.requests) router.registerClasses(definition.requests, { commands: context.get(CommandBus), queries: context.get(QueryBus) });

  const onError = (error: unknown) => infra.logger.error({ err: error }, 'projection failed; retrying');
  const runners: ProjectionRunner[] = [];
  for (const projection of definition.projections) {
    runners.push(await new ProjectionRunner(infra.sql, logOf(logs, projection), projection, { onError, batchSize: projection.batchSize }).init());
  }
  runners.forEach((r) => r.start());
  const workers: ProjectionRunner[] = [];
  for (const worker of definition.workers?.(context) ?? []) {
    // One event per transaction: a worker acts outside (sends mail), so a failure must not repeat a batch.
    workers.push(await new ProjectionRunner(infra.sql, logOf(logs, worker), worker, { onError, maxAttempts: Infinity, batchSize: 1 }).init());
  }
  workers.forEach((w) => w.start());
  const daemons = definition.daemons?.(context, (message) => router.handle(message)) ?? [];
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
    async stop() {
      // Daemons first: they act through the handlers and the database, which must still be there while they settle.
      unobserve();
      await Promise.all(daemons.map((d) => d.stop()));
      await Promise.all([...runners, ...running.extraRunners].map((r) => r.stop()));
      await context.close();
    },
  };
  unobserve = observeService(running);
  return running;
}

/** Starts an extra reader of a log (relay or inbound subscription) that stops with the service. */
export async function attachRunner(service: RunningService, runner: ProjectionRunner): Promise<void> {
  await runner.init();
  runner.start();
  service.extraRunners.push(runner);
}
