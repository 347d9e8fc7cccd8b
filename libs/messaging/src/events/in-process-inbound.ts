import { ServiceName } from '@mpp/contracts';
import { Projection } from '@mpp/eventsourcing';
import { toEnvelope } from './envelope-mapping';
import { Inbox } from './inbox';

/**
 * The in-process transport of standalone: a consumer reads the publishing service's store directly as its
 * log, with its checkpoint in its own database, and lands the envelopes in its inbox in the checkpoint's
 * transaction. Same envelope, same inbox, same per-stream order and durable checkpoint as with Kafka.
 */
export function inProcessInbound(source: ServiceName, inbox: Inbox): Projection {
  return {
    name: `inbound:${source}`,
    source: 'store',
    tables: [],
    schema: () => '',
    apply: async (tx, event) => void (await inbox.receive([toEnvelope(source, event)], tx)),
    applyBatch: async (tx, events) => void (await inbox.receive(events.map((e) => toEnvelope(source, e)), tx)),
  };
}
