import { UnsupportedMediaTypeException } from '@nestjs/common';
import { json, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { IncomingMessage } from 'node:http';
import { AppError } from '@mpp/platform';
import { isHttpErrorLike } from '../errors/http-error-like';
import { parsedInputError } from './parsed-input';

/** The media types the JSON parser reads. */
export const JSON_MEDIA_TYPES = ['application/json', 'application/*+json'];

// body-parser marks its errors with a `type`; turn the ones clients cause into stable codes.
function toClientError(error: unknown, limitBytes: number): unknown {
  if (!isHttpErrorLike(error)) return error;
  switch (error.type) {
    case 'entity.parse.failed':
      return AppError.badInput('The request body is not valid JSON.', undefined, 'MALFORMED_JSON');
    case 'entity.too.large':
      return new AppError('PAYLOAD_TOO_LARGE', 'too_large', `The request body is larger than ${limitBytes} bytes.`);
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new UnsupportedMediaTypeException(error.message);
    default:
      return error;
  }
}

/**
 * Parses JSON bodies up to `limitBytes` (or the smaller limit `limitsByPath` gives a path, e.g. 512 KB for
 * POST /v1/collect), then refuses what no route may read (see parsedInputError): nesting deeper than
 * MAX_INPUT_DEPTH, text that is not well-formed. Other media types are left unread: the routes that read them say
 * so with @Accepts, and MediaTypeGuard refuses them everywhere else.
 */
export function jsonBodyMiddleware(limitBytes: number, limitsByPath: Record<string, number> = {}): RequestHandler {
  // body-parser reads an empty body as {}; it is no body: a PUT or PATCH refuses it (MediaTypeGuard), a POST validates it as {}.
  const empty = new WeakSet<IncomingMessage>();
  const parser = (limit: number) =>
    json({
      limit,
      type: JSON_MEDIA_TYPES,
      verify: (req, _res, bytes) => {
        if (bytes.length === 0) empty.add(req);
      },
    });
  const parse = parser(limitBytes);
  const byPath = new Map(Object.entries(limitsByPath).map(([route, limit]) => [route, { limit, parse: parser(limit) }]));
  return (req: Request, res: Response, next: NextFunction) => {
    // Express routes /v1/collect/ as /v1/collect: so does the limit.
    const own = byPath.get(req.path.length > 1 ? req.path.replace(/\/+$/, '') : req.path);
    const limit = own?.limit ?? limitBytes;
    (own?.parse ?? parse)(req, res, (error?: unknown) => {
      if (error !== undefined) return next(toClientError(error, limit));
      if (empty.has(req)) req.body = undefined;
      next(parsedInputError(req.body));
    });
  };
}
