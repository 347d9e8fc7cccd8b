/** The slice of a PostgreSQL connection that stores, projections and inboxes need; served by `pg` and by PGlite. */
export interface QueryOptions {
  /** Makes it a named prepared statement (PostgreSQL parses and plans it once per connection); hot paths only. */
  name?: string;
}

export interface SqlClient {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[], options?: QueryOptions): Promise<{ rows: Row[]; rowCount: number }>;
  /** Runs `work` in one transaction; nested calls reuse the outer transaction. */
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T>;
  /** Runs several statements separated by semicolons (DDL); no parameters. */
  exec(text: string): Promise<void>;
  close(): Promise<void>;
  readonly dialect: 'postgres' | 'pglite';
}
