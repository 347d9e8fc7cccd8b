import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';

export const CORRELATION_ID_HEADER = 'X-Correlation-Id';

// Ids we accept from clients: UUIDs, ULIDs, trace ids; nothing that could forge a log line or a header.
const WELL_FORMED = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

const ids = new WeakMap<IncomingMessage, string>();

function fromHeader(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' && WELL_FORMED.test(value) ? value : undefined;
}

/** Gives every request a correlation id (the client's X-Correlation-Id or X-Request-Id when well-formed) and echoes it. */
export function correlationIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const id = fromHeader(req.headers['x-correlation-id']) ?? fromHeader(req.headers['x-request-id']) ?? randomUUID();
  ids.set(req, id);
  res.setHeader(CORRELATION_ID_HEADER, id);
  next();
}

/** The request's correlation id; a fresh one if the middleware did not run (it always does in the gateway). */
export function correlationIdOf(req: IncomingMessage): string {
  let id = ids.get(req);
  if (id === undefined) {
    id = randomUUID();
    ids.set(req, id);
  }
  return id;
}
