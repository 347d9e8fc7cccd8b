import { ORDER_CANCELED, ORDER_COMPLETED, ORDER_CONFIRMED, OrderEventV1 } from '@mpp/contracts';
import { AggregateStore, CommandMetadata, Projection } from '@mpp/eventsourcing';
import { authorizationDecider, authorizationStreamId } from './authorization.decider';

/**
 * The one step that keeps an authorization in line with its order: a confirmation grants it, a completion or a
 * cancellation ends it. Idempotent (granting a granted one, ending an ended one, changes nothing), so the command
 * handler runs it right after the order's event and the order-authorizations worker runs it again from the log
 * until it has succeeded: a crash between the two appends is repaired, never left half done.
 */
export async function followOrderEvent(aggregates: AggregateStore, type: string, order: OrderEventV1, metadata: CommandMetadata): Promise<void> {
  if (!order.authorizationId) return;
  const streamId = authorizationStreamId(order.authorizationId);
  if (type === ORDER_CONFIRMED) {
    const { authorizationId, orderId, miniProgramId, merchantWorkspaceId, isvWorkspaceId, scopes = [] } = order;
    await aggregates.handle(authorizationDecider, streamId, { type: 'GrantAuthorization', grant: { authorizationId, orderId, miniProgramId, merchantWorkspaceId, isvWorkspaceId, scopes } }, { metadata });
  } else if (type === ORDER_COMPLETED || type === ORDER_CANCELED) {
    await aggregates.handle(authorizationDecider, streamId, { type: 'EndAuthorization', reason: type === ORDER_COMPLETED ? 'COMPLETED' : 'CANCELED' }, { metadata });
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
    tables: [],
    schema: () => '',
    async apply(tx, event) {
      if (!event.streamId.startsWith('Order-')) return;
      const { actor, correlationId } = event.metadata;
      await followOrderEvent(aggregates.within(tx), event.type, event.data as unknown as OrderEventV1, { correlationId, causationId: event.eventId, actor });
    },
  };
}
