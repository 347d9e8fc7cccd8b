import { PGlite, Transaction } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import { AmbientTransaction } from './ambient-transaction';
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
  constructor(
    private readonly tx: Queryable,
    readonly inTransaction: boolean,
  ) {}
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
  // PGlite runs one transaction at a time and queues every other query behind it: a query of the transaction's
  // own async context that bypassed it would wait for ever.
  private readonly ambient = new AmbientTransaction<PgliteTransactionClient>();

  constructor(dataDir?: string) {
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    this.db = new PGlite(dataDir);
    this.direct = new PgliteTransactionClient(this.db, false);
  }

  get inTransaction(): boolean {
    return this.ambient.current !== undefined;
  }

  query<Row>(text: string, params?: unknown[]) {
    return (this.ambient.current ?? this.direct).query<Row>(text, params);
  }

  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    const outer = this.ambient.current;
    if (outer) return work(outer);
    return this.db.transaction((tx) => this.ambient.run(new PgliteTransactionClient(tx, true), work));
  }

  exec(text: string): Promise<void> {
    return (this.ambient.current ?? this.direct).exec(text);
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
  }
}
