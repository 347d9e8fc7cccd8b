import { PGlite, PGliteOptions, Transaction } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import { AmbientTransaction } from '../ambient-transaction';
import { SqlClient } from '../sql-client';
import { pgliteTemplateTarball } from './pglite-template';
import { PgliteThread, ThreadResults } from './pglite-thread';

/**
 * What the clients use of a connection, in a transaction or not, on this thread or on PGlite's own. `before`: a
 * statement run first (the schema's switch), in the same message to PGlite's thread.
 */
interface Queryable {
  query<Row>(text: string, params?: unknown[], before?: string): Promise<ThreadResults<Row>>;
  exec(text: string, before?: string): Promise<unknown>;
}

/** PGlite (or its transaction) on this thread as a Queryable. */
const onThisThread = (q: PGlite | Transaction): Queryable => ({
  query: async <Row>(text: string, params?: unknown[], before?: string) => {
    if (before) await q.exec(before);
    return q.query<Row>(text, params);
  },
  exec: (text: string, before?: string) => q.exec(before ? `${before}; ${text}` : text),
});

/** One request on a connection: a query or an exec, with the statement to run before it, if any. */
type Request<T> = (q: Queryable, before: string | undefined) => Promise<T>;

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
    private readonly tx: Queryable,
    private schema: string | undefined,
  ) {}

  run<T>(schema: string | undefined, request: Request<T>): Promise<T> {
    return this.queue.run(() => {
      const switching = schema !== undefined && schema !== this.schema;
      if (!switching) return request(this.tx, undefined);
      this.schema = schema;
      return request(this.tx, `SET LOCAL search_path TO ${quoteIdentifier(schema)}`).catch((error: unknown) => {
        this.schema = undefined; // whether the switch took is not known: the next request switches again
        throw error;
      });
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
  readonly db: PGlite | PgliteThread;
  private readonly connection: Queryable;
  private readonly queue = new SerialQueue();
  private readonly ambient = new AmbientTransaction<OpenTransaction>();
  /** The search_path the session has, when a schema's client set one. */
  private session: string | undefined;

  /**
   * On disk in `dataDir` (an existing database, or a new one PGlite initialises), else in memory from the initdb
   * template. `thread`: PGlite runs on a thread of its own (standalone: its start overlaps the loading of the code,
   * and queries leave the thread serving HTTP); else on the caller's.
   */
  constructor(dataDir?: string, { thread = false }: { thread?: boolean } = {}) {
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    // PostgreSQL's default 128 MB buffer pool is all touched at start inside the WASM heap, so all of it resident;
    // an embedded database of a laptop's data is read through the OS's file cache as well with 16 MB (about 100 MB less RSS).
    const options: PGliteOptions = { postgresqlconf: `shared_buffers = '16MB'`, loadDataDir: dataDir ? undefined : pgliteTemplateTarball() };
    this.db = thread && dataDir ? new PgliteThread(dataDir, options) : new PGlite(dataDir, options);
    this.connection = this.db instanceof PgliteThread ? this.db : onThisThread(this.db);
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

  run<T>(schema: string | undefined, request: Request<T>): Promise<T> {
    const open = this.ambient.current;
    if (open) return open.run(schema, request);
    return this.queue.run(() => {
      const switching = schema !== undefined && schema !== this.session;
      if (!switching) return request(this.connection, undefined);
      this.session = schema;
      return request(this.connection, `SET search_path TO ${quoteIdentifier(schema)}`).catch((error: unknown) => {
        this.session = undefined; // whether the switch took is not known: the next request switches again
        throw error;
      });
    });
  }

  transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.ambient.current) return work();
    const inTransaction = (tx: Queryable) => this.ambient.run(new OpenTransaction(tx, this.session), work);
    return this.queue.run(() => (this.db instanceof PgliteThread ? this.db.transaction(inTransaction) : this.db.transaction((tx) => inTransaction(onThisThread(tx)))));
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
    const result = await this.database.run(this.schemaName, (q, before) => q.query<Row>(text, params, before));
    return { rows: normalise<Row>(result.rows), rowCount: result.affectedRows ?? result.rows.length };
  }

  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    return this.database.transaction(() => work(this));
  }

  async exec(text: string): Promise<void> {
    await this.database.run(this.schemaName, (q, before) => q.exec(text, before));
  }

  async close(): Promise<void> {
    if (this.ownsDatabase) await this.database.close();
  }
}
