import { linkOf, SpanKind, traceContextOf, traced, withoutSqlSpans } from '@mpp/platform';
import { StoredEvent } from '../event-store/event-store.port';
import { SqlClient } from '../sql/sql-client';
import { ensureSchema } from '../sql/schema-ddl';
import { advanceCheckpoint, CHECKPOINTS_SCHEMA, ensureCheckpoints, lockCheckpoint, saveCheckpoint } from './checkpoints';
import { DEAD_LETTERS_SCHEMA, parkDeadLetter } from './dead-letters';
import { applyInOrder, EventLog, liveTables, Projection, TableNames } from './projection';
import { isTransientError } from './transient-error';

export interface RunnerOptions {
  batchSize?: number;
  idleMs?: number;
  /**
   * Tries of one event that fails for a lasting reason before it is parked as a dead letter. Transient
   * failures (database or broker down) are retried without end. Infinity for readers that must never
   * skip an event, like the relay.
   */
  maxAttempts?: number;
  onError?: (error: unknown, event?: StoredEvent) => void;
}

/** Thrown inside a batch when another reader moved the checkpoint first: re-read from where it is. */
class CheckpointMoved extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Links a batch's span keeps to the traces of its other events. */
const MAX_LINKS = 128;
/** The pauses before looking again after a wake-up that found nothing readable yet (~0.5 s in all, then the idle wait). */
const CHASE_MS = [2, 4, 8, 16, 32, 64, 128, 256];
const backoff = (attempt: number) => Math.min(5000, 50 * 2 ** Math.min(attempt, 7));

/**
 * Feeds one projection from its log. Each batch is applied in one transaction that also moves the
 * checkpoint, whose row is locked first: several runners (the service and an operator's rebuild) may
 * work the same projection without applying an event twice.
 */
export class ProjectionRunner {
  private after: string | null | undefined;
  private running = false;
  /** Set by stop(), so a retry loop ends instead of waiting on a database that is going away. */
  private stopped = false;
  private loop?: Promise<void>;
  private readonly batchSize: number;
  private readonly maxAttempts: number;
  /** The projection's `eventTypes`, if it names them. */
  private readonly types?: ReadonlySet<string>;

  constructor(
    private readonly sql: SqlClient,
    private readonly log: EventLog,
    readonly projection: Projection,
    private readonly options: RunnerOptions = {},
    readonly checkpointName = projection.name,
    private readonly tables: TableNames = liveTables,
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.maxAttempts = options.maxAttempts ?? 3;
    this.types = projection.eventTypes && new Set(projection.eventTypes);
  }

  /** Creates the checkpoint and dead-letter tables, and the projection's tables when they are missing. */
  async init(): Promise<this> {
    await ProjectionRunner.initAll([this]);
    return this;
  }

