import type { NextFunction, Request, Response } from 'express';
import { parsedInputError } from './parsed-input';

/**
 * Refuses a query string holding NUL (`%00`) before any route reads it (400 MALFORMED_TEXT naming the parameter).
 * Percent-decoding already turns bytes that are not UTF-8 into U+FFFD, so a query never holds a lone surrogate.
 */
export function queryInputMiddleware(req: Request, _res: Response, next: NextFunction): void {
  next(parsedInputError(req.query));
}
