import type { IncomingMessage } from 'node:http';
import { NotFoundException } from '@nestjs/common';
import type { Request } from 'express';

/** The label of requests no route served, so unknown URLs cannot multiply metric series. */
export const UNMATCHED_ROUTE = 'unmatched';

const unmatched = new WeakSet<IncomingMessage>();

/**
 * Whether this is Nest's catch-all 404 (RoutesResolver.registerNotFoundHandler throws exactly this message).
 * req.route cannot tell: nestjs-pino's middleware is itself an Express route matching every path.
 */
export function isRouteNotFound(exception: unknown, req: Request): boolean {
  const notFound = exception instanceof NotFoundException && exception.message === `Cannot ${req.method} ${req.originalUrl}`;
  if (notFound) unmatched.add(req);
  return notFound;
}

/** The route pattern that served the request (e.g. /v1/orders/:id), or UNMATCHED_ROUTE. */
export function routePatternOf(req: Request): string {
  // Express types req.route loosely; it holds the last route that matched.
  const route: unknown = req.route;
  if (unmatched.has(req) || typeof route !== 'object' || route === null || !('path' in route) || typeof route.path !== 'string') {
    return UNMATCHED_ROUTE;
  }
  return `${req.baseUrl}${route.path}`;
}
