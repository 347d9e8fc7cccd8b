import { SqlClient } from '../sql/sql-client';

/** Messages and events a reader could not handle after its retries, parked for an operator (ops dlq list/retry). */
export const DEAD_LETTERS_SCHEMA = `
CREATE TABLE IF NOT EXISTS dead_letters (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  consumer text NOT NULL,
  event_id text,
  event_type text,
  payload jsonb NOT NULL,
  error text NOT NULL,
  attempts int NOT NULL,
  status text NOT NULL DEFAULT 'PARKED',
  created_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz
);
CREATE UNIQUE INDEX IF NOT EXISTS dead_letters_parked_once ON dead_letters (consumer, event_id) WHERE status = 'PARKED'`;

export interface DeadLetter {
  id: number;
  consumer: string;
  eventId: string | null;
  eventType: string | null;
  payload: unknown;
  error: string;
  attempts: number;
  status: 'PARKED' | 'RESOLVED';
  createdAt: string;
}

export async function parkDeadLetter(
  tx: SqlClient,
  letter: { consumer: string; eventId?: string; eventType?: string; payload: unknown; error: string; attempts: number },
): Promise<void> {
  await tx.query(
    // Once per event and reader: a live runner and a rebuild may both give up on the same event.
    `INSERT INTO dead_letters (consumer, event_id, event_type, payload, error, attempts) VALUES ($1, $2, $3, $4::jsonb, $5, $6)
     ON CONFLICT (consumer, event_id) WHERE status = 'PARKED' DO NOTHING`,
    [letter.consumer, letter.eventId ?? null, letter.eventType ?? null, JSON.stringify(letter.payload), letter.error.slice(0, 2000), letter.attempts],
  );
}

export async function listDeadLetters(sql: SqlClient, status: 'PARKED' | 'RESOLVED' | 'ALL' = 'PARKED'): Promise<DeadLetter[]> {
  const { rows } = await sql.query<Record<string, unknown>>(
    `SELECT * FROM dead_letters WHERE $1 = 'ALL' OR status = $1 ORDER BY id`,
    [status],
  );
  return rows.map((r) => ({
    id: r.id as number,
    consumer: r.consumer as string,
    eventId: r.event_id as string | null,
    eventType: r.event_type as string | null,
    payload: r.payload,
    error: r.error as string,
    attempts: r.attempts as number,
    status: r.status as DeadLetter['status'],
    createdAt: new Date(r.created_at as string).toISOString(),
  }));
}

export async function resolveDeadLetter(tx: SqlClient, id: number): Promise<void> {
  await tx.query(`UPDATE dead_letters SET status = 'RESOLVED', resolved_at = now() WHERE id = $1`, [id]);
}
