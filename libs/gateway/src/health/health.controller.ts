import { Controller, Get, Inject, Logger, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response as ExpressResponse } from 'express';
import { Public } from '../auth/auth.decorators';
import { HealthReport, READINESS_CHECKS, ReadinessCheck, runReadinessChecks } from './readiness';

/** Liveness and readiness probes; plain rather than @nestjs/terminus so a 503 keeps its report instead of a problem+json. */
@Public()
@ApiTags('operations')
@Controller('health')
export class HealthController {
  private readonly logger = new Logger(HealthController.name);

  constructor(@Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[]) {}

  @Get('live')
  @ApiOkResponse({ description: 'The process is running.' })
  live(): HealthReport {
    return { status: 'ok', checks: {} };
  }

  @Get('ready')
  @ApiOkResponse({ description: 'Every readiness check passed.' })
  @ApiServiceUnavailableResponse({ description: 'A check failed; `checks` says which.' })
  async ready(@Res({ passthrough: true }) res: ExpressResponse): Promise<HealthReport> {
    const report = await runReadinessChecks(this.checks);
    if (report.status !== 'ok') {
      this.logger.warn({ checks: report.checks }, 'not ready');
      res.status(503);
    }
    return report;
  }
}
