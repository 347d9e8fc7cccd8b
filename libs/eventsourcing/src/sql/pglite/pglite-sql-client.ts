import { PGlite, Transaction } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import { AmbientTransaction } from '../ambient-transaction';
import { SqlClient } from '../sql-client';
import { pgliteTemplateTarball } from './pglite-template';

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

export const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Runs one piece of work at a time, in call order. */
class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/**
 * A transaction of the database, shared by every schema's client: its queries run one at a time, each after
 * setting the schema it names. SET LOCAL, so the session's search_path is what it was once the transaction ends,
 * committed or rolled back.
 */
class OpenTransaction {
  private readonly queue = new SerialQueue();

  constructor(
    private readonly tx: Transaction,
    private schema: string | undefined,
  ) {}

  run<T>(schema: string | undefined, work: (q: Queryable) => Promise<T>): Promise<T> {
    return this.queue.run(async () => {
      if (schema !== undefined && schema !== this.schema) {
        await this.tx.exec(`SET LOCAL search_path TO ${quoteIdentifier(schema)}`);
        this.schema = schema;
      }
      return work(this.tx);
    });
  }
}

/**
 * One embedded PGlite database, persisted in `dataDir` (or in memory when omitted). Standalone keeps every service
 * in it, each in a schema of its own reached through `schema(name)`: the same SQL as a cluster service's database,
 * unqualified names resolved by search_path.
 *
 * PGlite has one connection, so every query and transaction of every client goes through one queue here: a
 * transaction holds the connection until it ends, and the queries of its async context (of any schema's client)
 * run inside it; every other query waits its turn. The session's search_path is switched only when the schema changes.
 */
export class PgliteDatabase {
  readonly db: PGlite;
  private readonly queue = new SerialQueue();
  private readonly ambient = new AmbientTransaction<OpenTransaction>();
  /** The search_path the session has, when a schema's client set one. */
  private session: string | undefined;

  /** On disk in `dataDir` (an existing database, or a new one PGlite initialises), else in memory from the initdb template. */
  constructor(dataDir?: string) {
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    // PostgreSQL's default 128 MB buffer pool is all touched at start inside the WASM heap, so all of it resident;
    // an embedded database of a laptop's data is read through the OS's file cache as well with 16 MB (about 100 MB less RSS).
    this.db = new PGlite(dataDir, { postgresqlconf: `shared_buffers = '16MB'`, loadDataDir: dataDir ? undefined : pgliteTemplateTarball() });
  }

  /**
   * The client of one schema (made if missing): its unqualified names are its own tables. Closing it closes the
   * database only when it is the database's one user (`owner`).
   */
  async schema(name: string, options: { owner?: boolean } = {}): Promise<SqlClient> {
    await this.run(undefined, (q) => q.exec(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(name)}`));
    return new PgliteSqlClient(this, name, options.owner ?? false);
  }

  get inTransaction(): boolean {
    return this.ambient.current !== undefined;
  }

  run<T>(schema: string | undefined, work: (q: Queryable) => Promise<T>): Promise<T> {
    const open = this.ambient.current;
    if (open) return open.run(schema, work);
    return this.queue.run(async () => {
      if (schema !== undefined && schema !== this.session) {
        await this.db.exec(`SET search_path TO ${quoteIdentifier(schema)}`);
        this.session = schema;
      }
      return work(this.db);
    });
  }

  transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.ambient.current) return work();
    return this.queue.run(() => this.db.transaction((tx) => this.ambient.run(new OpenTransaction(tx, this.session), work)));
  }

  async close(): Promise<void> {
    // Behind whatever is queued: a query already accepted still gets its answer.
    await this.queue.run(async () => {
      if (!this.db.closed) await this.db.close();
    });
  }
}

/** SqlClient over a PGlite database: the whole database (`new PgliteSqlClient(dataDir)`), or one schema of a shared one. */
export class PgliteSqlClient implements SqlClient {
  readonly dialect = 'pglite' as const;
  private readonly database: PgliteDatabase;

  constructor(dataDir?: string);
  constructor(database: PgliteDatabase, schema: string, ownsDatabase: boolean);
  constructor(
    dataDirOrDatabase?: string | PgliteDatabase,
    private readonly schemaName?: string,
    private readonly ownsDatabase = true,
  ) {
    this.database = dataDirOrDatabase instanceof PgliteDatabase ? dataDirOrDatabase : new PgliteDatabase(dataDirOrDatabase);
  }

  get inTransaction(): boolean {
    return this.database.inTransaction;
  }

  async query<Row>(text: string, params?: unknown[]) {
    const result = await this.database.run(this.schemaName, (q) => q.query(text, params));
    return { rows: normalise<Row>(result.rows), rowCount: result.affectedRows ?? result.rows.length };
  }

  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    return this.database.transaction(() => work(this));
  }

  async exec(text: string): Promise<void> {
    await this.database.run(this.schemaName, (q) => q.exec(text));
  }

  async close(): Promise<void> {
    if (this.ownsDatabase) await this.database.close();
  }
}
