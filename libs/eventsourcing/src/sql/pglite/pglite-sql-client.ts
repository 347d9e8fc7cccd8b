import { mkdirSync } from 'node:fs';
import { AmbientTransaction } from '../ambient-transaction';
import { SqlClient } from '../sql-client';
import { pgliteTemplateTarball } from './pglite-template';
import { ON_DISK } from './pglite-prestart';
import { PgliteThread } from './pglite-thread';

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
 * One embedded PGlite database, persisted in `dataDir` (or in memory when omitted), on a thread of its own
 * (PgliteThread). Standalone keeps every service in it, each in a schema of its own reached through `schema(name)`:
 * the same SQL as a cluster service's database, unqualified names resolved by search_path.
 *
 * PGlite has one connection. Its thread answers requests in the order they were sent, each in its schema, so a
 * request is sent at once, whoever makes it, unless a transaction holds the connection: then it waits until that
 * ends, while the queries of the transaction's async context (of any schema's client) run inside it.
 */
export class PgliteDatabase {
  readonly db: PgliteThread;
  /** Transactions, one after another; a request waits only for those queued before it. */
  private readonly queue = new SerialQueue();
  private readonly ambient = new AmbientTransaction<PgliteThread>();

  /**
   * On disk in `dataDir` (an existing database, or a new one PGlite initialises), else in memory from the initdb
   * template. `onLost`: told if PGlite's thread ends without close() (every request fails from then on).
   */
  constructor(dataDir?: string, { onLost }: { onLost?: (error: Error) => void } = {}) {
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    this.db = new PgliteThread(dataDir, dataDir ? ON_DISK : { ...ON_DISK, loadDataDir: pgliteTemplateTarball() }, onLost);
  }

  /**
   * The client of one schema (made if missing): its unqualified names are its own tables. Closing it closes the
   * database only when it is the database's one user (`owner`).
   */
  async schema(name: string, options: { owner?: boolean } = {}): Promise<SqlClient> {
    await this.send((db) => db.exec(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(name)}`));
    return new PgliteSqlClient(this, name, options.owner ?? false);
  }

  get inTransaction(): boolean {
    return this.ambient.current !== undefined;
  }

  /** Sends a request: at once inside the current transaction or when none is queued, else once those queued end. */
  send<T>(request: (db: PgliteThread) => Promise<T>): Promise<T> {
    if (this.ambient.current) return request(this.db);
    // The queue moves on as soon as the request is sent, not answered: the thread keeps the order.
    return this.queue.run(async () => ({ answer: request(this.db) })).then(({ answer }) => answer);
  }

  transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.ambient.current) return work();
    return this.queue.run(() => this.db.transaction(() => this.ambient.run(this.db, work)));
  }

  async close(): Promise<void> {
    // Behind whatever was sent or queued: a request already accepted still gets its answer.
    await this.queue.run(() => this.db.close());
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
    const result = await this.database.send((db) => db.query<Row>(text, params, this.schemaName));
    return { rows: normalise<Row>(result.rows), rowCount: result.affectedRows ?? result.rows.length };
  }

  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    return this.database.transaction(() => work(this));
  }

  async exec(text: string): Promise<void> {
    await this.database.send((db) => db.exec(text, this.schemaName));
  }

  async close(): Promise<void> {
    if (this.ownsDatabase) await this.database.close();
  }
}
