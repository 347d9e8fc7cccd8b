import pino, { Logger } from 'pino';
import { traceFields } from '../telemetry/trace-context';

/** Keys whose values never reach a log line, wherever they appear in a logged object. */
export const REDACTED_PATHS = [
  'password',
  '*.password',
  '*.newPassword',
  // Verification codes in request bodies and payloads (not `*.code`: errors carry codes worth reading).
  'body.code',
  'payload.code',
  '*.refreshToken',
  '*.accessToken',
  '*.token',
  '*.secret',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'config.jwtSecret',
  '*.jwtSecret',
];

/** The process's root pino logger: JSON lines, the service name and the active trace's ids on each, secrets redacted. */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    base: { service },
    mixin: traceFields,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

export type { Logger };
