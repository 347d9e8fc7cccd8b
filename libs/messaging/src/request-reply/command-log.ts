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

const keyOf = (message: RequestMessage) => `${message.meta.actor?.accountId ?? 'anonymous'}:${message.meta.commandId}`;
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
    const key = keyOf(message);
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

  /**
   * Several requests' claims, their handlers' writes and their answers in ONE transaction, pipelined (see
   * SqlClient.pipelined): the claims in one statement, the handlers side by side, the answers in one statement. Each
   * request is answered as `run` would answer it alone: a key already answered replays its answer, a refusal is
   * recorded. It throws, and nothing is kept, when the transaction fails or a request fails without an answer (an
   * internal error, the database down): the caller then sends each one alone. So only requests whose handlers refuse
   * before they write may be run together: a refusal here has no savepoint to roll back to.
   */
  async runTogether(messages: RequestMessage[], execute: (message: RequestMessage) => Promise<Reply>): Promise<Reply[]> {
    const pipelined = this.sql.pipelined?.bind(this.sql);
    if (!pipelined) throw new Error('requests run together need a database that pipelines');
    const keys = messages.map(keyOf);
    const hashes = messages.map(hashOf);
    return pipelined(async (tx) => {
      const [, claimed] = await Promise.all([
        tx.query(`SET LOCAL lock_timeout = ${KEY_WAIT_MS}`),
        tx.query<{ key: string }>(
          `INSERT INTO command_log AS c (key, request_type, request_hash) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
           ON CONFLICT (key) DO UPDATE SET request_type = EXCLUDED.request_type, request_hash = EXCLUDED.request_hash, claimed_at = now()
             WHERE c.reply IS NULL
           RETURNING key`,
          [keys, messages.map((m) => m.type), hashes],
        ),
        tx.query(`SET LOCAL lock_timeout TO DEFAULT`),
      ]);
      const mine = new Set(claimed.rows.map((row) => row.key));
      const replies = await Promise.all(messages.map((message, i) => (mine.has(keys[i]) ? execute(message) : this.recorded(tx, keys[i], hashes[i]))));
      const unanswered = replies.find((reply, i) => mine.has(keys[i]) && !reply.ok && (reply.error.category === 'internal' || reply.error.category === 'unavailable'));
      if (unanswered) throw new NotAnswered(unanswered);
      const answered = keys.flatMap((key, i) => (mine.has(key) ? [{ key, reply: JSON.stringify(replies[i]) }] : []));
      if (answered.length) {
        await tx.query(`UPDATE command_log c SET reply = r.reply::jsonb FROM unnest($1::text[], $2::text[]) AS r(key, reply) WHERE c.key = r.key`, [
          answered.map((a) => a.key),
          answered.map((a) => a.reply),
        ]);
      }
      return replies;
    });
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
