import { EventEnvelope } from '@mpp/contracts';
import { Projection, SqlClient, SqlEventStore } from '@mpp/eventsourcing';
import { currentTraceparent, SpanKind, traceContextOf, traced, withoutSqlSpans } from '@mpp/platform';
import { envelopeToInboxEvent } from './envelope-mapping';

/**
 * The event types a service's inbox readers act on, when every one of them names its own (Projection.eventTypes);
 * undefined when one reads them all.
 */
export function typesReadFromInbox(readers: readonly Projection[]): string[] | undefined {
  const fromInbox = readers.filter((reader) => reader.source === 'inbox');
  if (fromInbox.some((reader) => !reader.eventTypes)) return undefined;
  return [...new Set(fromInbox.flatMap((reader) => reader.eventTypes ?? []))];
}

/**
 * The events a service received from other services, kept in its own database. Receiving is idempotent:
 * the event id is recorded in the same transaction as the event itself, so a redelivery changes nothing.
 * Projections with source "inbox" read it as a log, like the service's own store.
 */
export class Inbox extends SqlEventStore {
  /** The types worth keeping (keepOnly); undefined: all. */
  private kept?: ReadonlySet<string>;

  constructor(private readonly db: SqlClient) {
    super(db, 'inbox_');
  }

  /**
   * From now on, receives only events of these types (undefined: all). A service's topic subscriptions bring every
   * event of the services it consumes, and most are of no use to its readers: each release reached catalog, ordering
   * and insights, none of which reads releases, and cost each an inbox append and its readers a wake-up (bench:batch:
   * some 4 ms of CPU per release per service). An event passed over is not recorded, so a later reader that needs
   * its type finds none before it; keeping more than the readers need is always safe.
   */
  keepOnly(types: Iterable<string> | undefined): void {
    this.kept = types && new Set(types);
  }

  /** Stores envelopes not seen before, of the types it keeps, in order, in the caller's transaction (or its own); returns how many were new. */
  async receive(received: EventEnvelope[], tx: SqlClient = this.db): Promise<number> {
    const envelopes = this.kept ? received.filter((envelope) => this.kept!.has(envelope.type)) : received;
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
