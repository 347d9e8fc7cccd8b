import { SqlClient } from '@mpp/eventsourcing';

/** One email about to leave the service. */
export interface OutgoingMail {
  /** Unique per mail and stable across retries (the id of the event it tells about): receivers drop a repeat by it. */
  messageId: string;
  to: string;
  subject: string;
  text: string;
}

/**
 * Hands a mail on: to an SMTP server, or to the dev mailbox kept in the service's database. Called inside the
 * mailer's transaction (`tx`), which commits only once `send` resolves; `send` throws when the mail was not taken.
 */
export interface MailTransport {
  send(mail: OutgoingMail, tx: SqlClient): Promise<void>;
}
