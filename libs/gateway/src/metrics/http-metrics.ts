import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { collectProcessMetrics, httpRequestDuration, metricsRegistry } from '@mpp/platform';
import { routePatternOf } from '../http/route-pattern';

/**
 * The gateway's /metrics: the process's registry (in standalone, every service's figures too) with the process's
 * default metrics and the duration of each HTTP request.
 */
export class HttpMetrics {
  readonly registry = metricsRegistry;

  constructor() {
    collectProcessMetrics();
  }

  /** Times every request until its answer is sent. */
  readonly middleware: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
    const stop = httpRequestDuration.startTimer();
    res.once('finish', () => stop({ method: req.method, route: routePatternOf(req), status: String(res.statusCode) }));
    next();
  };
}
