import { createHash } from 'node:crypto';
import { Reply, RequestMessage } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { AppError } from '@mpp/platform';

export const COMMAND_LOG_SCHEMA = `
CREATE TABLE IF NOT EXISTS command_log (
  key text PRIMARY KEY,
  request_type text NOT NULL,
  request_hash text NOT NULL,
  reply jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  claimed_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE command_log ADD COLUMN IF NOT EXISTS claimed_at timestamptz NOT NULL DEFAULT now()`;

/** A claim without a reply older than this was left by a crash: the key may be claimed again. */
const STALE_CLAIM_SECONDS = 60;

const hashOf = (message: RequestMessage) => createHash('sha256').update(`${message.type}\n${JSON.stringify(message.payload)}`).digest('hex');

/**
 * Idempotency-Key support: the first answer to a key is kept and replayed for the same request;
 * the same key with another body is refused (422), and a second call while the first runs gets 409.
 * Keys are scoped by caller, so two accounts never share one.
 */
export class CommandLog {
  constructor(private readonly sql: SqlClient) {}

  async init(): Promise<void> {
    await this.sql.exec(COMMAND_LOG_SCHEMA);
  }

  async run(message: RequestMessage, execute: () => Promise<Reply>): Promise<Reply> {
    const key = `${message.meta.actor?.accountId ?? 'anonymous'}:${message.meta.commandId}`;
    const hash = hashOf(message);
    const claimed = await this.sql.query(
      `INSERT INTO command_log AS c (key, request_type, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO UPDATE SET request_type = EXCLUDED.request_type, request_hash = EXCLUDED.request_hash, claimed_at = now()
         WHERE c.reply IS NULL AND c.claimed_at < now() - make_interval(secs => ${STALE_CLAIM_SECONDS})`,
      [key, message.type, hash],
    );
    if (claimed.rowCount === 0) {
      const { rows } = await this.sql.query<{ request_hash: string; reply: Reply | null }>(
        `SELECT request_hash, reply FROM command_log WHERE key = $1`,
        [key],
      );
      const row = rows[0];
      if (row && row.request_hash !== hash) {
        return refusal(new AppError('IDEMPOTENCY_KEY_REUSED', 'rule_violation', 'this Idempotency-Key was used for a different request'));
      }
      if (!row?.reply) return refusal(AppError.conflict('REQUEST_IN_PROGRESS', 'a request with this Idempotency-Key is still being processed'));
      return row.reply;
    }
    const reply = await execute();
    try {
      if (!reply.ok && (reply.error.category === 'internal' || reply.error.category === 'unavailable')) {
        // A failure that was not an answer: let the client try the same key again.
        await this.sql.query(`DELETE FROM command_log WHERE key = $1`, [key]);
      } else {
        await this.sql.query(`UPDATE command_log SET reply = $2::jsonb WHERE key = $1`, [key, JSON.stringify(reply)]);
      }
    } catch {
      // The answer stands; the claim expires after STALE_CLAIM_SECONDS if it could not be recorded.
    }
    return reply;
  }
}

const refusal = (error: AppError): Reply => ({ ok: false, error: error.toBody() });
