import { RequestBus } from '@mpp/messaging';
import { FileBlobStore, Logger } from '@mpp/platform';
import { createGatewayApp } from './gateway-app';
import { GatewayConfig } from './gateway.config';
import { ReadinessCheck } from './health/readiness';
import { GatewayRoutesModule } from './routes/gateway-routes.module';

export interface GatewayServer {
  url: string;
  close(): Promise<void>;
}

/** The public API on a port, whatever carries its requests (Kafka in the cluster, direct calls in standalone). */
export async function startGatewayServer(
  bus: RequestBus,
  config: GatewayConfig,
  logger: Logger,
  readinessChecks: ReadinessCheck[] = [],
  /** Built at once, listening only once this resolves (standalone: when its services are in). */
  listenWhen: Promise<unknown> = Promise.resolve(),
): Promise<GatewayServer> {
  const app = await createGatewayApp({
    module: GatewayRoutesModule.withBus(bus, new FileBlobStore(config.blobDir)),
    config,
    logger,
    readinessChecks,
    apiVersion: '0.1.0',
  });
  try {
    await listenWhen;
  } catch (error) {
    await app.close();
    throw error;
  }
  await app.listen(config.port, config.host);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    url: `http://localhost:${port}`,
    close: () => app.close(),
  };
}
