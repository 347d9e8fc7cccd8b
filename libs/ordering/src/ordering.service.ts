import { ORDERING_PUBLIC_EVENTS } from '@mpp/contracts';
import { AggregateStore } from '@mpp/eventsourcing';
import { knownWorkspacesProjection } from '@mpp/workspace-replica';
import { AGGREGATE_STORE, ServiceDefinition } from '@mpp/application';
import { ChangeAuthorizationScopes } from './authorizations/change-authorization-scopes/change-authorization-scopes.command';
import { GetAuthorization } from './authorizations/get-authorization/get-authorization.query';
import { GetAuthorizationHistory } from './authorizations/get-authorization-history/get-authorization-history.query';
import { ListAuthorizations } from './authorizations/list-authorizations/list-authorizations.query';
import { orderAuthorizationsWorker } from './authorizations/order-authorizations';
import { RevokeAuthorization } from './authorizations/revoke-authorization/revoke-authorization.command';
import { AcceptOrder } from './orders/accept-order/accept-order.command';
import { ApproveOrderClosure } from './orders/approve-order-closure/approve-order-closure.command';
import { CancelOrder } from './orders/cancel-order/cancel-order.command';
import { ConfirmOrder } from './orders/confirm-order/confirm-order.command';
import { GetOrder } from './orders/get-order/get-order.query';
import { GetOrderHistory } from './orders/get-order-history/get-order-history.query';
import { ListWorkspaceOrders } from './orders/list-workspace-orders/list-workspace-orders.query';
import { ordersProjection } from './orders/orders.projection';
import { PlaceOrder } from './orders/place-order/place-order.command';
import { RejectOrder } from './orders/reject-order/reject-order.command';
import { RejectOrderClosure } from './orders/reject-order-closure/reject-order-closure.command';
import { RequestOrderClosure } from './orders/request-order-closure/request-order-closure.command';
import { OrderingModule } from './ordering.module';
import { knownMiniProgramsProjection, knownServicesProjection } from './references/known-references.projections';

/** Ordering: service orders and the merchant's authorizations of ISVs (DOMAIN.md 3). */
export const orderingService: ServiceDefinition = {
  name: 'ordering',
  module: OrderingModule,
  projections: [knownWorkspacesProjection, knownServicesProjection, knownMiniProgramsProjection, ordersProjection],
  consumes: ['identity', 'catalog', 'miniprograms'],
  publishes: ORDERING_PUBLIC_EVENTS,
  workers: (context) => [orderAuthorizationsWorker(context.get<AggregateStore>(AGGREGATE_STORE))],
  requests: [
    PlaceOrder,
    AcceptOrder,
    RejectOrder,
    ConfirmOrder,
    CancelOrder,
    RequestOrderClosure,
    ApproveOrderClosure,
    RejectOrderClosure,
    GetOrder,
    GetOrderHistory,
    ListWorkspaceOrders,
    ChangeAuthorizationScopes,
    RevokeAuthorization,
    GetAuthorization,
    GetAuthorizationHistory,
    ListAuthorizations,
  ],
};
