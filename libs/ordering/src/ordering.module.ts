import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AggregateStore, EventStore } from '@mpp/eventsourcing';
import { AGGREGATE_STORE, EVENT_STORE } from '@mpp/application';
import { AuthorizationChanges } from './authorizations/authorization-changes';
import { ChangeAuthorizationScopesHandler } from './authorizations/change-authorization-scopes/change-authorization-scopes.handler';
import { GetAuthorizationHandler } from './authorizations/get-authorization/get-authorization.handler';
import { GetAuthorizationHistoryHandler } from './authorizations/get-authorization-history/get-authorization-history.handler';
import { ListAuthorizationsHandler } from './authorizations/list-authorizations/list-authorizations.handler';
import { RevokeAuthorizationHandler } from './authorizations/revoke-authorization/revoke-authorization.handler';
import { AcceptOrderHandler } from './orders/accept-order/accept-order.handler';
import { ApproveOrderClosureHandler } from './orders/approve-order-closure/approve-order-closure.handler';
import { CancelOrderHandler } from './orders/cancel-order/cancel-order.handler';
import { ConfirmOrderHandler } from './orders/confirm-order/confirm-order.handler';
import { GetOrderHandler } from './orders/get-order/get-order.handler';
import { GetOrderHistoryHandler } from './orders/get-order-history/get-order-history.handler';
import { ListWorkspaceOrdersHandler } from './orders/list-workspace-orders/list-workspace-orders.handler';
import { OrderSlots } from './orders/order-slots';
import { OrderSteps } from './orders/order-steps';
import { PlaceOrderHandler } from './orders/place-order/place-order.handler';
import { RejectOrderHandler } from './orders/reject-order/reject-order.handler';
import { RejectOrderClosureHandler } from './orders/reject-order-closure/reject-order-closure.handler';
import { RequestOrderClosureHandler } from './orders/request-order-closure/request-order-closure.handler';
import { ORDER_SLOTS } from './ordering.tokens';

const handlers = [
  PlaceOrderHandler,
  AcceptOrderHandler,
  RejectOrderHandler,
  ConfirmOrderHandler,
  CancelOrderHandler,
  RequestOrderClosureHandler,
  ApproveOrderClosureHandler,
  RejectOrderClosureHandler,
  GetOrderHandler,
  GetOrderHistoryHandler,
  ListWorkspaceOrdersHandler,
  ChangeAuthorizationScopesHandler,
  RevokeAuthorizationHandler,
  GetAuthorizationHandler,
  GetAuthorizationHistoryHandler,
  ListAuthorizationsHandler,
];
const collaborators = [
  OrderSteps,
  AuthorizationChanges,
  { provide: ORDER_SLOTS, useFactory: (store: EventStore, aggregates: AggregateStore) => new OrderSlots(store, aggregates), inject: [EVENT_STORE, AGGREGATE_STORE] },
];

@Module({ imports: [CqrsModule.forRoot()], providers: [...collaborators, ...handlers] })
export class OrderingModule {}
