import type { NextFunction, Request, Response } from 'express';
import { serverSpanRouteSetter } from '@mpp/platform';
import { routePatternOf, UNMATCHED_ROUTE } from './route-pattern';

/**
 * Gives the request's trace span its route (`POST /v1/orders/:id`, with `http.route`) once Express has matched one,
 * as operators find requests in a trace viewer; a URL no route served keeps the method alone (as in the metrics,
 * unknown URLs must not multiply names).
 */
export function routeSpanMiddleware(req: Request, res: Response, next: NextFunction): void {
  const setRoute = serverSpanRouteSetter();
  if (setRoute) {
    res.once('finish', () => {
      const route = routePatternOf(req);
      if (route !== UNMATCHED_ROUTE) setRoute(route);
    });
  }
  next();
}
