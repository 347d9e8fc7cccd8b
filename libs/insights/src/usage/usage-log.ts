import { ensureSchema, EventLog, formatLogPosition, parseLogPosition, ReadAllOptions, SqlClient, StoredEvent, WakeSignal } from '@mpp/eventsourcing';
import { addDays, dayNumber } from '../figures/periods';
import { UsageEventType } from '../figures/usage-figures';

/*
 * The usage log (DOMAIN.md 6): every accepted usage event, the raw material every figure is rebuilt from. Not an
 * event store: no streams, no versions, 20,000 rows a second. A table partitioned by the event's UTC day, so that
 * keeping 90 days is dropping a day's partition, not deleting rows; read in commit order the way the event store is
 * (transaction id, then position), so the figures projection reads it with the same runner and checkpoints.
 */

/** How many days of raw events are kept, today included. */
export const USAGE_RETENTION_DAYS = 90;
/** How long an event id is remembered: as long as an event may be late, and a day more for clocks. */
const EVENT_ID_DAYS = 8;
export const USAGE_EVENT_ACCEPTED = 'UsageEventAccepted';

export const USAGE_LOG_SCHEMA = `
  CREATE SEQUENCE IF NOT EXISTS usage_events_position;
  CREATE TABLE IF NOT EXISTS usage_events (
    transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
    position bigint NOT NULL DEFAULT nextval('usage_events_position'),
    event_id uuid NOT NULL,
    mini_program_id text NOT NULL,
    host_app text NOT NULL,
    type text NOT NULL,
    visitor text NOT NULL,
    session_id text NOT NULL,
    page text,
    duration_ms integer,
    occurred_at timestamptz NOT NULL,
    day date NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
  ) PARTITION BY RANGE (day);
  CREATE INDEX IF NOT EXISTS usage_events_log ON usage_events (transaction_id, position);
  CREATE TABLE IF NOT EXISTS usage_event_ids (event_id uuid PRIMARY KEY, received_at timestamptz NOT NULL DEFAULT now());
  CREATE INDEX IF NOT EXISTS usage_event_ids_received ON usage_event_ids (received_at);`;

/** An accepted event as the log keeps it: the visitor is the host app's pseudonymized user, per host app. */
export interface UsageRow {
  eventId: string;
  miniProgramId: string;
  hostApp: string;
  type: UsageEventType;
  visitor: string;
  sessionId: string;
  page?: string;
  durationMs?: number;
  occurredAt: string;
  day: string;
}

const partitionName = (day: string) => `usage_events_p${day.replaceAll('-', '')}`;
const DAY_OF_PARTITION = /^usage_events_p(\d{4})(\d{2})(\d{2})$/;

interface UsageLogRow {
  tx_id: string;
  position: string;
  event_id: string;
  mini_program_id: string;
}

/**
 * An event of the log as its readers get it: its id and position. What it says stays in the table, where the figures
 * projection reads a whole batch set-based (by its positions); carrying thousands of rows to a reader and back as
 * parameters would cost more than the counting.
 */
function toStoredEvent(r: UsageLogRow): StoredEvent {
  return {
    eventId: r.event_id,
    type: USAGE_EVENT_ACCEPTED,
    data: {},
    metadata: { correlationId: r.event_id, occurredAt: '' },
    streamId: r.mini_program_id,
    streamPosition: 0,
    logPosition: formatLogPosition({ transactionId: r.tx_id, globalPosition: Number(r.position) }),
    recordedAt: '',
  };
}

/** The usage log of one database: appends, partitions by day, reads in commit order, drops expired days. */
export class UsageLog implements EventLog {
  /** Days whose partition this process has seen exist. */
  private readonly partitions = new Set<string>();

  constructor(
    private readonly sql: SqlClient,
    private readonly appended = new WakeSignal(),
  ) {}

  static async open(sql: SqlClient): Promise<UsageLog> {
    await ensureSchema(sql, USAGE_LOG_SCHEMA);
    return new UsageLog(sql);
  }

  withClient(sql: SqlClient): UsageLog {
    return new UsageLog(sql, this.appended);
  }

