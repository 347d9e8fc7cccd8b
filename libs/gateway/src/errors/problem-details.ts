import { STATUS_CODES } from 'node:http';
import { FieldError } from '@mpp/contracts';

/** The media type of every error answer (RFC 9457). */
export const PROBLEM_JSON = 'application/problem+json';

/** An error answer as clients receive it. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldError[];
  correlationId: string;
}

/** Builds the body; `type` is a URN derived from the stable code, so it never has to resolve. */
export function problemDetails(status: number, code: string, detail: string, correlationId: string, errors?: FieldError[]): ProblemDetails {
  return {
    type: `urn:mpp:problem:${code}`,
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    code,
    ...(errors && errors.length > 0 ? { errors } : {}),
    correlationId,
  };
}
