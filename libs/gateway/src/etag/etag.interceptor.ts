import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { map, Observable } from 'rxjs';
import { etagFor, ifNoneMatchMatches, versionOf } from './etag';

/**
 * Sets `ETag: "<version>"` on answers that carry a numeric `version`, and answers a GET or HEAD
 * whose If-None-Match names that version with 304 and no body.
 */
@Injectable()
export class EtagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((body: unknown) => {
        const version = versionOf(body);
        if (version === undefined || res.headersSent) return body;
        res.setHeader('ETag', etagFor(version));
        // Decided here, not by Express's req.fresh, which answers 200 to fetch(): it adds Cache-Control: no-cache.
        if ((req.method === 'GET' || req.method === 'HEAD') && ifNoneMatchMatches(req.headers['if-none-match'], version)) {
          res.status(304);
          return undefined;
        }
        return body;
      }),
    );
  }
}
