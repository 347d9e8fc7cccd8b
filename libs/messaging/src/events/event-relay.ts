import { eventsTopic, ServiceName } from '@mpp/contracts';
import { Projection } from '@mpp/eventsourcing';
import { toEnvelope } from './envelope-mapping';
import { EventPublisher } from './event-publisher';

/**
 * The relay as a projection of the service's store with no tables: each batch is published to
 * `<service>.events` (keyed by stream id) before the checkpoint moves, in the checkpoint's transaction.
 * A crash between the two publishes the batch again: at least once, and consumers deduplicate by event id.
 */
export function eventRelay(service: ServiceName, publisher: EventPublisher): Projection {
  return {
    name: 'relay',
    source: 'store',
    tables: [],
    schema: () => '',
    apply: (_tx, event) => publisher.publish(eventsTopic(service), [toEnvelope(service, event)]),
    applyBatch: (_tx, events) => publisher.publish(eventsTopic(service), events.map((e) => toEnvelope(service, e))),
  };
}
