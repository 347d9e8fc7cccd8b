import './tracing';
import { hostname } from 'node:os';
import { GatewayConfig, startGatewayServer } from '@mpp/gateway';
import { createKafka, DEFAULT_REQUEST_SESSION_MS, KafkaRequestBus } from '@mpp/messaging';
import { createLogger, EnvReader } from '@mpp/platform';
import { exitOnConfigError, onShutdown } from '@mpp/runtime';

// The gateway as its own process: HTTP in front, Kafka request/reply to the services behind.
async function main(): Promise<void> {
  const logger = createLogger('gateway');
  const env = new EnvReader();
  const { config, brokers, instanceId, requestSessionMs } = exitOnConfigError(logger, () => ({
    config: GatewayConfig.fromEnv(),
    brokers: env.string('KAFKA_BROKERS').split(','),
    instanceId: env.string('GATEWAY_INSTANCE_ID', `${hostname()}-${process.env.PORT ?? 3000}`),
    requestSessionMs: env.int('KAFKA_REQUEST_SESSION_TIMEOUT_MS', DEFAULT_REQUEST_SESSION_MS, { min: 1000, max: 300_000 }),
  }));
  const bus = new KafkaRequestBus(createKafka('mpp-gateway', brokers, logger), instanceId, logger, config.requestTimeoutMs, requestSessionMs);
  let busReady = false;
  const server = await startGatewayServer(bus, config, logger, [
    {
      name: 'kafka',
      check: async () => {
        if (!busReady) throw new Error('not connected to Kafka yet');
      },
    },
  ]);
  logger.info({ url: server.url }, 'gateway listening; connecting to Kafka');
  await bus.start();
  busReady = true;
  logger.info({ url: server.url, docs: `${server.url}/docs` }, 'gateway ready');
  onShutdown(logger, async () => {
    await server.close();
    await bus.close();
  });
}

main().catch((error: unknown) => {
  createLogger('gateway').fatal({ err: error }, 'gateway failed to start');
  process.exit(1);
});
