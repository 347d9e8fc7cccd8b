import { Projection, SqlClient, StoredEvent, TableNames } from '@mpp/eventsourcing';
import { MailTransport, OutgoingMail } from './mail';

export const MAILER = 'mailer';
const SENT = 'sent_emails';

/**
 * A worker (ServiceDefinition.workers, never in `projections`: it is never rebuilt) that sends the mail each
 * event of the service's store calls for. At least once, and not twice for one event: the id of every event
 * mailed is recorded in sent_emails in the transaction that moves the checkpoint, so a redelivered event finds
 * its row and sends nothing; a failed send throws, rolling back row and checkpoint, and the runner retries.
 *
 * The row is checked before the send and inserted after it, not inserted first: an insert takes a transaction id,
 * and an open transaction id holds back every reader of the store (they read below the snapshot's xmin) for as
 * long as the SMTP server takes. The checkpoint's lock, held for the whole transaction, keeps check and insert
 * safe from another runner of this checkpoint.
 *
 * Run it with batchSize 1: when one send of a batch fails, the whole batch rolls back and the mails already
 * sent in it go out again on the retry (same Message-IDs, so receivers can drop them).
 */
export function mailer(
  transport: MailTransport,
  compose: (event: StoredEvent, tx: SqlClient) => OutgoingMail | null | Promise<OutgoingMail | null>,
  sentHook?: (event: StoredEvent, tx: SqlClient) => Promise<void>,
  /** Another log than the service's store (the inbox: mail about other services' events), under its own name and table. */
  reads: { name: string; source: string; sentTable: string } = { name: MAILER, source: 'store', sentTable: SENT },
): Projection {
  const { sentTable, ...reading } = reads;
  return {
    ...reading,
    tables: [sentTable],
    schema: (t) => `CREATE TABLE IF NOT EXISTS ${t(sentTable)} (event_id text PRIMARY KEY, sent_at timestamptz NOT NULL DEFAULT now())`,
    apply: (tx, event, t) => sendAll(tx, [event], t),
    applyBatch: sendAll,
  };

  async function sendAll(tx: SqlClient, events: StoredEvent[], t: TableNames): Promise<void> {
    // Rebuilding into a shadow table would mail the whole history again.
    if (t(sentTable) !== sentTable) throw new Error('the mailer is a worker: it is never rebuilt');
    const due: { event: StoredEvent; eventId: string; mail: OutgoingMail }[] = [];
    for (const event of events) {
      const mail = await compose(event, tx);
      if (mail) due.push({ event, eventId: event.eventId, mail });
    }
    if (due.length === 0) return;
    const { rows } = await tx.query<{ event_id: string }>(`SELECT event_id FROM ${sentTable} WHERE event_id = ANY($1::text[])`, [due.map((d) => d.eventId)]);
    const alreadySent = new Set(rows.map((r) => r.event_id));
    const sent: string[] = [];
    for (const { event, eventId, mail } of due) {
      if (alreadySent.has(eventId)) continue;
      // A crash between the SMTP server's accept and this commit still sends twice; the Message-ID lets receivers drop that one.
      await transport.send(mail, tx);
      await sentHook?.(event, tx);
      sent.push(eventId);
    }
    if (sent.length > 0) {
      await tx.query(`INSERT INTO ${sentTable} (event_id) SELECT unnest($1::text[]) ON CONFLICT (event_id) DO NOTHING`, [sent]);
    }
  }
}
