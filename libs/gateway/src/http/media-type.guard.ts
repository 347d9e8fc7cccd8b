import { CanActivate, ExecutionContext, Injectable, UnsupportedMediaTypeException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ACCEPTED_MEDIA_TYPES } from './accepts.decorator';
import { AppError } from '@mpp/platform';
import { JSON_MEDIA_TYPES } from './json-body.middleware';

// type-is counts "Content-Length: 0" as a body; an empty request is not a body of the wrong type.
function hasContent(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/** PUT and PATCH carry the resource's new state: without a body, a PUT of lists would empty them all. */
const NEEDS_BODY = new Set(['PUT', 'PATCH']);

/**
 * Refuses a body of a media type the route does not read with 415 UNSUPPORTED_MEDIA_TYPE, before the route sees
 * it: JSON unless the route says otherwise with @Accepts(...). A route never reads the wrong type as no body, and
 * a JSON PUT or PATCH without a body is a 400.
 */
@Injectable()
export class MediaTypeGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const accepted = this.reflector.getAllAndOverride<string[] | undefined>(ACCEPTED_MEDIA_TYPES, [context.getHandler(), context.getClass()]) ?? JSON_MEDIA_TYPES;
    const req = context.switchToHttp().getRequest<Request>();
    if (hasContent(req) && !req.is(accepted)) {
      throw new UnsupportedMediaTypeException(`Send the body as ${accepted.join(' or ')}, not ${req.headers['content-type'] ?? 'without a Content-Type'}.`);
    }
    if (!hasContent(req) && NEEDS_BODY.has(req.method) && accepted === JSON_MEDIA_TYPES) {
      throw AppError.badInput('Send the request body as JSON.', [{ field: '(body)', message: 'a JSON body is required' }]);
    }
    return true;
  }
}
