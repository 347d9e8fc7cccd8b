import { deadLetterTopic, eventsTopic, requestsTopic } from '@mpp/contracts';
import { ProjectionRunner } from '@mpp/eventsourcing';
import { createKafka, DEFAULT_REQUEST_SESSION_MS, ensureTopics, eventRelay, KafkaInboundConsumer, KafkaPublisher, KafkaRequestServer } from '@mpp/messaging';
import { createLogger, EnvReader, Logger } from '@mpp/platform';
import { exitOnConfigError, onShutdown } from './process-lifecycle';
import { openDatabase, openEventStore, readStorageConfig } from './service-config';
import { ServiceDefinition } from '@mpp/application';
import { attachRunner, startService } from './service-host';
import { startHealthServer } from './health-server';
import { observeConsumerGroup } from './service-metrics';

/**
 * Runs one service as its own process in the cluster: PostgreSQL (or EventStoreDB) for its store, Kafka
 * for everything between processes: the relay to `<service>.events`, its consumer group on the topics it
 * consumes, and the request server on `<service>.requests`.
 */
export async function runClusterService(definition: ServiceDefinition): Promise<void> {
  const logger = createLogger(definition.name);
  try {
    await bootClusterService(definition, logger);
  } catch (error) {
    // Configuration read while the module boots (e.g. JWT_SECRET in identity) stops the process like the rest.
    exitOnConfigError(logger, () => {
      throw error;
    });
    logger.fatal({ err: error }, `${definition.name} failed to start`);
    process.exit(1);
  }
}

async function bootClusterService(definition: ServiceDefinition, logger: Logger): Promise<void> {
  const env = new EnvReader();
  const config = exitOnConfigError(logger, () => ({
    storage: readStorageConfig(env, { requireDatabase: true }),
    brokers: env.list('KAFKA_BROKERS', []),
    healthPort: env.int('HEALTH_PORT', 0, { min: 0, max: 65535 }),
    requestSessionMs: env.int('KAFKA_REQUEST_SESSION_TIMEOUT_MS', DEFAULT_REQUEST_SESSION_MS, { min: 1000, max: 300_000 }),
  }));
  if (config.brokers.length === 0) exitOnConfigError(logger, () => env.string('KAFKA_BROKERS'));

  // How long each stage of a start took, in the ready line: what a restart after a crash waits for.
  const stages: Record<string, number> = { loadMs: Math.round(process.uptime() * 1000) };
  let mark = performance.now();
  const lap = (stage: string) => {
    stages[stage] = Math.round(performance.now() - mark);
    mark = performance.now();
  };
  let ready = false;
  if (config.healthPort) await startHealthServer(config.healthPort, () => ready);
  const sql = await openDatabase(definition.name, config.storage, logger);
  const store = await openEventStore(config.storage, sql);
  const service = await startService(definition, { sql, store, logger });
  lap('serviceMs');

  const kafka = createKafka(`mpp-${definition.name}`, config.brokers, logger);
  const consumed = definition.consumes.map(eventsTopic);
  await ensureTopics(kafka, [eventsTopic(definition.name), requestsTopic(definition.name), ...consumed, ...consumed.map(deadLetterTopic)]);
  const publisher = new KafkaPublisher(kafka);
  await publisher.connect();
  const onError = (error: unknown) => logger.error({ err: error }, 'relay failed; retrying');
  await attachRunner(service, new ProjectionRunner(sql, store, eventRelay(definition.name, publisher, definition.publishes), { onError, maxAttempts: Infinity }));
  lap('kafkaMs');
  // Requests first: joining a group waits for a member killed without leaving to time out, and the event
  // consumer's session is the longer one; requests need not wait for it.
  const server = new KafkaRequestServer(kafka, service.router, logger, config.requestSessionMs);
  await server.start();
  const inbound = consumed.length ? new KafkaInboundConsumer(kafka, definition.name, consumed, service.inbox, sql, publisher, logger) : undefined;
  await inbound?.start();
  const unobserved = [
    observeConsumerGroup(kafka, definition.name, `${definition.name}.requests`, [requestsTopic(definition.name)]),
    ...(inbound ? [observeConsumerGroup(kafka, definition.name, inbound.groupId, consumed)] : []),
  ];
  await server.ready;
  lap('requestsJoinMs');
  await inbound?.ready;
  lap('eventsJoinMs');
  ready = true;
  logger.info({ consumes: consumed, healthPort: config.healthPort || undefined, ...stages }, `${definition.name} ready`);

  onShutdown(logger, async () => {
    ready = false;
    await Promise.all(unobserved.map((stop) => stop()));
    await server.stop();
    await inbound?.stop();
    await service.stop();
    await publisher.disconnect();
    await store.close();
    await sql.close();
  });
}
