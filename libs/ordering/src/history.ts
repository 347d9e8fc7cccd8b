import { HistoryItem } from '@mpp/contracts';
import { StoredEvent } from '@mpp/eventsourcing';

/** Each event of an order's or authorization's stream as a step: what happened, the status after it, who, when and why. */
export function historyOf(events: StoredEvent[]): HistoryItem[] {
  return events.map((e) => ({
    type: e.type.replace(/^ordering\./, ''),
    status: String(e.data.status),
    actor: e.metadata.actor?.accountId ?? 'system',
    at: e.metadata.occurredAt,
    version: e.streamPosition,
    ...(e.data.reason ? { reason: String(e.data.reason) } : {}),
    ...(Array.isArray(e.data.scopes) && e.type.includes('Authorization') ? { scopes: e.data.scopes as HistoryItem['scopes'] } : {}),
  }));
}
