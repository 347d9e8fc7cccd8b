import { createHash } from 'node:crypto';
import { Reply, RequestMessage } from '@mpp/contracts';
import { ensureSchema, SqlClient } from '@mpp/eventsourcing';
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

/** How long a request waits for another one holding the same key to commit or roll back, before a 409. */
const KEY_WAIT_MS = 2_000;

const hashOf = (message: RequestMessage) => createHash('sha256').update(`${message.type}\n${JSON.stringify(message.payload)}`).digest('hex');

/** A failure that was not an answer (internal, unavailable): the claim is rolled back so the same key can be tried again. */
class NotAnswered extends Error {
  constructor(readonly reply: Reply) {
    super('not answered');
  }
}

const isLockTimeout = (error: unknown) => (error as { code?: unknown })?.code === '55P03';

/**
 * Idempotency-Key support: the first answer to a key is kept and replayed for the same request;
 * the same key with another body is refused (422), and a second call while the first runs gets 409.
 * Keys are scoped by caller, so two accounts never share one.
 *
 * The claim, the handler's writes (its appended events) and the answer commit in ONE transaction (the
 * client's ambient transaction): a process killed half-way leaves neither a claim without an answer nor
 * events without one, so a retry under the same key either replays the answer or runs the command afresh,
 * never twice. A refusal is answered from a savepoint rolled back first: it changes nothing but the log.
 */
export class CommandLog {
  constructor(private readonly sql: SqlClient) {}

  async init(): Promise<void> {
    await ensureSchema(this.sql, COMMAND_LOG_SCHEMA);
  }

  async run(message: RequestMessage, execute: () => Promise<Reply>): Promise<Reply> {
    const key = `${message.meta.actor?.accountId ?? 'anonymous'}:${message.meta.commandId}`;
    const hash = hashOf(message);
    try {
      return await this.sql.transaction(async (tx) => {
        // The same key held by a transaction still running makes this insert wait for its outcome.
        await tx.query(`SET LOCAL lock_timeout = ${KEY_WAIT_MS}`);
        // A committed claim without an answer was left by an earlier release that answered outside this transaction.
        const claimed = await tx.query(
          `INSERT INTO command_log AS c (key, request_type, request_hash) VALUES ($1, $2, $3)
           ON CONFLICT (key) DO UPDATE SET request_type = EXCLUDED.request_type, request_hash = EXCLUDED.request_hash, claimed_at = now()
             WHERE c.reply IS NULL`,
          [key, message.type, hash],
        );
        await tx.query(`SET LOCAL lock_timeout TO DEFAULT`);
        if (claimed.rowCount === 0) return this.recorded(tx, key, hash);
        await tx.query('SAVEPOINT command_log');
        const reply = await execute();
        if (!reply.ok) {
          await tx.query('ROLLBACK TO SAVEPOINT command_log');
          if (reply.error.category === 'internal' || reply.error.category === 'unavailable') throw new NotAnswered(reply);
        }
        await tx.query(`UPDATE command_log SET reply = $2::jsonb WHERE key = $1`, [key, JSON.stringify(reply)]);
        return reply;
      });
    } catch (error) {
      if (error instanceof NotAnswered) return error.reply;
      if (isLockTimeout(error)) return refusal(AppError.conflict('REQUEST_IN_PROGRESS', 'a request with this Idempotency-Key is still being processed'));
      throw error;
    }
  }

  private async recorded(tx: SqlClient, key: string, hash: string): Promise<Reply> {
    const { rows } = await tx.query<{ request_hash: string; reply: Reply | null }>(`SELECT request_hash, reply FROM command_log WHERE key = $1`, [key]);
    const row = rows[0];
    if (row && row.request_hash !== hash) {
      return refusal(new AppError('IDEMPOTENCY_KEY_REUSED', 'rule_violation', 'this Idempotency-Key was used for a different request'));
    }
    return row?.reply ?? refusal(AppError.conflict('REQUEST_IN_PROGRESS', 'a request with this Idempotency-Key is still being processed'));
  }
}

const refusal = (error: AppError): Reply => ({ ok: false, error: error.toBody() });
