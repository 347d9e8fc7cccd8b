import { SqlClient } from '../sql/sql-client';
import { ensureSchema } from '../sql/schema-ddl';
import { catchUpSubscription, WakeSignal } from './catch-up-subscription';
import { WrongExpectedVersionError } from './event-store.errors';
import {
  AppendResult,
  EventStore,
  ExpectedVersion,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  SubscribeOptions,
  Subscription,
} from './event-store.port';
import { eventStoreSchema } from './event-store.schema';
import { formatLogPosition, parseLogPosition } from './log-position';

interface EventRow {
  global_position: number;
  tx_id: string;
  event_id: string;
  stream_id: string;
  stream_position: number;
  type: string;
  data: Record<string, unknown>;
  metadata: StoredEvent['metadata'];
  recorded_at: Date | string;
}

// The text form of the transaction id gets its own name: an ORDER BY on "transaction_id" would otherwise sort
// by that text (so '100000' before '99999') instead of by the xid8 column.
const COLUMNS = `e.global_position, e.transaction_id::text AS tx_id, e.event_id, e.stream_id, e.stream_position, e.type, e.data, e.metadata, e.recorded_at`;

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    streamId: row.stream_id,
    streamPosition: row.stream_position,
    logPosition: formatLogPosition({ transactionId: row.tx_id, globalPosition: row.global_position }),
    recordedAt: new Date(row.recorded_at).toISOString(),
  };
}

function expectedToNumber(expected: ExpectedVersion): number {
  if (expected === 'any') return -1;
  if (expected === 'no_stream') return 0;
  if (!Number.isInteger(expected) || expected < 0) throw new Error(`invalid expected version ${expected}`);
  return expected;
}

/** The event store on PostgreSQL or PGlite: the same SQL serves both. */
export class SqlEventStore implements EventStore {

  private readonly events: string;

  constructor(
    private readonly sql: SqlClient,
    private readonly prefix = 'es_',
    private readonly appended = new WakeSignal(),
  ) {
    if (!/^[a-z_]+$/.test(prefix)) throw new Error(`bad table prefix ${prefix}`);
    this.events = `${prefix}events`;
  }

  /** The same store inside a transaction of the same database (for writes that must commit together). */
  withClient(sql: SqlClient): SqlEventStore {
    return new SqlEventStore(sql, this.prefix, this.appended);
  }

  /** Creates the tables and the append function if they are missing (or changed since). */
  async init(): Promise<this> {
    await ensureSchema(this.sql, eventStoreSchema(this.prefix));
    return this;
  }

  /** Resolves at the next append through this store (true), or after `ms` (false); at once if one came after `since` (appendCount). */
  waitForAppend(ms: number, since?: number): Promise<boolean> {
    return this.appended.wait(ms, since);
  }

  /**
   * Wakes this store's readers again: for a writer that appended inside its own transaction (whose appends woke
   * them before the commit made the events readable), once that transaction has committed.
   */
  announceCommit(): void {
    this.appended.notify();
  }

  /** How many appends this store (and its transaction-bound copies) has made in this process. */
  appendCount(): number {
    return this.appended.count;
  }

  async append(streamId: string, events: NewEvent[], options: { expectedVersion: ExpectedVersion }): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const expected = expectedToNumber(options.expectedVersion);
    // In the caller's transaction, a version conflict must not abort that transaction: the caller may load and decide
    // again. Not in one that fails as a whole (a pipelined one): there the conflict fails it, and its requests run again.
    const guarded = this.sql.inTransaction && !this.sql.atomic && options.expectedVersion !== 'any';
    if (guarded) await this.sql.query('SAVEPOINT es_append');
    try {
      const { rows } = await this.sql.query<{ next_version: number; transaction_id: string; global_position: number }>(
        `SELECT next_version, transaction_id::text AS transaction_id, global_position FROM ${this.prefix}append($1, $2, $3::jsonb)`,
        // One JSON document for the whole batch: cheaper to encode and parse than one array element per event.
        [streamId, expected, JSON.stringify(events.map((e) => ({ id: e.eventId, type: e.type, data: e.data, metadata: e.metadata })))],
        { name: `${this.prefix}append` },
      );
      if (guarded) await this.sql.query('RELEASE SAVEPOINT es_append');
      this.appended.notify();
      const row = rows[0];
      return {
        nextVersion: row.next_version,
        logPosition: formatLogPosition({ transactionId: row.transaction_id, globalPosition: row.global_position }),
      };
    } catch (error) {
      if (guarded) await this.sql.query('ROLLBACK TO SAVEPOINT es_append');
      const pgError = error as { code?: string; detail?: string; constraint?: string };
      if (pgError.code === 'ES409') {
        throw new WrongExpectedVersionError(streamId, options.expectedVersion, Number(pgError.detail ?? 0));
      }
      throw error;
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const backward = options.direction === 'backward';
    const from = options.fromPosition ?? (backward ? Number.MAX_SAFE_INTEGER : 1);
    const { rows } = await this.sql.query<EventRow>(
      `SELECT ${COLUMNS} FROM ${this.events} e
        WHERE e.stream_id = $1 AND e.stream_position ${backward ? '<=' : '>='} $2
        ORDER BY e.stream_position ${backward ? 'DESC' : 'ASC'} LIMIT $3`,
      [streamId, from, options.limit ?? 2_147_483_647],
    );
    return rows.map(toStoredEvent);
  }

  async readAll(options: ReadAllOptions): Promise<StoredEvent[]> {
    const after = parseLogPosition(options.after);
    // Only transactions below the snapshot's xmin are finished: nothing can still commit before them.
    const { rows } = await this.sql.query<EventRow>(
      `SELECT ${COLUMNS} FROM ${this.events} e
        WHERE (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)
          AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY e.transaction_id, e.global_position LIMIT $3`,
      [after.transactionId, after.globalPosition, options.limit],
      { name: `${this.prefix}read_all` },
    );
    return rows.map(toStoredEvent);
  }

  subscribe(options: SubscribeOptions): Subscription {
    return catchUpSubscription(this, options, this.appended);
  }

  async countAfter(position: string | null): Promise<number> {
    const after = parseLogPosition(position);
    const { rows } = await this.sql.query<{ count: number }>(
      `SELECT count(*)::bigint AS count FROM ${this.events} e WHERE (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)`,
      [after.transactionId, after.globalPosition],
    );
    return rows[0].count;
  }

  async headPosition(): Promise<string | null> {
    const { rows } = await this.sql.query<{ tx_id: string; global_position: number }>(
      `SELECT e.transaction_id::text AS tx_id, e.global_position FROM ${this.events} e
        WHERE e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY e.transaction_id DESC, e.global_position DESC LIMIT 1`,
    );
    return rows[0] ? formatLogPosition({ transactionId: rows[0].tx_id, globalPosition: rows[0].global_position }) : null;
  }

  async close(): Promise<void> {
    // The SqlClient belongs to whoever made it (it also serves read models); it closes it.
  }
}
