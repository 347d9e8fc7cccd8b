import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppError, ERROR_STATUS } from '@mpp/platform';
import { FieldError } from '@mpp/contracts';
import { correlationIdOf } from '../http/correlation-id.middleware';
import { isRouteNotFound } from '../http/route-pattern';
import { isHttpErrorLike } from './http-error-like';
import { PROBLEM_JSON, problemDetails } from './problem-details';

interface Mapped {
  status: number;
  code: string;
  detail: string;
  errors?: FieldError[];
}

/** What a 503 tells clients to wait before trying again: a restarted service or database is back in seconds. */
export const RETRY_AFTER_SECONDS = 1;

const GENERIC_DETAIL = 'The server could not complete the request. Quote the correlationId when reporting it.';

// Codes for statuses whose HttpStatus name is not the one clients should see.
const CODE_OVERRIDES: Partial<Record<number, string>> = {
  401: 'UNAUTHENTICATED',
  429: 'RATE_LIMITED',
  500: 'INTERNAL_ERROR',
};

function codeForStatus(status: number): string {
  return CODE_OVERRIDES[status] ?? HttpStatus[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST');
}

function httpExceptionDetail(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return typeof message === 'string' ? message : exception.message;
}

/** Turns every error into an application/problem+json answer; unexpected ones are logged and answered generically. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const mapped = this.map(exception, req);
    if (mapped.status >= 500) this.logFailure(req, exception);
    if (res.headersSent) return;
    if (mapped.status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
    if (mapped.status === 503) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    const body = problemDetails(mapped.status, mapped.code, mapped.detail, correlationIdOf(req), mapped.errors);
    res.status(mapped.status).type(PROBLEM_JSON).send(JSON.stringify(body));
  }

  // The request's own pino logger carries its correlationId, also for errors raised before Nest's middleware ran.
  private logFailure(req: Request, exception: unknown): void {
    if (req.log) req.log.error({ err: exception }, 'request failed');
    else this.logger.error(exception);
  }

  private map(exception: unknown, req: Request): Mapped {
    if (exception instanceof AppError) {
      // A 503's message (a service did not answer) is meant for clients; other 5xx messages may be internal.
      const status = ERROR_STATUS[exception.category] ?? 500;
      return { status, code: exception.code, detail: status >= 500 && status !== 503 ? GENERIC_DETAIL : exception.message, errors: exception.errors };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (isRouteNotFound(exception, req)) {
        return { status, code: 'ROUTE_NOT_FOUND', detail: `No route matches ${req.method} ${req.path}.` };
      }
      return { status, code: codeForStatus(status), detail: status >= 500 ? GENERIC_DETAIL : httpExceptionDetail(exception) };
    }
    // Errors of Express middleware: their message is shown only when they say it is safe.
    if (isHttpErrorLike(exception) && exception.status >= 400 && exception.status < 500) {
      return { status: exception.status, code: codeForStatus(exception.status), detail: exception.expose ? exception.message : 'The request was refused.' };
    }
    return { status: 500, code: 'INTERNAL_ERROR', detail: GENERIC_DETAIL };
  }
}
