import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ARCHIVE_SERVICE,
  EDIT_SERVICE,
  GET_SERVICE,
  GET_SERVICE_HISTORY,
  RequestMeta,
  ServiceContent,
  ServiceView,
  SUBMIT_SERVICE,
  WITHDRAW_SERVICE,
} from '@mpp/contracts';
import { REQUEST_BUS, RequestBus } from '@mpp/messaging';
import { changesOf } from '../../validation/patch-body';
import { RequestContext } from '../../request/request-context.decorator';
import { ServiceHistoryResponse, ServiceResponse, ServiceStatusResponse, UpdateServiceRequest } from './catalog.dto';
import { serviceIdPipe } from './service-id.pipe';

/** The fields the body sets, its payment as the contract's plain object. */
function serviceChangesOf(body: UpdateServiceRequest): Partial<ServiceContent> {
  const changes: Partial<ServiceContent> = changesOf(body);
  if (changes.payment) {
    const { model, amount, currency } = changes.payment;
    changes.payment = { model, amount, currency };
  }
  return changes;
}

/** One service as its ISV works on it: read, edit, submit for review, withdraw, archive, and its history. */
@ApiTags('Catalog')
@Controller('v1/services')
export class ServicesController {
  constructor(@Inject(REQUEST_BUS) private readonly bus: RequestBus) {}

  @Get(':id')
  @ApiOperation({ summary: 'A service (its ISV\'s members; anyone signed in once ONLINE), with its version as ETag' })
  @ApiOkResponse({ type: ServiceResponse })
  get(@Param('id', serviceIdPipe) serviceId: string, @RequestContext() meta: RequestMeta): Promise<ServiceView> {
    return this.bus.send(GET_SERVICE, { serviceId }, meta);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change some fields (ISV Owner, Admin, Developer); send If-Match with the version you saw',
    description: 'Editing an ONLINE service starts a revision that goes through review while the online content stays listed. 412 when If-Match is stale.',
  })
  @ApiOkResponse({ type: ServiceResponse })
  update(@Param('id', serviceIdPipe) serviceId: string, @Body() body: UpdateServiceRequest, @RequestContext() meta: RequestMeta): Promise<ServiceView> {
    return this.bus.send(EDIT_SERVICE, { serviceId, changes: serviceChangesOf(body) }, meta);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Submit the draft, turned-down or withdrawn service (or revision) for review',
    description: 'A MINI_PROGRAM_TEMPLATE service only while its template has a PUBLISHED version (422 TEMPLATE_NOT_PUBLISHED).',
  })
  @ApiOkResponse({ type: ServiceStatusResponse })
  submit(@Param('id', serviceIdPipe) serviceId: string, @RequestContext() meta: RequestMeta): Promise<ServiceStatusResponse> {
    return this.bus.send(SUBMIT_SERVICE, { serviceId }, meta);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw the service (or revision) from review; it can be edited again' })
  @ApiOkResponse({ type: ServiceStatusResponse })
  withdraw(@Param('id', serviceIdPipe) serviceId: string, @RequestContext() meta: RequestMeta): Promise<ServiceStatusResponse> {
    return this.bus.send(WITHDRAW_SERVICE, { serviceId }, meta);
  }

  @Post(':id/archive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Archive an ONLINE service: it leaves the market' })
  @ApiOkResponse({ type: ServiceStatusResponse })
  archive(@Param('id', serviceIdPipe) serviceId: string, @RequestContext() meta: RequestMeta): Promise<ServiceStatusResponse> {
    return this.bus.send(ARCHIVE_SERVICE, { serviceId }, meta);
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Every transition of the service with who, when and why, oldest first (its ISV\'s members)' })
  @ApiOkResponse({ type: ServiceHistoryResponse })
  history(@Param('id', serviceIdPipe) serviceId: string, @RequestContext() meta: RequestMeta): Promise<ServiceHistoryResponse> {
    return this.bus.send(GET_SERVICE_HISTORY, { serviceId }, meta);
  }
}
