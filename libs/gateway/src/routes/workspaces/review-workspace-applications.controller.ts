import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  APPROVE_WORKSPACE_APPLICATION,
  LIST_WORKSPACE_APPLICATIONS_FOR_REVIEW,
  REJECT_WORKSPACE_APPLICATION,
  RequestMeta,
  WorkspaceApplicationView,
} from '@mpp/contracts';
import { REQUEST_BUS, RequestBus } from '@mpp/messaging';
import { Roles } from '../../auth/auth.decorators';
import { ApiPageResponse, Page } from '../../pagination/page';
import { RequestContext } from '../../request/request-context.decorator';
import { applicationIdPipe } from './resource-id.pipe';
import {
  ApplicationApprovedResponse,
  ApplicationRejectedResponse,
  RejectApplicationRequest,
  ReviewApplicationsQuery,
  WorkspaceApplicationResponse,
} from './workspaces.dto';

/** Platform reviewers deciding workspace applications; either decision is emailed to the applicant. */
@ApiTags('Workspaces')
@Controller('v1/review/workspace-applications')
@Roles('REVIEWER')
export class ReviewWorkspaceApplicationsController {
  constructor(@Inject(REQUEST_BUS) private readonly bus: RequestBus) {}

  @Get()
  @ApiOperation({ summary: 'Applications to review, optionally of one status (reviewers)' })
  @ApiPageResponse(WorkspaceApplicationResponse)
  list(@Query() query: ReviewApplicationsQuery, @RequestContext() meta: RequestMeta): Promise<Page<WorkspaceApplicationView>> {
    return this.bus.send(LIST_WORKSPACE_APPLICATIONS_FOR_REVIEW, { status: query.status, limit: query.limit, cursor: query.cursor }, meta);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve an application under review: the workspace is created with the applicant as Owner (reviewers)' })
  @ApiOkResponse({ type: ApplicationApprovedResponse })
  approve(@Param('id', applicationIdPipe) applicationId: string, @RequestContext() meta: RequestMeta): Promise<ApplicationApprovedResponse> {
    return this.bus.send(APPROVE_WORKSPACE_APPLICATION, { applicationId }, meta);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject an application under review with the reason the applicant should fix (reviewers)' })
  @ApiOkResponse({ type: ApplicationRejectedResponse })
  reject(
    @Param('id', applicationIdPipe) applicationId: string,
    @Body() body: RejectApplicationRequest,
    @RequestContext() meta: RequestMeta,
  ): Promise<ApplicationRejectedResponse> {
    return this.bus.send(REJECT_WORKSPACE_APPLICATION, { applicationId, reason: body.reason }, meta);
  }
}
