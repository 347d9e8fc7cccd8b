import { ORDER_CANCELED, ORDER_COMPLETED, ORDER_CONFIRMED, OrderEvent, upcastOrderEvent } from '@mpp/contracts';
import { AggregateStore, CommandMetadata, Projection } from '@mpp/eventsourcing';
import { OrderParties, orderDecider } from '../orders/order.decider';
import { authorizationDecider, authorizationStreamId } from './authorization.decider';

/**
 * The one step that keeps an authorization in line with its order: a confirmation grants it, a completion or a
 * cancellation ends it. Idempotent (granting a granted one, ending an ended one, changes nothing), so the command
 * handler runs it right after the order's event and the order-authorizations worker runs it again from the log
 * until it has succeeded: a crash between the two appends is repaired, never left half done.
 */
export async function followOrderEvent(aggregates: AggregateStore, order: OrderParties, event: OrderEvent, metadata: CommandMetadata): Promise<void> {
  if (event.type === ORDER_CONFIRMED) {
    const { authorizationId, scopes, at } = event.data;
    const { orderId, miniProgramId, merchantWorkspaceId, isvWorkspaceId } = order;
    const grant = { authorizationId, orderId, miniProgramId, merchantWorkspaceId, isvWorkspaceId, scopes };
    // Granted when the order was confirmed, also when the worker repairs the grant later.
    await aggregates.handle(authorizationDecider, authorizationStreamId(authorizationId), { type: 'GrantAuthorization', grant, at }, { metadata });
  } else if ((event.type === ORDER_COMPLETED || event.type === ORDER_CANCELED) && event.data.authorizationId) {
    const reason = event.type === ORDER_COMPLETED ? 'COMPLETED' : 'CANCELED';
    await aggregates.handle(authorizationDecider, authorizationStreamId(event.data.authorizationId), { type: 'EndAuthorization', reason }, { metadata });
  }
}

export const ORDER_AUTHORIZATIONS = 'order-authorizations';

/**
 * The worker re-running followOrderEvent for every order event of the store, checkpointed: "retried until done".
 * Its appends go through the checkpoint's transaction where the store allows (SQL): done once, with the checkpoint.
 */
export function orderAuthorizationsWorker(aggregates: AggregateStore): Projection {
  return {
    name: ORDER_AUTHORIZATIONS,
    source: 'store',
    eventTypes: [ORDER_CONFIRMED, ORDER_COMPLETED, ORDER_CANCELED],
    tables: [],
    schema: () => '',
    async apply(tx, event) {
      if (!event.streamId.startsWith('Order-')) return;
      const { actor, correlationId } = event.metadata;
      const happened = upcastOrderEvent(event);
      if (happened.type !== ORDER_CONFIRMED && happened.type !== ORDER_COMPLETED && happened.type !== ORDER_CANCELED) return;
      const inTx = aggregates.within(tx);
      // The order's parties as of this event: its events say what happened, the placement who is involved.
      const { state } = await inTx.load(orderDecider, event.streamId, { upToVersion: event.streamPosition });
      if (state.status === 'NONE') return;
      await followOrderEvent(inTx, state, happened, { correlationId, causationId: event.eventId, actor });
    },
  };
}
