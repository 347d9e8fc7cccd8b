import { EventStore, StoredEvent } from '../event-store/event-store.port';
import { SqlClient } from '../sql/sql-client';
import { RowBuffers } from './row-buffer';

/** Maps a projection's table name to the physical table: itself when live, a shadow table during a rebuild. */
export type TableNames = (table: string) => string;

/** A log a projection reads: a service's event store, or its inbox of events received from other services. */
export type EventLog = Pick<EventStore, 'readAll' | 'countAfter' | 'headPosition'> & {
  /** Resolves true at the next append in this process (at once if one came after `since`), false after `ms`. */
  waitForAppend?(ms: number, since?: number): Promise<boolean>;
  /** How many appends this process has made to the log so far (read before a step, passed to waitForAppend). */
  appendCount?(): number;
  /** The same log read through a transaction's connection (SQL logs), for reads inside a transaction. */
  withClient?(sql: SqlClient): EventLog;
};

/** A read model: tables in the service's database, kept from one log, rebuildable from it. */
export interface Projection {
  /** Unique within the service, e.g. "workspace-directory". */
  readonly name: string;
  /**
   * Which log feeds it: the service's own events ('store'), those received from other services ('inbox'), or a log
   * of the service's own that is not events (insights' 'usage' log), named in its definition's `logs`.
   */
  readonly source: string;
  /** The tables it owns (logical names); a rebuild truncates or shadows exactly these. */
  readonly tables: readonly string[];
  /** DDL creating its tables under the names `t` gives; run once, when the first table is missing. Leave indexes unnamed. */
  schema(t: TableNames): string;
  /**
   * Idempotent DDL bringing tables made by an earlier `schema` up to the current one (an index added later, with the
   * name PostgreSQL gives the unnamed one in `schema`, and IF NOT EXISTS): `schema` runs only where the tables are
   * missing, so without this a database made before would never get it. Run once per database (ensureSchema).
   */
  upgrade?(t: TableNames): string;
  /**
   * The event types it acts on, when it acts on few of its log's (a replica of another service's entities, a worker
   * following some of the store's events). A batch holding none of them is passed over in one statement that moves
   * the checkpoint: no transaction, no apply, no span (a store's readers each ran an empty transaction, traced, for
   * each event of another kind). When every inbox reader of a service names them, its inbox keeps only those types
   * (Inbox.keepOnly), so a reader of the inbox must name every type it reads. Omitted: all.
   */
  readonly eventTypes?: readonly string[];
  /** Applies one event inside the transaction that also moves the checkpoint. Events it does not know, it ignores. */
  apply(tx: SqlClient, event: StoredEvent, t: TableNames): Promise<void>;
  /**
   * Optional set-based form for speed: applies a whole batch, in order. Rows changed through `rows` (RowBuffer) are
   * written by the caller, after this batch or a later one: the buffers carry them from batch to batch meanwhile.
   */
  applyBatch?(tx: SqlClient, events: StoredEvent[], t: TableNames, rows: RowBuffers): Promise<void>;
  /**
   * Events per transaction when it runs live (500 unless said): a set-based projection of a busy log takes larger
   * batches, since a batch costs a few statements whatever its size.
   */
  readonly batchSize?: number;
}

/**
 * Applies events in order to a projection: in one call when it is set-based, else one by one. The rows it buffers are
 * written at the end unless `held` is given: then they stay there for the caller to write (a rebuild, after many pages).
 */
export async function applyInOrder(tx: SqlClient, projection: Projection, events: StoredEvent[], t: TableNames, held?: RowBuffers): Promise<void> {
  if (!projection.applyBatch) {
    for (const event of events) await projection.apply(tx, event, t);
    return;
  }
  const rows = held ?? new RowBuffers();
  await projection.applyBatch(tx, events, t, rows);
  if (!held) await rows.flush(tx);
}

export const liveTables: TableNames = (table) => table;
export const shadowTables: TableNames = (table) => `${table}__next`;
