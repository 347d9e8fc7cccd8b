import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CREATE_WEBHOOK,
  CreatedWebhook,
  DELETE_WEBHOOK,
  DeliveryView,
  LIST_WEBHOOK_DELIVERIES,
  LIST_WEBHOOKS,
  LIST_WORKSPACE_EVENTS,
  PING_WEBHOOK,
  REDELIVER_WEBHOOK_DELIVERY,
  RequestMeta,
  ROTATE_WEBHOOK_SECRET,
  UPDATE_WEBHOOK,
  WebhookSecret,
  WebhookView,
  WORKSPACE_EVENT_DESCRIPTIONS,
  WorkspaceEventsPage,
} from '@mpp/contracts';
import { REQUEST_BUS, RequestBus } from '@mpp/messaging';
import { Public } from '../../auth/auth.decorators';
import { changesOf } from '../../validation/patch-body';
import { RequestContext } from '../../request/request-context.decorator';
import { ResourceIdPipe, workspaceIdPipe } from '../workspaces/resource-id.pipe';
import {
  CreatedWebhookResponse,
  CreateWebhookRequest,
  DeliveriesQueryDto,
  DeliveryAcceptedResponse,
  DeliveryListResponse,
  EventTypesResponse,
  UpdateWebhookRequest,
  WebhookListResponse,
  WebhookResponse,
  WebhookSecretResponse,
  WorkspaceEventsPageResponse,
  WorkspaceEventsQueryDto,
} from './integrations.dto';

const webhookIdPipe = new ResourceIdPipe('WEBHOOK_NOT_FOUND', 'no such webhook');
const deliveryIdPipe = new ResourceIdPipe('DELIVERY_NOT_FOUND', 'no such delivery of this webhook');

/** A workspace's webhook endpoints (DOMAIN.md 7): its Owner and Admins register and list them. */
@ApiTags('Integrations')
@Controller('v1/workspaces/:id/webhooks')
export class WorkspaceWebhooksController {
  constructor(@Inject(REQUEST_BUS) private readonly bus: RequestBus) {}

  @Post()
  @ApiOperation({
    summary: 'Register a webhook endpoint (Owner, Admin)',
    description: 'Deliveries follow Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature). The signing secret is in this answer only; a retry registers another endpoint.',
  })
  @ApiCreatedResponse({ type: CreatedWebhookResponse })
  create(@Param('id', workspaceIdPipe) workspaceId: string, @Body() body: CreateWebhookRequest, @RequestContext() meta: RequestMeta): Promise<CreatedWebhook> {
    return this.bus.send(CREATE_WEBHOOK, { workspaceId, url: body.url, eventTypes: body.eventTypes, ...(body.description !== undefined ? { description: body.description } : {}) }, meta);
  }

  @Get()
  @ApiOperation({ summary: "The workspace's webhook endpoints (Owner, Admin)" })
  @ApiOkResponse({ type: WebhookListResponse })
  list(@Param('id', workspaceIdPipe) workspaceId: string, @RequestContext() meta: RequestMeta): Promise<{ items: WebhookView[] }> {
    return this.bus.send(LIST_WEBHOOKS, { workspaceId }, meta);
  }
}

/** One webhook endpoint: change, remove, rotate its secret, ping it, and its delivery log. */
@ApiTags('Integrations')
@Controller('v1/webhooks/:id')
export class WebhooksController {
  constructor(@Inject(REQUEST_BUS) private readonly bus: RequestBus) {}

