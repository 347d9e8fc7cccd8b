import { PGlite, Transaction } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import { SqlClient } from './sql-client';

type Queryable = PGlite | Transaction;

// PGlite returns int8 as bigint; convert like the pg client does so both dialects give the same rows.
function normalise<Row>(rows: unknown[]): Row[] {
  for (const row of rows as Record<string, unknown>[]) {
    for (const key of Object.keys(row)) {
      if (typeof row[key] === 'bigint') row[key] = Number(row[key]);
    }
  }
  return rows as Row[];
}

class PgliteTransactionClient implements SqlClient {
  readonly dialect = 'pglite' as const;
  constructor(private readonly tx: Queryable) {}
  async query<Row>(text: string, params?: unknown[]) {
    const result = await this.tx.query(text, params);
    return { rows: normalise<Row>(result.rows), rowCount: result.affectedRows ?? result.rows.length };
  }
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    return work(this);
  }
  async exec(text: string): Promise<void> {
    await this.tx.exec(text);
  }
  async close(): Promise<void> {}
}

/** SqlClient over an embedded PGlite database, persisted in `dataDir` (or in memory when omitted). */
export class PgliteSqlClient implements SqlClient {
  readonly dialect = 'pglite' as const;
  private readonly db: PGlite;
  private readonly direct: PgliteTransactionClient;

  constructor(dataDir?: string) {
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    this.db = new PGlite(dataDir);
    this.direct = new PgliteTransactionClient(this.db);
  }

  query<Row>(text: string, params?: unknown[]) {
    return this.direct.query<Row>(text, params);
  }

  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => work(new PgliteTransactionClient(tx)));
  }

  exec(text: string): Promise<void> {
    return this.direct.exec(text);
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
  }
}