  /**
   * Appends a batch and wakes the log's readers once it has committed. In one transaction: the claim of the events'
   * ids (an id seen in the last 8 days is a duplicate) and the new events. Returns the ids that were new.
   */
  async append(rows: UsageRow[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    await this.ensurePartitions(rows.map((r) => r.day));
    const fresh = await this.sql.transaction(async (tx) => {
      // The batch travels as one JSON parameter: node-postgres spells arrays out in JavaScript, JSON.stringify natively.
      const claimed = await tx.query<{ event_id: string }>(
        `INSERT INTO usage_event_ids (event_id) SELECT value::uuid FROM json_array_elements_text($1::json) ON CONFLICT DO NOTHING RETURNING event_id::text AS event_id`,
        [JSON.stringify(rows.map((r) => r.eventId))],
      );
      const claimedIds = new Set(claimed.rows.map((r) => r.event_id));
      const kept = rows.filter((r) => claimedIds.has(r.eventId));
      if (kept.length > 0) {
        await tx.query(
          `INSERT INTO usage_events (event_id, mini_program_id, host_app, type, visitor, session_id, page, duration_ms, occurred_at, day)
            SELECT "eventId", "miniProgramId", "hostApp", type, visitor, "sessionId", page, "durationMs", "occurredAt", day
              FROM json_to_recordset($1::json) AS r("eventId" uuid, "miniProgramId" text, "hostApp" text, type text, visitor text, "sessionId" text, page text, "durationMs" int, "occurredAt" timestamptz, day date)`,
          [JSON.stringify(kept)],
        );
      }
      return claimedIds;
    });
    this.appended.notify();
    return fresh;
  }

  /**
   * Creates the partitions of these days that are missing. Outside any transaction: two collect requests may create
   * the same day at once, and the loser's error must not abort a transaction.
   */
  private async ensurePartitions(days: string[]): Promise<void> {
    for (const day of new Set(days)) {
      if (this.partitions.has(day)) continue;
      try {
        await this.sql.exec(`CREATE TABLE IF NOT EXISTS ${partitionName(day)} PARTITION OF usage_events FOR VALUES FROM ('${day}') TO ('${addDays(day, 1)}')`);
      } catch (error) {
        // Created by another request at the same moment (IF NOT EXISTS does not cover the race): there it is.
        if (!['42P07', '23505'].includes((error as { code?: string }).code ?? '')) throw error;
      }
      this.partitions.add(day);
    }
  }

  waitForAppend(ms: number, since?: number): Promise<boolean> {
    return this.appended.wait(ms, since);
  }

  appendCount(): number {
    return this.appended.count;
  }

  async readAll(options: ReadAllOptions): Promise<StoredEvent[]> {
    const after = parseLogPosition(options.after);
    // Only transactions below the snapshot's xmin are finished: nothing can still commit before them.
    const { rows } = await this.sql.query<UsageLogRow>(
      `SELECT transaction_id::text AS tx_id, position, event_id, mini_program_id FROM usage_events
        WHERE (transaction_id, position) > ($1::xid8, $2::bigint) AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY transaction_id, position LIMIT $3`,
      [after.transactionId, after.globalPosition, options.limit],
    );
    return rows.map(toStoredEvent);
  }

  async countAfter(position: string | null): Promise<number> {
    const after = parseLogPosition(position);
    const { rows } = await this.sql.query<{ count: number }>(`SELECT count(*)::bigint AS count FROM usage_events WHERE (transaction_id, position) > ($1::xid8, $2::bigint)`, [
      after.transactionId,
      after.globalPosition,
    ]);
    return Number(rows[0].count);
  }

  async headPosition(): Promise<string | null> {
    const { rows } = await this.sql.query<{ tx_id: string; position: number }>(
      `SELECT transaction_id::text AS tx_id, position FROM usage_events WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot()) ORDER BY transaction_id DESC, position DESC LIMIT 1`,
    );
    return rows[0] ? formatLogPosition({ transactionId: rows[0].tx_id, globalPosition: Number(rows[0].position) }) : null;
  }

  /**
   * Drops the days older than the 90 kept (today included) and forgets event ids older than 8 days (their events
   * are refused as too old anyway). Returns the days dropped.
   */
  async dropExpired(today: string): Promise<string[]> {
    const oldestKept = dayNumber(addDays(today, 1 - USAGE_RETENTION_DAYS))!;
    const { rows } = await this.sql.query<{ name: string }>(`SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'usage_events'::regclass`);
    const dropped: string[] = [];
    for (const { name } of rows) {
      const m = DAY_OF_PARTITION.exec(name);
      const day = m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
      if (!day || dayNumber(day)! >= oldestKept) continue;
      await this.sql.exec(`DROP TABLE IF EXISTS ${name}`);
      this.partitions.delete(day);
      dropped.push(day);
    }
    await this.sql.query(`DELETE FROM usage_event_ids WHERE received_at < now() - make_interval(days => $1)`, [EVENT_ID_DAYS]);
    return dropped.sort();
  }
}
