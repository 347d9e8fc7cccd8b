import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { requestMetaFrom } from './request-meta';

/** Injects the request's RequestMeta (correlationId, actor, commandId, expectedVersion) into a handler parameter. */
export const RequestContext = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  requestMetaFrom(context.switchToHttp().getRequest<Request>()),
);
