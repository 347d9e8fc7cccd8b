import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { AUTHORIZATION_SCOPES, OrderStatus, OrderStep, RequestMeta } from '@mpp/contracts';
import { AggregateStore, SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { Logger } from '@mpp/platform';
import { AGGREGATE_STORE, LOGGER, SQL_CLIENT } from '@mpp/runtime';
import { followOrderEvent } from '../authorizations/order-authorizations';
import { normalizeScopes } from '../authorizations/authorization.decider';
import { orderNotFound, partyOf, requireDecidingRole } from '../parties';
import { OrderCommand, orderDecider, OrderSide, orderStreamId } from './order.decider';

export class ChangeOrder {
  constructor(
    readonly orderId: string,
    readonly change: OrderStep,
    readonly meta: RequestMeta,
  ) {}
}

function commandOf(change: OrderStep, side: OrderSide): OrderCommand {
  switch (change.step) {
    case 'ACCEPT':
      return { type: 'AcceptOrder', side };
    case 'REJECT':
      return { type: 'RejectOrder', side, reason: change.reason };
    case 'CONFIRM':
      return { type: 'ConfirmOrder', side, authorizationId: randomUUID(), scopes: normalizeScopes(change.scopes ?? AUTHORIZATION_SCOPES) };
    case 'CANCEL':
      return { type: 'CancelOrder', side, reason: change.reason };
    case 'REQUEST_CLOSURE':
      return { type: 'RequestClosure', side };
    case 'APPROVE_CLOSURE':
      return { type: 'ApproveClosure', side };
    case 'REJECT_CLOSURE':
      return { type: 'RejectClosure', side, reason: change.reason };
  }
}

/** Every step of an order after its placement, by the side DOMAIN.md gives it; the authorization follows at once. */
@CommandHandler(ChangeOrder)
export class ChangeOrderHandler implements ICommandHandler<ChangeOrder, { status: OrderStatus; version: number; authorizationId?: string }> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute({ orderId, change, meta }: ChangeOrder) {
    const actor = signedIn(meta);
    const streamId = orderStreamId(orderId);
    const { state } = await this.aggregates.load(orderDecider, streamId);
    if (state.status === 'NONE') throw orderNotFound();
    const party = await partyOf(this.sql, state, actor, orderNotFound);
    requireDecidingRole(party);
    const result = await this.aggregates.handle(orderDecider, streamId, commandOf(change, party.side), { metadata: meta });
    const [event] = result.events;
    if (result.state.status === 'NONE' || !event) throw new Error('a changed order has a state and an event');
    // The worker repeats this from the log if it fails here; the caller's step has happened either way.
    await followOrderEvent(this.aggregates, event.type, event.data, { correlationId: meta.correlationId, actor }).catch((error: unknown) =>
      this.logger.warn({ err: error, orderId, correlationId: meta.correlationId }, 'the authorization did not follow the order at once; the order-authorizations worker will'),
    );
    const { status, authorizationId } = result.state;
    return { status, version: result.version, ...(authorizationId ? { authorizationId } : {}) };
  }
}
