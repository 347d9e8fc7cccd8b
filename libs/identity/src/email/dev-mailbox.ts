import { MailView } from '@mpp/contracts';
import { ensureSchema, SqlClient } from '@mpp/eventsourcing';
import { MailTransport, OutgoingMail } from './mail';

export const DEV_MAILBOX_SCHEMA = `
CREATE TABLE IF NOT EXISTS dev_mailbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  message_id text NOT NULL UNIQUE,
  to_address text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  sent_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS dev_mailbox_to_address_idx ON dev_mailbox (lower(to_address), id DESC)`;

const MAX_LIST = 200;

interface MailRow {
  to_address: string;
  subject: string;
  body: string;
  sent_at: Date | string;
}

/**
 * Where mail goes when there is no SMTP server (development, tests): a table in the service's own database,
 * written in the mailer's transaction, read back per address by the dev mailbox endpoint.
 */
export class DevMailbox implements MailTransport {
  constructor(private readonly sql: SqlClient) {}

  async init(): Promise<this> {
    await ensureSchema(this.sql, DEV_MAILBOX_SCHEMA);
    return this;
  }

  /** Keeps the mail; a Message-ID already kept is not kept again. */
  async send(mail: OutgoingMail, tx: SqlClient): Promise<void> {
    await tx.query(
      `INSERT INTO dev_mailbox (message_id, to_address, subject, body) VALUES ($1, $2, $3, $4) ON CONFLICT (message_id) DO NOTHING`,
      [mail.messageId, mail.to, mail.subject, mail.text],
    );
  }

  /** The mails sent to `to` (any letter case), newest first. */
  async list(to: string, limit = 50): Promise<MailView[]> {
    const capped = Math.max(1, Math.min(MAX_LIST, Math.trunc(limit) || 1));
    const { rows } = await this.sql.query<MailRow>(
      `SELECT to_address, subject, body, sent_at FROM dev_mailbox WHERE lower(to_address) = lower($1) ORDER BY id DESC LIMIT $2`,
      [to.trim(), capped],
    );
    return rows.map((row) => ({ to: row.to_address, subject: row.subject, text: row.body, sentAt: new Date(row.sent_at).toISOString() }));
  }
}
