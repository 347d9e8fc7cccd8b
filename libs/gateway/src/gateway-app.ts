import { DynamicModule, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import { createLogger, type Logger } from '@mpp/platform';
import { GatewayConfig } from './gateway.config';
import { GatewayModule } from './gateway.module';
import { ReadinessCheck } from './health/readiness';
import { correlationIdMiddleware } from './http/correlation-id.middleware';
import { httpLoggerMiddleware } from './http/http-logger.middleware';
import { jsonBodyMiddleware } from './http/json-body.middleware';
import { queryInputMiddleware } from './http/query-input.middleware';
import { routeSpanMiddleware } from './http/route-span.middleware';
import { HttpMetrics } from './metrics/http-metrics';
import { setupAsyncApi } from './openapi/asyncapi';
import { setupOpenApi } from './openapi/openapi';
import { COLLECT_BODY_LIMIT_BYTES } from './routes/insights/statistics.dto';

export interface GatewayAppOptions {
  /** The app's module: its controllers, and a provider for REQUEST_BUS. */
  module: Type<unknown> | DynamicModule;
  config: GatewayConfig;
  /** What /health/ready waits for, e.g. the Kafka request bus being connected. */
  readinessChecks?: ReadinessCheck[];
  /** The root pino logger; defaults to createLogger('gateway'). */
  logger?: Logger;
  /** info.version of the OpenAPI and AsyncAPI documents. */
  apiVersion?: string;
}

@Module({})
class GatewayRootModule {}

/** Builds and initialises the gateway around the app's module; the caller only has to listen(config.port, config.host). */
export async function createGatewayApp(options: GatewayAppOptions): Promise<NestExpressApplication> {
  const logger = options.logger ?? createLogger('gateway');
  const metrics = new HttpMetrics();
  const root: DynamicModule = {
    module: GatewayRootModule,
    imports: [GatewayModule.forRoot({ config: options.config, logger, metrics, readinessChecks: options.readinessChecks ?? [] }), options.module],
  };
  // Our own JSON parser (below) maps its errors to problem codes; abortOnError off so a boot error reaches the caller.
  const app = await NestFactory.create<NestExpressApplication>(root, { bodyParser: false, bufferLogs: true, abortOnError: false });
  // Boot logs were buffered until pino took over; flush now rather than at listen(), which tests never call.
  app.useLogger(app.get(NestPinoLogger));
  app.flushLogs();
  app.disable('x-powered-by');
  // ETags are the resource version only (EtagInterceptor), never a hash of the body.
  app.set('etag', false);
  // req.ip: the peer's address, or X-Forwarded-For's when the peer is one of TRUSTED_PROXIES (none by default).
  app.set('trust proxy', options.config.trustedProxies.length ? options.config.trustedProxies : false);
  // Order matters: the correlation id first so every later log line and error answer carries it.
  app.use(correlationIdMiddleware, httpLoggerMiddleware(logger), metrics.middleware, routeSpanMiddleware, jsonBodyMiddleware(options.config.bodyLimitBytes, { '/v1/collect': COLLECT_BODY_LIMIT_BYTES }), queryInputMiddleware);
  // Before init: Nest's catch-all 404 handler is registered by init and would shadow later routes.
  setupOpenApi(app, options.apiVersion ?? '1.0.0');
  setupAsyncApi(app, options.apiVersion ?? '1.0.0');
  await app.init();
  return app;
}
