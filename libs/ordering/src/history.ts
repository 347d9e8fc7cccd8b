import { HistoryItem, ORDER_STATUS_AFTER, OrderEvent } from '@mpp/contracts';
import { StoredEvent } from '@mpp/eventsourcing';

/** The status after an event: an order's follows from what happened, an authorization's event carries it. */
const statusAfter = (e: StoredEvent) => (e.type in ORDER_STATUS_AFTER ? ORDER_STATUS_AFTER[e.type as OrderEvent['type']] : String(e.data.status));

/** Each event of an order's or authorization's stream as a step: what happened, the status after it, who, when and why. */
export function historyOf(events: StoredEvent[]): HistoryItem[] {
  return events.map((e) => ({
    type: e.type.replace(/^ordering\./, ''),
    status: statusAfter(e),
    actor: e.metadata.actor?.accountId ?? 'system',
    at: e.metadata.occurredAt,
    version: e.streamPosition,
    ...(e.data.reason ? { reason: String(e.data.reason) } : {}),
    ...(Array.isArray(e.data.scopes) && e.type.includes('Authorization') ? { scopes: e.data.scopes as HistoryItem['scopes'] } : {}),
  }));
}
