/** The slice of a PostgreSQL connection that stores, projections and inboxes need; served by `pg` and by PGlite. */
export interface QueryOptions {
  /** Makes it a named prepared statement (PostgreSQL parses and plans it once per connection); hot paths only. */
  name?: string;
}

export interface SqlClient {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[], options?: QueryOptions): Promise<{ rows: Row[]; rowCount: number }>;
  /**
   * Runs `work` in one transaction. It is ambient: until `work` settles, every query made through this client
   * from `work`'s async context runs in that transaction (so a handler's appends commit with the
   * Idempotency-Key's answer), and nested calls reuse it.
   */
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T>;
  /** Runs several statements separated by semicolons (DDL); no parameters. */
  exec(text: string): Promise<void>;
  close(): Promise<void>;
  readonly dialect: 'postgres' | 'pglite';
  /** Whether a query made now runs inside a transaction (then a failing statement aborts it, unless under a savepoint). */
  readonly inTransaction: boolean;
  /** Set inside a transaction whose statements commit or fail as one (a pipelined one): no savepoint may be taken. */
  readonly atomic?: boolean;
  /**
   * Runs `work` in one transaction, ambient as `transaction`'s, whose statements issued at the same moment go to the
   * database together, in one round trip (PipelinedTransaction: for requests run side by side). Only where a round
   * trip costs something (PostgreSQL over a socket; not PGlite, in the process).
   */
  pipelined?<T>(work: (tx: SqlClient) => Promise<T>): Promise<T>;
}
