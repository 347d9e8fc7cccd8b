import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CREATE_SERVICE, LIST_WORKSPACE_SERVICES, RequestMeta, ServiceView } from '@mpp/contracts';
import { REQUEST_BUS, RequestBus } from '@mpp/messaging';
import { ApiPageResponse, Page } from '../../pagination/page';
import { RequestContext } from '../../request/request-context.decorator';
import { workspaceIdPipe } from '../workspaces/resource-id.pipe';
import { CreateServiceRequest, ServiceCreatedResponse, ServiceResponse, ServiceStatusQuery } from './catalog.dto';

/** An ISV workspace's services: creating one, and the list in every state; catalog checks the caller's membership. */
@ApiTags('Catalog')
@Controller('v1/workspaces/:id/services')
export class WorkspaceServicesController {
  constructor(@Inject(REQUEST_BUS) private readonly bus: RequestBus) {}

  @Post()
  @ApiOperation({
    summary: 'Create a service as a DRAFT (ISV Owner, Admin, Developer)',
    description:
      'The name is unique within the ISV (409). A MINI_PROGRAM_TEMPLATE service names one of the workspace\'s templates in templateId (400 when missing, ' +
      '422 TEMPLATE_NOT_FOUND when not its own); it is submitted and approved only while that template has a PUBLISHED version (422 TEMPLATE_NOT_PUBLISHED). ' +
      'Submit it for review with POST /v1/services/{id}/submit.',
  })
  @ApiCreatedResponse({ type: ServiceCreatedResponse })
  create(
    @Param('id', workspaceIdPipe) workspaceId: string,
    @Body() body: CreateServiceRequest,
    @RequestContext() meta: RequestMeta,
  ): Promise<ServiceCreatedResponse> {
    const { model, amount, currency } = body.payment;
    return this.bus.send(
      CREATE_SERVICE,
      {
        workspaceId,
        name: body.name,
        industry: body.industry,
        type: body.type,
        description: body.description,
        images: body.images,
        applicableApps: body.applicableApps,
        payment: { model, amount, currency },
        companyInfo: body.companyInfo,
        details: body.details,
        tutorial: body.tutorial,
        successStory: body.successStory,
        templateId: body.templateId,
      },
      meta,
    );
  }

  @Get()
  @ApiOperation({ summary: 'The workspace\'s services in every state, optionally of one status (members)' })
  @ApiPageResponse(ServiceResponse)
  list(
    @Param('id', workspaceIdPipe) workspaceId: string,
    @Query() query: ServiceStatusQuery,
    @RequestContext() meta: RequestMeta,
  ): Promise<Page<ServiceView>> {
    return this.bus.send(LIST_WORKSPACE_SERVICES, { workspaceId, limit: query.limit, cursor: query.cursor, status: query.status }, meta);
  }
}
