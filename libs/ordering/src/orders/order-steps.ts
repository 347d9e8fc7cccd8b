import { Inject, Injectable } from '@nestjs/common';
import { OrderStepReply, RequestMeta } from '@mpp/contracts';
import { AggregateStore, SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { Logger } from '@mpp/platform';
import { AGGREGATE_STORE, LOGGER, SQL_CLIENT } from '@mpp/application';
import { followOrderEvent } from '../authorizations/order-authorizations';
import { orderNotFound, partyOf, requireDecidingRole } from '../parties';
import { OrderCommand, orderDecider, OrderSide, orderStreamId } from './order.decider';

/**
 * What every step of an order after its placement does: find the caller's side (404 to strangers), let its
 * Owner or Admin take the step the decider allows that side, and have the authorization follow at once.
 */
@Injectable()
export class OrderSteps {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async take(orderId: string, meta: RequestMeta, command: (side: OrderSide) => OrderCommand): Promise<OrderStepReply> {
    const actor = signedIn(meta);
    const streamId = orderStreamId(orderId);
    const loaded = await this.aggregates.load(orderDecider, streamId);
    const { state } = loaded;
    if (state.status === 'NONE') throw orderNotFound();
    const party = await partyOf(this.sql, state, actor, orderNotFound);
    requireDecidingRole(party);
    const result = await this.aggregates.handle(orderDecider, streamId, command(party.side), { metadata: meta, from: loaded });
    const [event] = result.events;
    if (result.state.status === 'NONE' || !event) throw new Error('a changed order has a state and an event');
    // The worker repeats this from the log if it fails here; the caller's step has happened either way.
    await followOrderEvent(this.aggregates, result.state, event, { correlationId: meta.correlationId, actor }).catch((error: unknown) =>
      this.logger.warn({ err: error, orderId, correlationId: meta.correlationId }, 'the authorization did not follow the order at once; the order-authorizations worker will'),
    );
    const { status, authorizationId } = result.state;
    return { status, version: result.version, ...(authorizationId ? { authorizationId } : {}) };
  }
}
