import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  GET_PLATFORM_NOTICE,
  LIST_PLATFORM_NOTICES,
  PlatformNoticeView,
  PUBLISH_PLATFORM_NOTICE,
  RequestMeta,
  WITHDRAW_PLATFORM_NOTICE,
} from '@mpp/contracts';
import { REQUEST_BUS, RequestBus } from '@mpp/messaging';
import { AppError, Page } from '@mpp/platform';
import { Roles } from '../../auth/auth.decorators';
import { ApiPageResponse } from '../../pagination/page';
import { RequestContext } from '../../request/request-context.decorator';
import { ListPlatformNoticesQuery, PlatformNoticeResponse, PublishPlatformNoticeRequest } from './platform-notice.dto';

// An id that cannot exist is answered like one that does not.
const uuid = new ParseUUIDPipe({ exceptionFactory: () => AppError.notFound('NOTICE_NOT_FOUND', 'no such notice') });

/**
 * Platform notices: staff publish them (identity stores the events); the list is catalog's projection of
 * identity's events, so it proves the whole event path. The foundation's thin slice.
 */
@ApiTags('Platform notices')
@Controller('v1/platform-notices')
export class PlatformNoticesController {
  constructor(@Inject(REQUEST_BUS) private readonly bus: RequestBus) {}

  @Post()
  @Roles('OPERATOR', 'REVIEWER')
  @ApiOperation({ summary: 'Publish a notice to every signed-in user (platform staff)' })
  @ApiCreatedResponse({ type: PlatformNoticeResponse })
  publish(@Body() body: PublishPlatformNoticeRequest, @RequestContext() meta: RequestMeta): Promise<PlatformNoticeView> {
    return this.bus.request('identity', { type: PUBLISH_PLATFORM_NOTICE, payload: { title: body.title, body: body.body }, meta });
  }

  @Get()
  @ApiOperation({ summary: 'Notices, newest first' })
  @ApiPageResponse(PlatformNoticeResponse)
  list(@Query() query: ListPlatformNoticesQuery, @RequestContext() meta: RequestMeta): Promise<Page<PlatformNoticeView>> {
    return this.bus.request('catalog', { type: LIST_PLATFORM_NOTICES, payload: { limit: query.limit, cursor: query.cursor, status: query.status }, meta });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One notice, with its version as ETag' })
  @ApiOkResponse({ type: PlatformNoticeResponse })
  get(@Param('id', uuid) noticeId: string, @RequestContext() meta: RequestMeta): Promise<PlatformNoticeView> {
    return this.bus.request('identity', { type: GET_PLATFORM_NOTICE, payload: { noticeId }, meta });
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('OPERATOR', 'REVIEWER')
  @ApiOperation({ summary: 'Withdraw a notice; send If-Match with the version you saw' })
  @ApiOkResponse({ type: PlatformNoticeResponse })
  withdraw(@Param('id', uuid) noticeId: string, @RequestContext() meta: RequestMeta): Promise<PlatformNoticeView> {
    return this.bus.request('identity', { type: WITHDRAW_PLATFORM_NOTICE, payload: { noticeId }, meta });
  }
}