  /**
   * `init` of the runners of one database at once: four round trips for all of them, not several each (a service
   * starts some ten readers; standalone, over one PGlite, forty-three one after another).
   */
  static async initAll(runners: ProjectionRunner[]): Promise<void> {
    const sql = runners[0]?.sql;
    if (!sql) return;
    if (runners.some((runner) => runner.sql !== sql)) throw new Error('initAll takes the runners of one database');
    // Each text on its own, as the ops commands run them: one record per table set, whoever made it.
    await ensureSchema(sql, CHECKPOINTS_SCHEMA);
    await ensureSchema(sql, DEAD_LETTERS_SCHEMA);
    // Each projection's tables are created once, when its first is missing: projections declare unnamed indexes,
    // which IF NOT EXISTS cannot guard.
    const withTables = runners.filter((runner) => runner.projection.tables.length > 0);
    const firstTable = (runner: ProjectionRunner) => runner.tables(runner.projection.tables[0]);
    if (withTables.length > 0) {
      const { rows } = await sql.query<{ name: string }>(`SELECT name FROM unnest($1::text[]) AS name WHERE to_regclass(name) IS NULL`, [withTables.map(firstTable)]);
      const missing = new Set(rows.map((row) => row.name));
      for (const runner of withTables) {
        if (!missing.delete(firstTable(runner))) continue;
        await sql.exec(runner.projection.schema(runner.tables));
      }
      for (const runner of withTables) {
        const upgrade = runner.projection.upgrade?.(runner.tables);
        if (upgrade) await ensureSchema(sql, upgrade);
      }
    }
    await ensureCheckpoints(sql, runners.map((runner) => runner.checkpointName));
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopped = false;
    this.loop = (async () => {
      let failures = 0;
      let woken = false;
      let chase = 0;
      while (this.running) {
        try {
          const seen = this.log.appendCount?.();
          const applied = await this.step();
          failures = 0;
          if (applied >= this.batchSize) continue;
          // Woken by an append that is not readable yet (its transaction still open, or an older one still running
          // below it): look again soon rather than after the whole idle time.
          if (woken && applied === 0 && chase < CHASE_MS.length) {
            await sleep(CHASE_MS[chase++]);
            continue;
          }
          chase = 0;
          woken = await this.idle(seen);
        } catch (error) {
          this.options.onError?.(error);
          failures++;
          await sleep(backoff(failures));
        }
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopped = true;
    await this.loop;
  }

  /** Applies batches until nothing is left after the checkpoint; reports progress after each batch. */
  async catchUp(onProgress?: (applied: number) => void): Promise<number> {
    let total = 0;
    for (;;) {
      const applied = await this.step();
      total += applied;
      if (applied > 0) onProgress?.(total);
      if (applied === 0) return total;
    }
  }

  /**
   * How far behind its log the projection is, from its checkpoint in the database (so also while stopped): the
   * events not applied yet, and the age of the oldest of them in seconds (0 when caught up).
   */
  async lag(): Promise<{ events: number; seconds: number }> {
    const position = await this.currentPosition();
    const [events, [oldest]] = await Promise.all([this.log.countAfter(position), this.log.readAll({ after: position, limit: 1 })]);
    return { events, seconds: oldest ? Math.max(0, (Date.now() - Date.parse(oldest.recordedAt)) / 1000) : 0 };
  }

  /** One batch; returns how many events it moved past (applied or parked). */
  async step(): Promise<number> {
    if (this.after === undefined) this.after = await this.currentPosition();
    const events = await this.log.readAll({ after: this.after, limit: this.batchSize });
    if (events.length === 0) return 0;
    if (this.types && !events.some((event) => this.types!.has(event.type))) {
      if (await advanceCheckpoint(this.sql, this.checkpointName, this.after, events[events.length - 1].logPosition, events.length)) {
        this.after = events[events.length - 1].logPosition;
        return events.length;
      }
      this.after = await this.currentPosition();
      return this.step();
    }
    try {
      await this.applyInTransaction(events, (tx) => applyInOrder(tx, this.projection, events, this.tables));
      return events.length;
    } catch (error) {
      if (error instanceof CheckpointMoved) return this.step();
      this.options.onError?.(error);
      // The batch failed as a whole: go one event at a time so only the bad one is retried and parked.
      return this.stepOneByOne(events);
    }
  }

  private async stepOneByOne(events: StoredEvent[]): Promise<number> {
    let done = 0;
    for (const event of events) {
      let lasting = 0;
      for (let attempt = 1; ; attempt++) {
        try {
          await this.applyInTransaction([event], (tx) => this.projection.apply(tx, event, this.tables));
          break;
        } catch (error) {
          if (error instanceof CheckpointMoved || this.stopped) return done;
          this.options.onError?.(error, event);
          if (isTransientError(error) || ++lasting < this.maxAttempts) {
            await sleep(backoff(attempt));
            continue;
          }
          try {
            await this.applyInTransaction([event], (tx) => parkDeadLetter(tx, this.deadLetter(event, error, lasting)));
          } catch (parkError) {
            if (parkError instanceof CheckpointMoved) return done;
            throw parkError;
          }
          break;
        }
      }
      done++;
    }
    return done;
  }

  private deadLetter(event: StoredEvent, error: unknown, attempts: number) {
    return {
      consumer: `projection:${this.projection.name}`,
      eventId: event.eventId,
      eventType: event.type,
      payload: event,
      error: error instanceof Error ? error.message : String(error),
      attempts,
    };
  }

  /**
   * Applies in one span: a child of the trace of the first event the projection acts on (that of the request that
   * appended it), linked to the others', so a request's trace shows its events reaching each read model and a batch is
   * still one span. (The first event of the batch would hand the span to an earlier request's trace whenever events the
   * projection passes over came first.) Its SQL makes no spans of its own (`withoutSqlSpans`): the apply is one
   * transaction, and this span times it.
   */
  private async applyInTransaction(events: StoredEvent[], work: (tx: SqlClient) => Promise<void>): Promise<void> {
    const lead = (this.types && events.find((event) => this.types!.has(event.type))) || events[0];
    const links = events.filter((event) => event !== lead).slice(0, MAX_LINKS - 1).flatMap((e) => linkOf(e.metadata.traceparent) ?? []);
    const attributes = { 'mpp.projection': this.projection.name, 'mpp.events': events.length };
    await traced(`apply ${this.projection.name}`, { kind: SpanKind.CONSUMER, parent: traceContextOf(lead.metadata.traceparent), links, attributes }, () =>
      withoutSqlSpans(() => this.transaction(events, work)),
    );
  }

  private async transaction(events: StoredEvent[], work: (tx: SqlClient) => Promise<void>): Promise<void> {
    const last = events[events.length - 1].logPosition;
    await this.sql.transaction(async (tx) => {
      const current = await lockCheckpoint(tx, this.checkpointName);
      if (current !== this.after) {
        this.after = current;
        throw new CheckpointMoved();
      }
      await work(tx);
      await saveCheckpoint(tx, this.checkpointName, last, events.length);
    });
    this.after = last;
  }

  private async currentPosition(): Promise<string | null> {
    const { rows } = await this.sql.query<{ position: string | null }>(`SELECT position FROM checkpoints WHERE name = $1`, [this.checkpointName]);
    return rows[0]?.position ?? null;
  }

  /** Waits for an append in this process (or none if one came since `seen`) or the idle time; true when an append woke it. */
  private async idle(seen: number | undefined): Promise<boolean> {
    // A log that wakes its readers on append is polled only as a fallback (appends by other processes, e.g. the
    // operator CLI): every runner polling every 100 ms cost a fifth of a 2-core machine in the cluster.
    if (this.log.waitForAppend) return this.log.waitForAppend(this.options.idleMs ?? 1000, seen);
    await sleep(this.options.idleMs ?? 100);
    return false;
  }
}
