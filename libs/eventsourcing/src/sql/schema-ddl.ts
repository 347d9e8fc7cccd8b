import { createHash } from 'node:crypto';
import { SqlClient } from './sql-client';

/** Each DDL text run on a database (its SHA-256), so that a start runs only what it has not run before. */
const APPLIED_TABLE = `CREATE TABLE IF NOT EXISTS applied_ddl (sha256 text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`;

async function alreadyApplied(sql: SqlClient, sha256: string): Promise<boolean> {
  // Inside a transaction a failed statement would abort it: the table is made sure of first.
  if (sql.inTransaction) await sql.exec(APPLIED_TABLE);
  try {
    const { rows } = await sql.query('SELECT 1 FROM applied_ddl WHERE sha256 = $1', [sha256]);
    return rows.length > 0;
  } catch (error) {
    if ((error as { code?: string }).code !== '42P01') throw error; // a database that has run none yet
    await sql.exec(APPLIED_TABLE);
    return false;
  }
}

/**
 * Runs a piece of idempotent DDL (CREATE ... IF NOT EXISTS, CREATE OR REPLACE) unless this database already ran
 * exactly this text. A restart then asks one small table instead of running the DDL again: each service's event
 * stores alone replace two functions, catalog writes that wait for the disk (most of a restart's database work on
 * PGlite). A changed text runs again, as it did before, recorded with it in one implicit transaction. Tables dropped
 * outside the code that made them are not made again: drop `applied_ddl` with them.
 */
export async function ensureSchema(sql: SqlClient, ddl: string): Promise<void> {
  const sha256 = createHash('sha256').update(ddl).digest('hex');
  if (await alreadyApplied(sql, sha256)) return;
  await sql.exec(`${ddl}\n;\nINSERT INTO applied_ddl (sha256) VALUES ('${sha256}') ON CONFLICT DO NOTHING`);
}
