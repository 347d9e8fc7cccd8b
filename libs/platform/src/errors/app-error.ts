import { ErrorBody, ErrorCategory, FieldError } from '@mpp/contracts';

export type { ErrorBody, ErrorCategory, FieldError };

export const ERROR_STATUS: Record<ErrorCategory, number> = {
  bad_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  too_large: 413,
  rule_violation: 422,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

/** The one base error: a stable code (e.g. ORDER_NOT_FOUND), a category, a message a user can read. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly category: ErrorCategory,
    message: string,
    readonly errors?: FieldError[],
  ) {
    super(message);
    this.name = 'AppError';
  }

  toBody(): ErrorBody {
    return { code: this.code, category: this.category, message: this.message, ...(this.errors ? { errors: this.errors } : {}) };
  }

  static fromBody(body: ErrorBody): AppError {
    return new AppError(body.code, body.category, body.message, body.errors);
  }

  static notFound(code: string, message: string) {
    return new AppError(code, 'not_found', message);
  }
  static badInput(message: string, errors?: FieldError[], code = 'VALIDATION_FAILED') {
    return new AppError(code, 'bad_input', message, errors);
  }
  static forbidden(code: string, message: string) {
    return new AppError(code, 'forbidden', message);
  }
  static conflict(code: string, message: string) {
    return new AppError(code, 'conflict', message);
  }
  static rule(code: string, message: string) {
    return new AppError(code, 'rule_violation', message);
  }
  /** A rate or a quota used up (429). */
  static rateLimited(code: string, message: string) {
    return new AppError(code, 'rate_limited', message);
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
