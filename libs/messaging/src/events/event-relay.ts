import { eventsTopic, ServiceName } from '@mpp/contracts';
import { Projection, StoredEvent } from '@mpp/eventsourcing';
import { toEnvelope } from './envelope-mapping';
import { EventPublisher } from './event-publisher';

/**
 * The relay as a projection of the service's store with no tables: each batch is published to
 * `<service>.events` (keyed by stream id) before the checkpoint moves, in the checkpoint's transaction.
 * A crash between the two publishes the batch again: at least once, and consumers deduplicate by event id.
 */
export function eventRelay(service: ServiceName, publisher: EventPublisher, publishes?: readonly string[]): Projection {
  const send = async (events: StoredEvent[]) => {
    const envelopes = publicEvents(events, publishes).map((e) => toEnvelope(service, e));
    if (envelopes.length) await publisher.publish(eventsTopic(service), envelopes);
  };
  return {
    name: 'relay',
    source: 'store',
    // A batch of the service's own events only (a job's items, say) moves the checkpoint in one statement.
    ...(publishes ? { eventTypes: publishes } : {}),
    tables: [],
    schema: () => '',
    apply: (_tx, event) => send([event]),
    applyBatch: (_tx, events) => send(events),
  };
}

/** The events other services may see: those of the `publishes` list (all when there is none). */
export function publicEvents(events: StoredEvent[], publishes?: readonly string[]): StoredEvent[] {
  return publishes ? events.filter((e) => publishes.includes(e.type)) : events;
}
