import { EventEnvelope } from '@mpp/contracts';
import { SqlClient, SqlEventStore } from '@mpp/eventsourcing';
import { currentTraceparent, SpanKind, traceContextOf, traced, withoutSqlSpans } from '@mpp/platform';
import { envelopeToInboxEvent } from './envelope-mapping';

/**
 * The events a service received from other services, kept in its own database. Receiving is idempotent:
 * the event id is recorded in the same transaction as the event itself, so a redelivery changes nothing.
 * Projections with source "inbox" read it as a log, like the service's own store.
 */
export class Inbox extends SqlEventStore {
  constructor(private readonly db: SqlClient) {
    super(db, 'inbox_');
  }

  /** Stores envelopes not seen before, in order, in the caller's transaction (or its own); returns how many were new. */
  async receive(envelopes: EventEnvelope[], tx: SqlClient = this.db): Promise<number> {
    if (envelopes.length === 0) return 0;
    const added = await tx.transaction(async (t) => {
      // Ids compare as PostgreSQL prints uuids: lower case.
      const ids = envelopes.map((e) => e.id.toLowerCase());
      const { rows } = await t.query<{ event_id: string }>(`SELECT event_id::text AS event_id FROM inbox_events WHERE event_id = ANY($1::uuid[])`, [ids]);
      const seen = new Set(rows.map((r) => r.event_id));
      const inbox = this.withClient(t);
      let added = 0;
      for (const [i, envelope] of envelopes.entries()) {
        if (seen.has(ids[i])) continue;
        seen.add(ids[i]);
        // One span per received event, in the trace that appended it; it times the event's append to the inbox, whose
        // statements make no spans of their own.
        const attributes = { 'mpp.event.type': envelope.type, 'mpp.event.id': envelope.id, 'mpp.event.source': envelope.source };
        await traced(`receive ${envelope.type}`, { kind: SpanKind.CONSUMER, attributes, parent: traceContextOf(envelope.traceparent) }, () =>
          withoutSqlSpans(() => inbox.append(envelope.subject, [envelopeToInboxEvent(envelope, currentTraceparent() ?? envelope.traceparent)], { expectedVersion: 'any' })),
        );
        added++;
      }
      return added;
    });
    // The appends woke the inbox's projections inside the transaction; now the events are readable.
    if (added > 0) this.announceCommit();
    return added;
  }
}
