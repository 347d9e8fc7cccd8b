import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AggregateStore, EventStore } from '@mpp/eventsourcing';
import { AGGREGATE_STORE, EVENT_STORE } from '@mpp/runtime';
import { ChangeAuthorizationHandler } from './authorizations/change-authorization';
import { GetAuthorizationHandler, ListAuthorizationsHandler } from './authorizations/read-authorizations';
import { ChangeOrderHandler } from './orders/change-order';
import { OrderSlots } from './orders/order-slots';
import { PlaceOrderHandler } from './orders/place-order';
import { GetOrderHandler, ListWorkspaceOrdersHandler } from './orders/read-orders';
import { ORDER_SLOTS } from './ordering.tokens';

const commandHandlers = [PlaceOrderHandler, ChangeOrderHandler, ChangeAuthorizationHandler];
const queryHandlers = [GetOrderHandler, ListWorkspaceOrdersHandler, GetAuthorizationHandler, ListAuthorizationsHandler];
const collaborators = [{ provide: ORDER_SLOTS, useFactory: (store: EventStore, aggregates: AggregateStore) => new OrderSlots(store, aggregates), inject: [EVENT_STORE, AGGREGATE_STORE] }];

@Module({ imports: [CqrsModule.forRoot()], providers: [...collaborators, ...commandHandlers, ...queryHandlers] })
export class OrderingModule {}
