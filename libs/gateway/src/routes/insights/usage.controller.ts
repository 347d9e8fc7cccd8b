import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { COLLECT_USAGE, GET_PAGE_STATISTICS, GET_RETENTION, GET_STATISTICS, PageStatisticsView, RequestMeta, RetentionView, StatisticsView, UsageBatchAnswer } from '@mpp/contracts';
import { REQUEST_BUS, RequestBus } from '@mpp/messaging';
import { apiKeyHash, AppError } from '@mpp/platform';
import { Public } from '../../auth/auth.decorators';
import { GatewayConfig } from '../../gateway.config';
import { RequestContext } from '../../request/request-context.decorator';
import { miniProgramIdPipe } from '../miniprograms/mini-programs.controller';
import {
  collectedEvents,
  CollectRequest,
  CollectResponse,
  PageStatisticsQueryDto,
  PageStatisticsResponse,
  RetentionResponse,
  StatisticsQueryDto,
  StatisticsRangeQuery,
  StatisticsResponse,
} from './statistics.dto';
import { pseudonymizeUsers } from './usage-pseudonyms';

/** Host apps report usage (API.md "Statistics"): signed with their ingestion key, not a user's token. */
@ApiTags('Statistics')
@Controller('v1/collect')
export class CollectController {
  constructor(
    @Inject(REQUEST_BUS) private readonly bus: RequestBus,
    private readonly config: GatewayConfig,
  ) {}

  @Post()
  @Public()
  @HttpCode(202)
  @ApiHeader({ name: 'X-Ingestion-Key', required: true, description: 'The host app\'s key (POST /v1/host-apps/{appId}/ingestion-keys).' })
  @ApiOperation({
    summary: 'Report a batch of usage events (host apps)',
    description:
      'At most 500 events and 512 KB. Each event is checked on its own: accepted, a duplicate (the same eventId within 7 days, or twice in the batch: counted once), or rejected with its index and a code. Only a missing, unknown or revoked key (401), a body that is not {events: [...]} (400), over 500 events (400 TOO_MANY_EVENTS) or over 512 KB (413) refuse the whole batch. Send a batch again as it was when its answer was lost: nothing is counted twice.',
  })
  @ApiAcceptedResponse({ type: CollectResponse })
  @ApiBody({ type: CollectRequest })
  // The body's type is left unknown so the global ValidationPipe does not copy 500 events through class-transformer
  // (over half the gateway's time on this route): collectedEvents checks the batch's shape, insights each event.
  collect(@Headers('x-ingestion-key') key: string | undefined, @Body() body: unknown, @RequestContext() meta: RequestMeta): Promise<UsageBatchAnswer> {
    if (!key) throw new AppError('INGESTION_KEY_INVALID', 'unauthenticated', 'X-Ingestion-Key is missing, unknown or revoked');
    const events = collectedEvents(body);
    // The key and the host app's user ids stay here: insights gets the key's hash and the users' pseudonyms.
    return this.bus.send(COLLECT_USAGE, { keyHash: apiKeyHash(key), events: pseudonymizeUsers(events, this.config.usagePseudonymKey) }, meta);
  }
}

/** A mini program's figures (API.md "Statistics"): its merchant's members, and ISVs whose authorization holds STATISTICS. */
@ApiTags('Statistics')
@Controller('v1/mini-programs/:id/statistics')
export class StatisticsController {
  constructor(@Inject(REQUEST_BUS) private readonly bus: RequestBus) {}

  @Get()
  @ApiOperation({
    summary: 'Figures by day, ISO week or month over a range of UTC dates (at most 366 days)',
    description: 'Every period of the range is there, with zeros when nothing happened. Today\'s figures count events seconds after they were accepted. 403 SCOPE_NOT_GRANTED to an ISV without the STATISTICS scope.',
  })
  @ApiOkResponse({ type: StatisticsResponse })
  figures(@Param('id', miniProgramIdPipe) miniProgramId: string, @Query() query: StatisticsQueryDto, @RequestContext() meta: RequestMeta): Promise<StatisticsView> {
    return this.bus.send(GET_STATISTICS, { miniProgramId, from: query.from, to: query.to, granularity: query.granularity, ...(query.hostApp ? { hostApp: query.hostApp } : {}) }, meta);
  }

  @Get('pages')
  @ApiOperation({ summary: 'The most viewed pages over a range of UTC dates, by views' })
  @ApiOkResponse({ type: PageStatisticsResponse })
  pages(@Param('id', miniProgramIdPipe) miniProgramId: string, @Query() query: PageStatisticsQueryDto, @RequestContext() meta: RequestMeta): Promise<PageStatisticsView> {
    return this.bus.send(GET_PAGE_STATISTICS, { miniProgramId, from: query.from, to: query.to, limit: query.limit }, meta);
  }

  @Get('retention')
  @ApiOperation({ summary: 'Retention of each day\'s new visitors 1, 7 and 30 days later (null until that day has come)' })
  @ApiOkResponse({ type: RetentionResponse })
  retention(@Param('id', miniProgramIdPipe) miniProgramId: string, @Query() query: StatisticsRangeQuery, @RequestContext() meta: RequestMeta): Promise<RetentionView> {
    return this.bus.send(GET_RETENTION, { miniProgramId, from: query.from, to: query.to }, meta);
  }
}
