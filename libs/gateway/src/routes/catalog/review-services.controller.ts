import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { APPROVE_SERVICE, LIST_SERVICES_FOR_REVIEW, REJECT_SERVICE, RequestMeta, ServiceView } from '@mpp/contracts';
import { REQUEST_BUS, RequestBus } from '@mpp/messaging';
import { Roles } from '../../auth/auth.decorators';
import { ApiPageResponse, Page } from '../../pagination/page';
import { RequestContext } from '../../request/request-context.decorator';
import { RejectServiceRequest, ServiceDecisionResponse, ServiceResponse, ServiceStatusQuery } from './catalog.dto';
import { serviceIdPipe } from './service-id.pipe';

/** Platform reviewers deciding services (and revisions of ONLINE ones) before they reach the market. */
@ApiTags('Catalog')
@Controller('v1/review/services')
@Roles('REVIEWER')
export class ReviewServicesController {
  constructor(@Inject(REQUEST_BUS) private readonly bus: RequestBus) {}

  @Get()
  @ApiOperation({ summary: 'Services to review, optionally of one status (reviewers)' })
  @ApiPageResponse(ServiceResponse)
  list(@Query() query: ServiceStatusQuery, @RequestContext() meta: RequestMeta): Promise<Page<ServiceView>> {
    return this.bus.send(LIST_SERVICES_FOR_REVIEW, { status: query.status, limit: query.limit, cursor: query.cursor }, meta);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Approve a service under review: it (or its revision) goes ONLINE (reviewers)',
    description: 'A MINI_PROGRAM_TEMPLATE service only while its template has a PUBLISHED version (422 TEMPLATE_NOT_PUBLISHED).',
  })
  @ApiOkResponse({ type: ServiceDecisionResponse })
  approve(@Param('id', serviceIdPipe) serviceId: string, @RequestContext() meta: RequestMeta): Promise<ServiceDecisionResponse> {
    return this.bus.send(APPROVE_SERVICE, { serviceId }, meta);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Turn down a service under review with the reason the ISV should fix (reviewers)' })
  @ApiOkResponse({ type: ServiceDecisionResponse })
  reject(
    @Param('id', serviceIdPipe) serviceId: string,
    @Body() body: RejectServiceRequest,
    @RequestContext() meta: RequestMeta,
  ): Promise<ServiceDecisionResponse> {
    return this.bus.send(REJECT_SERVICE, { serviceId, reason: body.reason }, meta);
  }
}
