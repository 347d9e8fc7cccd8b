import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import { Logger, REDACTED_PATHS } from '@mpp/platform';
import { correlationIdOf } from './correlation-id.middleware';

// Probes and scrapes would drown the request log.
const QUIET_PATHS = /^\/(health\/|metrics(\?|$))/;

function levelFor(_req: IncomingMessage, res: ServerResponse, error?: Error): 'error' | 'warn' | 'info' {
  if (error || res.statusCode >= 500) return 'error';
  return res.statusCode >= 400 ? 'warn' : 'info';
}

/** pino-http over the gateway's logger: one line per request, with its correlationId, credentials redacted. */
export function httpLoggerMiddleware(logger: Logger): RequestHandler {
  return pinoHttp({
    // Redaction on the child as well: a response's Set-Cookie is not in the platform's list.
    logger: logger.child({}, { redact: { paths: [...REDACTED_PATHS, 'res.headers["set-cookie"]'], censor: '[redacted]' } }),
    genReqId: (req) => correlationIdOf(req),
    customProps: (req) => ({ correlationId: correlationIdOf(req) }),
    customLogLevel: levelFor,
    autoLogging: { ignore: (req) => QUIET_PATHS.test(req.url ?? '') },
  });
}
