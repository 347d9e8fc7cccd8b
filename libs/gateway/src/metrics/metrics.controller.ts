import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response as ExpressResponse } from 'express';
import { Public } from '../auth/auth.decorators';
import { HttpMetrics } from './http-metrics';

/** Prometheus scrape endpoint; left out of the OpenAPI document, it is for operators, not front ends. */
@Public()
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: HttpMetrics) {}

  // Written with res.end: res.send would rewrite the exposition-format Content-Type.
  @Get()
  async scrape(@Res() res: ExpressResponse): Promise<void> {
    const body = await this.metrics.registry.metrics();
    res.status(200).setHeader('Content-Type', this.metrics.registry.contentType);
    res.end(body);
  }
}
