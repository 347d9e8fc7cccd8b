import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ACCEPT_ORDER,
  APPROVE_ORDER_CLOSURE,
  CANCEL_ORDER,
  CONFIRM_ORDER,
  GET_ORDER,
  GET_ORDER_HISTORY,
  OrderView,
  PLACE_ORDER,
  REJECT_ORDER,
  REJECT_ORDER_CLOSURE,
  REQUEST_ORDER_CLOSURE,
  RequestMeta,
} from '@mpp/contracts';
import { REQUEST_BUS, RequestBus } from '@mpp/messaging';
import { RequestContext } from '../../request/request-context.decorator';
import { ResourceIdPipe } from '../workspaces/resource-id.pipe';
import {
  CancelOrderRequest,
  ConfirmOrderRequest,
  HistoryResponse,
  OrderAsOfQuery,
  OrderPlacedResponse,
  OrderReasonRequest,
  OrderResponse,
  OrderStepResponse,
  PlaceOrderRequest,
} from './ordering.dto';

const orderIdPipe = new ResourceIdPipe('ORDER_NOT_FOUND', 'no such order');

/** Orders between a merchant and an ISV (API.md "Ordering"); ordering decides which side may take each step. */
@ApiTags('Ordering')
@Controller('v1/orders')
export class OrdersController {
  constructor(@Inject(REQUEST_BUS) private readonly bus: RequestBus) {}

  @Post()
  @ApiOperation({
    summary: 'Order a service (development or template) for one of your mini programs (merchant Owner, Admin)',
    description: 'The service must be ONLINE (422 otherwise); a template service is ordered and authorized like a development one. One unfinished order per mini program and service (409).',
  })
  @ApiCreatedResponse({ type: OrderPlacedResponse })
  place(@Body() body: PlaceOrderRequest, @RequestContext() meta: RequestMeta): Promise<OrderPlacedResponse> {
    return this.bus.send(PLACE_ORDER, { serviceId: body.serviceId, miniProgramId: body.miniProgramId, note: body.note }, meta);
  }

  @Get(':id')
  @ApiOperation({ summary: 'An order (both parties); `?at=` or `?version=` gives it as it was then, computed from its events' })
  @ApiOkResponse({ type: OrderResponse })
  get(@Param('id', orderIdPipe) orderId: string, @Query() query: OrderAsOfQuery, @RequestContext() meta: RequestMeta): Promise<OrderView> {
    return this.bus.send(GET_ORDER, { orderId, at: query.at, version: query.version }, meta);
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Every step of the order with who, when and why, oldest first (both parties)' })
  @ApiOkResponse({ type: HistoryResponse })
  history(@Param('id', orderIdPipe) orderId: string, @RequestContext() meta: RequestMeta): Promise<HistoryResponse> {
    return this.bus.send(GET_ORDER_HISTORY, { orderId }, meta);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept a NEW order (ISV Owner, Admin) → PENDING_CONFIRMATION' })
  @ApiOkResponse({ type: OrderStepResponse })
  accept(@Param('id', orderIdPipe) orderId: string, @RequestContext() meta: RequestMeta) {
    return this.bus.send(ACCEPT_ORDER, { orderId }, meta);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject a NEW order with a reason (ISV Owner, Admin) → REJECTED' })
  @ApiOkResponse({ type: OrderStepResponse })
  reject(@Param('id', orderIdPipe) orderId: string, @Body() body: OrderReasonRequest, @RequestContext() meta: RequestMeta) {
    return this.bus.send(REJECT_ORDER, { orderId, reason: body.reason }, meta);
  }

  @Post(':id/confirm')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Confirm an accepted order (merchant Owner, Admin) → IN_DEVELOPMENT',
    description: 'Grants the ISV an authorization on the mini program with the scopes given (all six by default); the answer names it.',
  })
  @ApiOkResponse({ type: OrderStepResponse })
  confirm(@Param('id', orderIdPipe) orderId: string, @Body() body: ConfirmOrderRequest, @RequestContext() meta: RequestMeta) {
    return this.bus.send(CONFIRM_ORDER, { orderId, scopes: body.scopes }, meta);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel the order → CANCELED',
    description: 'The merchant cancels a NEW, PENDING_CONFIRMATION or IN_DEVELOPMENT order; the ISV an IN_DEVELOPMENT one. From IN_DEVELOPMENT a reason is required. Ends the authorization.',
  })
  @ApiOkResponse({ type: OrderStepResponse })
  cancel(@Param('id', orderIdPipe) orderId: string, @Body() body: CancelOrderRequest, @RequestContext() meta: RequestMeta) {
    return this.bus.send(CANCEL_ORDER, { orderId, reason: body.reason }, meta);
  }

  @Post(':id/closure-request')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ask the merchant to close the order: the work is done (ISV Owner, Admin) → UNDER_APPROVAL' })
  @ApiOkResponse({ type: OrderStepResponse })
  requestClosure(@Param('id', orderIdPipe) orderId: string, @RequestContext() meta: RequestMeta) {
    return this.bus.send(REQUEST_ORDER_CLOSURE, { orderId }, meta);
  }

  @Post(':id/closure-request/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve the closure (merchant Owner, Admin) → COMPLETED; the authorization ends with it' })
  @ApiOkResponse({ type: OrderStepResponse })
  approveClosure(@Param('id', orderIdPipe) orderId: string, @RequestContext() meta: RequestMeta) {
    return this.bus.send(APPROVE_ORDER_CLOSURE, { orderId }, meta);
  }

  @Post(':id/closure-request/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject the closure with a reason (merchant Owner, Admin) → IN_DEVELOPMENT' })
  @ApiOkResponse({ type: OrderStepResponse })
  rejectClosure(@Param('id', orderIdPipe) orderId: string, @Body() body: OrderReasonRequest, @RequestContext() meta: RequestMeta) {
    return this.bus.send(REJECT_ORDER_CLOSURE, { orderId, reason: body.reason }, meta);
  }
}
