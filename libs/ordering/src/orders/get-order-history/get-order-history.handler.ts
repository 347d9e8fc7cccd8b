import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AggregateStore, SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/application';
import { historyOf } from '../../history';
import { orderNotFound, partyOf } from '../../parties';
import { orderDecider, orderStreamId } from '../order.decider';
import { GetOrderHistory } from './get-order-history.query';

/** Every step of an order with who, when and why, from its own events; only the two parties' members see it. */
@QueryHandler(GetOrderHistory)
export class GetOrderHistoryHandler implements IQueryHandler<GetOrderHistory> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
  ) {}

  async execute({ payload, meta }: GetOrderHistory) {
    const actor = signedIn(meta);
    const { state, events } = await this.aggregates.load(orderDecider, orderStreamId(payload.orderId));
    if (state.status === 'NONE') throw orderNotFound();
    await partyOf(this.sql, state, actor, orderNotFound);
    return { items: historyOf(events) };
  }
}
