import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request as ExpressRequest } from 'express';
import {
  GET_WORKSPACE_APPLICATION,
  LIST_MY_WORKSPACE_APPLICATIONS,
  RequestMeta,
  SUBMIT_WORKSPACE_APPLICATION,
  UPLOAD_APPLICATION_LOGO,
  WorkspaceApplicationView,
} from '@mpp/contracts';
import { REQUEST_BUS, RequestBus } from '@mpp/messaging';
import { Accepts } from '../../http/accepts.decorator';
import { ListQueryDto } from '../../pagination/list-query.dto';
import { ApiPageResponse, Page } from '../../pagination/page';
import { RequestContext } from '../../request/request-context.decorator';
import { readImageBody } from '../../http/image-body';
import { LOGO_MAX_BYTES, LOGO_MEDIA_TYPES } from './application-logo';
import { applicationIdPipe } from './resource-id.pipe';
import { ApplicationSubmittedResponse, SubmitWorkspaceApplicationRequest, WorkspaceApplicationResponse } from './workspaces.dto';

/** Applying for a workspace, as the signed-in applicant; reviewers decide at /v1/review/workspace-applications. */
@ApiTags('Workspaces')
@Controller('v1/workspace-applications')
export class WorkspaceApplicationsController {
  constructor(@Inject(REQUEST_BUS) private readonly bus: RequestBus) {}

  @Post()
  @ApiOperation({
    summary: 'Apply for an ISV or merchant workspace',
    description: 'The application is UNDER_REVIEW until a reviewer decides; an account has at most one under review (409). Upload a logo afterwards.',
  })
  @ApiCreatedResponse({ type: ApplicationSubmittedResponse })
  submit(@Body() body: SubmitWorkspaceApplicationRequest, @RequestContext() meta: RequestMeta): Promise<ApplicationSubmittedResponse> {
    return this.bus.send(
      SUBMIT_WORKSPACE_APPLICATION,
      {
        type: body.type,
        companyName: body.companyName,
        businessAddress: body.businessAddress,
        countryRegion: body.countryRegion,
        businessRepresentative: body.businessRepresentative,
        // @IsOptional lets null through; absent and null mean the same here.
        website: body.website ?? undefined,
        contactPhone: body.contactPhone ?? undefined,
        contactEmail: body.contactEmail ?? undefined,
        acceptTerms: body.acceptTerms,
        acceptPrivacyPolicy: body.acceptPrivacyPolicy,
      },
      meta,
    );
  }

  @Get()
  @ApiOperation({ summary: 'The caller\'s own applications with every decision, newest first' })
  @ApiPageResponse(WorkspaceApplicationResponse)
  listMine(@Query() query: ListQueryDto, @RequestContext() meta: RequestMeta): Promise<Page<WorkspaceApplicationView>> {
    return this.bus.send(LIST_MY_WORKSPACE_APPLICATIONS, { limit: query.limit, cursor: query.cursor }, meta);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One application (its applicant or a reviewer), with its version as ETag' })
  @ApiOkResponse({ type: WorkspaceApplicationResponse })
  get(@Param('id', applicationIdPipe) applicationId: string, @RequestContext() meta: RequestMeta): Promise<WorkspaceApplicationView> {
    return this.bus.send(GET_WORKSPACE_APPLICATION, { applicationId }, meta);
  }

  @Put(':id/logo')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Upload or replace the application\'s logo (its applicant, while under review)',
    description: `The image itself as the body, ${LOGO_MEDIA_TYPES.join(' or ')}, at most ${LOGO_MAX_BYTES} bytes (413 beyond, 415 for other types).`,
  })
  @Accepts(...LOGO_MEDIA_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiNoContentResponse({ description: 'The logo is stored.' })
  async uploadLogo(@Param('id', applicationIdPipe) applicationId: string, @Req() req: ExpressRequest, @RequestContext() meta: RequestMeta): Promise<void> {
    const logo = await readImageBody(req, LOGO_MAX_BYTES, 'logo');
    await this.bus.send(UPLOAD_APPLICATION_LOGO, { applicationId, contentType: logo.contentType, dataBase64: logo.data.toString('base64') }, meta);
  }
}
