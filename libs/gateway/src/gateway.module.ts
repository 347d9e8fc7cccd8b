import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from '@mpp/platform';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { RolesGuard } from './auth/roles.guard';
import { ProblemDetailsFilter } from './errors/problem-details.filter';
import { createValidationPipe } from './errors/validation.pipe';
import { EtagInterceptor } from './etag/etag.interceptor';
import { GatewayConfig } from './gateway.config';
import { HealthController } from './health/health.controller';
import { READINESS_CHECKS, ReadinessCheck } from './health/readiness';
import { MediaTypeGuard } from './http/media-type.guard';
import { RequestTimeoutInterceptor } from './http/request-timeout.interceptor';
import { HttpMetrics } from './metrics/http-metrics';
import { MetricsController } from './metrics/metrics.controller';

export interface GatewayModuleOptions {
  config: GatewayConfig;
  logger: Logger;
  metrics: HttpMetrics;
  readinessChecks: ReadinessCheck[];
}

/** The conventions every route gets: auth, body media types, validation, problem+json, ETag, timeout, health, metrics. createGatewayApp imports it. */
@Module({})
export class GatewayModule {
  static forRoot(options: GatewayModuleOptions): DynamicModule {
    return {
      module: GatewayModule,
      global: true,
      // pino-http already runs as the first Express middleware (createGatewayApp); Nest's Logger reuses its req.log.
      imports: [LoggerModule.forRoot({ pinoHttp: { logger: options.logger }, useExisting: true })],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: GatewayConfig, useValue: options.config },
        { provide: HttpMetrics, useValue: options.metrics },
        { provide: READINESS_CHECKS, useValue: options.readinessChecks },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useValue: createValidationPipe() },
        // Guards run in this order: who is calling, whether their role suffices, whether the route reads the body's media type.
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_GUARD, useClass: MediaTypeGuard },
        { provide: APP_INTERCEPTOR, useClass: RequestTimeoutInterceptor },
        { provide: APP_INTERCEPTOR, useClass: EtagInterceptor },
      ],
      exports: [GatewayConfig],
    };
  }
}
