import { ServiceName } from '@mpp/contracts';
import { Projection, SqlClient, StoredEvent } from '@mpp/eventsourcing';
import { publicEvents } from './event-relay';
import { toEnvelope } from './envelope-mapping';
import { Inbox } from './inbox';

/**
 * The in-process transport of standalone: a consumer reads the publishing service's store directly as its
 * log, with its checkpoint in its own database, and lands the envelopes in its inbox in the checkpoint's
 * transaction. Same envelope, same inbox, same per-stream order and durable checkpoint as with Kafka.
 */
export function inProcessInbound(source: ServiceName, inbox: Inbox, publishes?: readonly string[]): Projection {
  const receive = async (tx: SqlClient, events: StoredEvent[]) =>
    void (await inbox.receive(publicEvents(events, publishes).map((e) => toEnvelope(source, e)), tx));
  return {
    name: `inbound:${source}`,
    source: 'store',
    // A batch of the service's own events only (a job's items, say) moves the checkpoint in one statement.
    ...(publishes ? { eventTypes: publishes } : {}),
    tables: [],
    schema: () => '',
    apply: (tx, event) => receive(tx, [event]),
    applyBatch: (tx, events) => receive(tx, events),
  };
}
