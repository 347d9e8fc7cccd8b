import { EventEnvelope, ServiceName } from '@mpp/contracts';
import { NewEvent, StoredEvent } from '@mpp/eventsourcing';

/** The one mapping from a stored event to the envelope published on the transport. */
export function toEnvelope(service: ServiceName, event: StoredEvent): EventEnvelope {
  const { metadata } = event;
  return {
    specversion: '1.0',
    id: event.eventId,
    type: event.type,
    source: `/mpp/${service}`,
    subject: event.streamId,
    time: metadata.occurredAt ?? event.recordedAt,
    datacontenttype: 'application/json',
    data: event.data,
    sequence: event.streamPosition,
    correlationid: metadata.correlationId,
    ...(metadata.causationId ? { causationid: metadata.causationId } : {}),
    ...(metadata.actor ? { actor: metadata.actor.accountId, actorroles: metadata.actor.platformRoles ?? [] } : {}),
    ...(typeof metadata.traceparent === 'string' ? { traceparent: metadata.traceparent } : {}),
  };
}

/**
 * A received envelope as it is kept in the consumer's inbox; its id stays the event id, for deduplication. It carries
 * the trace of its receipt (`traceparent`), so the consumer's projections join the producing trace.
 */
export function envelopeToInboxEvent(envelope: EventEnvelope, traceparent = envelope.traceparent): NewEvent {
  return {
    eventId: envelope.id,
    type: envelope.type,
    data: envelope.data,
    metadata: {
      correlationId: envelope.correlationid,
      causationId: envelope.causationid,
      occurredAt: envelope.time,
      source: envelope.source,
      sequence: envelope.sequence,
      ...(envelope.actor ? { actor: { accountId: envelope.actor, platformRoles: envelope.actorroles ?? [] } } : {}),
      ...(traceparent ? { traceparent } : {}),
    },
  };
}
