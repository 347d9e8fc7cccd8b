import type { NextFunction, Request, Response } from 'express';
import { AppError } from '@mpp/platform';
import { parsedInputError } from './parsed-input';

/** The first parameter of a raw query string whose percent-escapes are not UTF-8 (an encoded surrogate, a stray `%`). */
function badlyEncoded(rawQuery: string): string | undefined {
  for (const part of rawQuery.split('&')) {
    try {
      decodeURIComponent(part.replace(/\+/g, ' '));
    } catch {
      return part.split('=')[0];
    }
  }
  return undefined;
}

/**
 * Refuses a query string before any route reads it: escapes that are not UTF-8 (Express's parser would quietly
 * turn them into U+FFFD or keep them as they are) and NUL (`%00`), with 400 MALFORMED_TEXT naming the parameter.
 */
export function queryInputMiddleware(req: Request, _res: Response, next: NextFunction): void {
  const raw = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '';
  const bad = badlyEncoded(raw);
  if (bad !== undefined) {
    next(AppError.badInput('The query string is not well-formed UTF-8.', [{ field: bad, message: 'must be percent-encoded UTF-8' }], 'MALFORMED_TEXT'));
    return;
  }
  next(parsedInputError(req.query));
}
