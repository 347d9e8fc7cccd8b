import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, throwError, timeout } from 'rxjs';
import { AppError } from '@mpp/platform';
import { GatewayConfig } from '../gateway.config';

/** Answers 503 REQUEST_TIMEOUT when a handler takes longer than REQUEST_TIMEOUT_MS, so no client waits forever. */
@Injectable()
export class RequestTimeoutInterceptor implements NestInterceptor {
  constructor(private readonly config: GatewayConfig) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      timeout({
        first: this.config.requestTimeoutMs,
        with: () => throwError(() => new AppError('REQUEST_TIMEOUT', 'unavailable', 'The request took too long; it may still complete, retry with the same Idempotency-Key.')),
      }),
    );
  }
}
