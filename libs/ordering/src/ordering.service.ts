import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  CHANGE_AUTHORIZATION_SCOPES,
  CHANGE_ORDER,
  ChangeOrderPayload,
  GET_AUTHORIZATION,
  GET_AUTHORIZATION_HISTORY,
  GET_ORDER,
  GET_ORDER_HISTORY,
  GetOrderPayload,
  LIST_AUTHORIZATIONS,
  LIST_WORKSPACE_ORDERS,
  ORDERING_PUBLIC_EVENTS,
  OrderStatus,
  PLACE_ORDER,
  PlaceOrderPayload,
  REVOKE_AUTHORIZATION,
  AuthorizationScope,
} from '@mpp/contracts';
import { AggregateStore } from '@mpp/eventsourcing';
import { knownWorkspacesProjection } from '@mpp/messaging';
import { AGGREGATE_STORE, ServiceDefinition } from '@mpp/runtime';
import { OrderingModule } from './ordering.module';
import { ChangeAuthorization } from './authorizations/change-authorization';
import { orderAuthorizationsWorker } from './authorizations/order-authorizations';
import { AuthorizationFilters, GetAuthorization, ListAuthorizations } from './authorizations/read-authorizations';
import { ChangeOrder } from './orders/change-order';
import { ordersProjection } from './orders/orders.projection';
import { PlaceOrder } from './orders/place-order';
import { GetOrder, ListWorkspaceOrders } from './orders/read-orders';
import { knownMiniProgramsProjection, knownServicesProjection } from './references/known-references.projections';

type Ids = { authorizationId: string; workspaceId: string; scopes: AuthorizationScope[]; limit: number; cursor?: string; status?: OrderStatus };

/** Ordering: service orders and the merchant's authorizations of ISVs (DOMAIN.md 3). */
export const orderingService: ServiceDefinition = {
  name: 'ordering',
  module: OrderingModule,
  projections: [knownWorkspacesProjection, knownServicesProjection, knownMiniProgramsProjection, ordersProjection],
  consumes: ['identity', 'catalog', 'miniprograms'],
  publishes: ORDERING_PUBLIC_EVENTS,
  workers: (context) => [orderAuthorizationsWorker(context.get<AggregateStore>(AGGREGATE_STORE))],
  registerRequests(context, router) {
    const commands = context.get(CommandBus);
    const queries = context.get(QueryBus);
    const p = (payload: unknown) => payload as Ids;
    router.register(PLACE_ORDER, (m) => commands.execute(new PlaceOrder(m.payload as PlaceOrderPayload, m.meta)));
    router.register(CHANGE_ORDER, (m) => {
      const { orderId, change } = m.payload as ChangeOrderPayload;
      return commands.execute(new ChangeOrder(orderId, change, m.meta));
    });
    router.register(GET_ORDER, (m) => queries.execute(new GetOrder(m.payload as GetOrderPayload, 'ORDER', m.meta)));
    router.register(GET_ORDER_HISTORY, (m) => queries.execute(new GetOrder(m.payload as GetOrderPayload, 'HISTORY', m.meta)));
    router.register(LIST_WORKSPACE_ORDERS, (m) => queries.execute(new ListWorkspaceOrders(p(m.payload).workspaceId, p(m.payload).limit, p(m.payload).cursor, p(m.payload).status, m.meta)));
    router.register(LIST_AUTHORIZATIONS, (m) => queries.execute(new ListAuthorizations(m.payload as AuthorizationFilters, m.meta)));
    router.register(GET_AUTHORIZATION, (m) => queries.execute(new GetAuthorization(p(m.payload).authorizationId, 'AUTHORIZATION', m.meta)));
    router.register(GET_AUTHORIZATION_HISTORY, (m) => queries.execute(new GetAuthorization(p(m.payload).authorizationId, 'HISTORY', m.meta)));
    router.register(CHANGE_AUTHORIZATION_SCOPES, (m) => commands.execute(new ChangeAuthorization(p(m.payload).authorizationId, { kind: 'SCOPES', scopes: p(m.payload).scopes }, m.meta)));
    router.register(REVOKE_AUTHORIZATION, (m) => commands.execute(new ChangeAuthorization(p(m.payload).authorizationId, { kind: 'REVOKE' }, m.meta)));
  },
};
