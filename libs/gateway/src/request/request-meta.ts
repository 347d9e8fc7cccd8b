import type { IncomingMessage } from 'node:http';
import { RequestMeta } from '@mpp/contracts';
import { AppError } from '@mpp/platform';
import { actorOf } from '../auth/actor';
import { correlationIdOf } from '../http/correlation-id.middleware';

// 1 to 200 visible ASCII characters (no spaces, no control characters).
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
// "3", W/"3" or 3: the version the client last saw.
const IF_MATCH = /^(?:W\/)?"(\d{1,15})"$|^(\d{1,15})$/;

function singleHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

/** The Idempotency-Key header as a command id; 400 INVALID_IDEMPOTENCY_KEY when malformed. */
export function parseIdempotencyKey(value: string | string[] | undefined): string | undefined {
  const key = singleHeader(value);
  if (key === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw AppError.badInput('Idempotency-Key must be 1 to 200 visible ASCII characters.', undefined, 'INVALID_IDEMPOTENCY_KEY');
  }
  return key;
}

/** The If-Match header as the expected version; 400 INVALID_IF_MATCH unless it is one version, as "3", W/"3" or 3. */
export function parseIfMatch(value: string | string[] | undefined): number | undefined {
  const header = singleHeader(value);
  if (header === undefined) return undefined;
  const match = IF_MATCH.exec(header.trim());
  if (!match) {
    throw AppError.badInput('If-Match must carry one resource version, e.g. "3" as received in the ETag.', undefined, 'INVALID_IF_MATCH');
  }
  return Number(match[1] ?? match[2]);
}

/** What a service needs to know about an HTTP request: who, which command, which version, which correlation. */
export function requestMetaFrom(req: IncomingMessage): RequestMeta {
  const commandId = parseIdempotencyKey(req.headers['idempotency-key']);
  const expectedVersion = parseIfMatch(req.headers['if-match']);
  const actor = actorOf(req);
  return {
    correlationId: correlationIdOf(req),
    ...(actor ? { actor } : {}),
    ...(commandId !== undefined ? { commandId } : {}),
    ...(expectedVersion !== undefined ? { expectedVersion } : {}),
  };
}
