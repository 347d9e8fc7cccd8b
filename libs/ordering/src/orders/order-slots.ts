import { AggregateStore, EventStore, UniqueClaims } from '@mpp/eventsourcing';
import { FINISHED_ORDER_STATUSES } from '@mpp/contracts';
import { AppError } from '@mpp/platform';
import { orderDecider, orderStreamId } from './order.decider';
import { UNFINISHED_ORDER_EXISTS } from '../ordering.errors';

/** An order placed moments ago may still be being written: its claim is honoured that long even before the order exists. */
const PLACING_MS = 60_000;

/**
 * At most one unfinished order per (mini program, service): the pair is claimed through a stream of its own
 * (UniqueClaims). The claim needs no release: it lapses when its order finishes (COMPLETED, REJECTED, CANCELED)
 * or when the order it was claimed for never came to be.
 */
export class OrderSlots {
  private readonly claims: UniqueClaims;

  constructor(
    store: EventStore,
    private readonly aggregates: AggregateStore,
  ) {
    this.claims = new UniqueClaims(store, { claimed: 'ordering.OrderSlotClaimed', released: 'ordering.OrderSlotReleased', holderKey: 'orderId' });
  }

  async claim(miniProgramId: string, serviceId: string, orderId: string, correlationId: string): Promise<void> {
    const held = await this.claims.claim(`OrderSlot-${miniProgramId}-${serviceId}`, orderId, correlationId, async (holder) => {
      const { state } = await this.aggregates.load(orderDecider, orderStreamId(holder.holderId));
      if (state.status === 'NONE') return Date.now() - holder.claimedAt < PLACING_MS;
      return !FINISHED_ORDER_STATUSES.includes(state.status);
    });
    if (!held) throw AppError.conflict(UNFINISHED_ORDER_EXISTS, 'this mini program has an unfinished order for this service');
  }
}