  @Patch()
  @ApiOperation({ summary: "Change an endpoint's URL, event types or description, or disable or enable it (Owner, Admin)" })
  @ApiOkResponse({ type: WebhookResponse })
  update(@Param('id', webhookIdPipe) webhookId: string, @Body() body: UpdateWebhookRequest, @RequestContext() meta: RequestMeta): Promise<WebhookView> {
    return this.bus.send(UPDATE_WEBHOOK, { webhookId, ...changesOf(body) }, meta);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an endpoint; its pending deliveries are not sent (Owner, Admin)' })
  @ApiNoContentResponse()
  async remove(@Param('id', webhookIdPipe) webhookId: string, @RequestContext() meta: RequestMeta): Promise<void> {
    await this.bus.send(DELETE_WEBHOOK, { webhookId }, meta);
  }

  @Post('rotate-secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new signing secret, shown once; for 24 hours deliveries carry signatures with both (Owner, Admin)' })
  @ApiOkResponse({ type: WebhookSecretResponse })
  rotate(@Param('id', webhookIdPipe) webhookId: string, @RequestContext() meta: RequestMeta): Promise<WebhookSecret> {
    return this.bus.send(ROTATE_WEBHOOK_SECRET, { webhookId }, meta);
  }

  @Post('ping')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send the endpoint a webhook.ping delivery, whatever its event types (Owner, Admin)' })
  @ApiAcceptedResponse({ type: DeliveryAcceptedResponse })
  ping(@Param('id', webhookIdPipe) webhookId: string, @RequestContext() meta: RequestMeta): Promise<{ deliveryId: string }> {
    return this.bus.send(PING_WEBHOOK, { webhookId }, meta);
  }

  @Get('deliveries')
  @ApiOperation({ summary: "The endpoint's deliveries, newest first, each with its attempts (Owner, Admin)" })
  @ApiOkResponse({ type: DeliveryListResponse })
  deliveries(@Param('id', webhookIdPipe) webhookId: string, @Query() query: DeliveriesQueryDto, @RequestContext() meta: RequestMeta): Promise<{ items: DeliveryView[] }> {
    return this.bus.send(LIST_WEBHOOK_DELIVERIES, { webhookId, ...(query.status ? { status: query.status } : {}) }, meta);
  }

  @Post('deliveries/:deliveryId/redeliver')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a delivery again now, with the same webhook-id, and retry it as a new one (Owner, Admin)' })
  @ApiAcceptedResponse({ type: DeliveryAcceptedResponse })
  redeliver(@Param('id', webhookIdPipe) webhookId: string, @Param('deliveryId', deliveryIdPipe) deliveryId: string, @RequestContext() meta: RequestMeta): Promise<{ deliveryId: string }> {
    return this.bus.send(REDELIVER_WEBHOOK_DELIVERY, { webhookId, deliveryId }, meta);
  }
}

/** A workspace's event feed: what its webhooks would deliver, for catching up without them. */
@ApiTags('Integrations')
@Controller('v1/workspaces/:id/events')
export class WorkspaceEventsController {
  constructor(@Inject(REQUEST_BUS) private readonly bus: RequestBus) {}

  @Get()
  @ApiOperation({
    summary: "The workspace's events after a cursor, oldest first (its members)",
    description: 'In the order the platform learnt of them: the events of one order, authorization, mini program or batch job in the order they happened; across them, as they arrived. A cursor never skips an event that arrives later.',
  })
  @ApiOkResponse({ type: WorkspaceEventsPageResponse })
  list(@Param('id', workspaceIdPipe) workspaceId: string, @Query() query: WorkspaceEventsQueryDto, @RequestContext() meta: RequestMeta): Promise<WorkspaceEventsPage> {
    return this.bus.send(LIST_WORKSPACE_EVENTS, { workspaceId, limit: query.limit, ...(query.after ? { after: query.after } : {}), ...(query.types?.length ? { types: query.types } : {}) }, meta);
  }
}

/** The event types a webhook or a feed can carry, answered by the gateway from the contracts. */
@ApiTags('Integrations')
@Controller('v1/event-types')
export class EventTypesController {
  @Get()
  @Public()
  @ApiOperation({ summary: 'The event types of webhooks and feeds, each with the JSON Schema of its data (anyone)' })
  @ApiOkResponse({ type: EventTypesResponse })
  list(): EventTypesResponse {
    return { items: Object.entries(WORKSPACE_EVENT_DESCRIPTIONS).map(([type, d]) => ({ type, ...d })) };
  }
}

export const integrationsControllers = [WorkspaceWebhooksController, WebhooksController, WorkspaceEventsController, EventTypesController];
