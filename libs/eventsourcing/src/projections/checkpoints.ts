import { EventStore } from '../event-store/event-store.port';
import { parseLogPosition, SqlLogPosition } from '../event-store/log-position';
import { SqlClient } from '../sql/sql-client';

/** One row per reader of a log (projection, relay, inbound subscription): where it is. */
export const CHECKPOINTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS checkpoints (
  name text PRIMARY KEY,
  position text,
  processed bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
)`;

export interface Checkpoint {
  name: string;
  position: string | null;
  processed: number;
  updatedAt: string;
}

export async function ensureCheckpoint(sql: SqlClient, name: string): Promise<void> {
  await ensureCheckpoints(sql, [name]);
}

export async function ensureCheckpoints(sql: SqlClient, names: string[]): Promise<void> {
  await sql.query(`INSERT INTO checkpoints (name, position) SELECT unnest($1::text[]), NULL ON CONFLICT (name) DO NOTHING`, [names]);
}

/**
 * Takes the checkpoint's lock for the transaction and reads it: readers of one checkpoint take turns.
 * An advisory lock, not SELECT ... FOR UPDATE: a row lock gives the transaction an id at once, and an open
 * transaction id holds back the snapshot xmin that every log reader on the server waits for (say, while the
 * relay waits on Kafka). The checkpoint's own UPDATE comes last, so the id is taken only at the end.
 */
export async function lockCheckpoint(tx: SqlClient, name: string): Promise<string | null> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('checkpoint:' || $1))`, [name]);
  const { rows } = await tx.query<{ position: string | null }>(`SELECT position FROM checkpoints WHERE name = $1`, [name]);
  if (!rows[0]) throw new Error(`no checkpoint named ${name}`);
  return rows[0].position;
}

export async function saveCheckpoint(tx: SqlClient, name: string, position: string | null, processedDelta: number): Promise<void> {
  await tx.query(
    `UPDATE checkpoints SET position = $2, processed = CASE WHEN $2::text IS NULL THEN 0 ELSE processed + $3 END, updated_at = now() WHERE name = $1`,
    [name, position, processedDelta],
  );
}

/**
 * Moves a checkpoint from `from` to `to` in one statement, unless another reader moved it meanwhile; true when it
 * moved. For batches a projection has nothing to apply from, so there is nothing to commit with the move.
 */
export async function advanceCheckpoint(sql: SqlClient, name: string, from: string | null, to: string, processedDelta: number): Promise<boolean> {
  const { rows } = await sql.query(
    `UPDATE checkpoints SET position = $3, processed = processed + $4, updated_at = now() WHERE name = $1 AND position IS NOT DISTINCT FROM $2 RETURNING name`,
    [name, from, to, processedDelta],
  );
  return rows.length === 1;
}

export async function readCheckpoint(sql: SqlClient, name: string): Promise<Checkpoint | null> {
  const { rows } = await sql.query<{ name: string; position: string | null; processed: number; updated_at: Date | string }>(
    `SELECT name, position, processed, updated_at FROM checkpoints WHERE name = $1`,
    [name],
  );
  const row = rows[0];
  return row ? { name: row.name, position: row.position, processed: row.processed, updatedAt: new Date(row.updated_at).toISOString() } : null;
}

/** Whether SQL log position `a` comes at or after `b` (transaction ids are 64-bit: compared as BigInt). */
function atOrAfter(a: SqlLogPosition, b: SqlLogPosition): boolean {
  const [ta, tb] = [BigInt(a.transactionId), BigInt(b.transactionId)];
  return ta > tb || (ta === tb && a.globalPosition >= b.globalPosition);
}

/**
 * Waits, at most `ms`, until the projection named `name` has applied every event of the SQL log `log` committed
 * before the call: a list read from a read model right after the caller's write (a webhook just created) shows it.
 * It costs two small queries while the projection keeps up. A log whose positions are not SQL ones is not waited for.
 */
export async function awaitProjection(sql: SqlClient, log: Pick<EventStore, 'headPosition'>, name: string, ms = 2_000): Promise<void> {
  const head = await log.headPosition();
  if (!head || !SQL_POSITION.test(head)) return;
  const target = parseLogPosition(head);
  for (const deadline = Date.now() + ms; ; ) {
    const position = (await readCheckpoint(sql, name))?.position;
    if ((position && SQL_POSITION.test(position) && atOrAfter(parseLogPosition(position), target)) || Date.now() >= deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const SQL_POSITION = /^\d+:\d+$/;
