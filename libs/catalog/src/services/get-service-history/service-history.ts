import { SERVICE_PUBLIC_EVENTS, ServiceHistoryItem } from '@mpp/contracts';
import { StoredEvent } from '@mpp/eventsourcing';
import { serviceDecider, ServiceEvent } from '../service.decider';

/** The service's own events as the history shows them: each with the state it led to. */
export function serviceHistory(events: readonly StoredEvent[]): ServiceHistoryItem[] {
  let folded = serviceDecider.initialState();
  const items: ServiceHistoryItem[] = [];
  for (const e of events) {
    folded = serviceDecider.evolve(folded, { type: e.type, data: e.data } as ServiceEvent);
    // The public echoes of an approval or an archiving tell the ISV nothing its own events do not.
    if (SERVICE_PUBLIC_EVENTS.includes(e.type) || folded.status === 'NONE') continue;
    const status = folded.status === 'ONLINE' && folded.revision ? `ONLINE (revision ${folded.revision})` : folded.status;
    items.push({ type: e.type.replace(/^catalog\./, ''), status, actor: e.metadata.actor?.accountId ?? 'system', at: e.metadata.occurredAt, ...(e.data.reason ? { reason: e.data.reason as string } : {}) });
  }
  return items;
}
