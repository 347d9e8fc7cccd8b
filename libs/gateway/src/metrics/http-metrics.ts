import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { routePatternOf } from '../http/route-pattern';

/** One Prometheus registry per app: the process's default metrics and the duration of each HTTP request. */
export class HttpMetrics {
  readonly registry = new Registry();
  private readonly duration: Histogram<'method' | 'route' | 'status'>;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    this.duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Duration of HTTP requests, by method, route pattern and status.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
  }

  /** Times every request until its answer is sent. */
  readonly middleware: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
    const stop = this.duration.startTimer();
    res.once('finish', () => stop({ method: req.method, route: routePatternOf(req), status: String(res.statusCode) }));
    next();
  };
}
