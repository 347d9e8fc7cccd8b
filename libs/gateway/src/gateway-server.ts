import type { Server } from 'node:http';
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

/** How long an idle keep-alive connection stays open: longer than the usual load balancer's 60 s. */
export const KEEP_ALIVE_MS = 65_000;

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
  const server = app.getHttpServer() as Server;
  // Node closes an idle keep-alive connection after 5 s; load balancers and client pools keep theirs open for about
  // 60 s. A request sent on a connection just as the server closes it fails with ECONNRESET, and the sender of a POST
  // cannot tell whether it happened. So the server keeps them longer than they do (headersTimeout must exceed it).
  // A stop still closes idle connections at once (server.close() does, since Node 19).
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    url: `http://localhost:${port}`,
    close: () => app.close(),
  };
}
