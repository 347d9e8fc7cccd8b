import type { OpenAPIObject } from '@nestjs/swagger';
import pino from 'pino';
import { buildOpenApiDocument, createGatewayApp, GatewayConfig, GatewayRoutesModule } from '@mpp/gateway';
import { RequestBus } from '@mpp/messaging';
import { FileBlobStore } from '@mpp/platform';

/** info.version of the document, as startGatewayServer serves it. */
export const API_VERSION = '0.1.0';

/** A bus that is never reached: building the document handles no request. */
class NoBus extends RequestBus {
  async request<Result>(): Promise<Result> {
    throw new Error('the OpenAPI document is built without services');
  }

  async close(): Promise<void> {}
}

/**
 * The gateway's OpenAPI document, as GET /docs/openapi.json serves it, built offline: the real routes on the real
 * gateway conventions (createGatewayApp), with no service, database, broker or port behind them
 * (tools/generate-client.mjs, `npm run generate:client`).
 */
export async function openApiDocument(): Promise<OpenAPIObject> {
  // Fixed configuration: what the environment says must never change the document.
  const config = GatewayConfig.fromEnv({ JWT_SECRET: 'openapi-document-secret-of-32-characters', USAGE_PSEUDONYM_KEY: 'openapi-document-pseudonym-key-32-chars' });
  const app = await createGatewayApp({
    // The blob store is never written to: no request is handled.
    module: GatewayRoutesModule.withBus(new NoBus(), new FileBlobStore('/nonexistent/mpp-openapi-document')),
    config,
    logger: pino({ level: 'silent' }),
    apiVersion: API_VERSION,
  });
  try {
    return buildOpenApiDocument(app, API_VERSION);
  } finally {
    await app.close();
  }
}
