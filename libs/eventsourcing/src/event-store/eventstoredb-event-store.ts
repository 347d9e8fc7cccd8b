import {
  ANY,
  BACKWARDS,
  END,
  ErrorType,
  EventStoreDBClient,
  FORWARDS,
  jsonEvent,
  NO_STREAM,
  StreamNotFoundError,
  START,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
} from '@eventstore/db-client';
import type {
  AppendResult as EsdbAppendResult,
  CurrentRevision,
  ExpectedRevision,
  JSONType,
  Position,
  ReadPosition,
  ReadRevision,
} from '@eventstore/db-client';
import { catchUpSubscription, WakeSignal } from './catch-up-subscription';
import { WrongExpectedVersionError } from './event-store.errors';
import {
  AppendResult,
  EventMetadata,
  EventStore,
  ExpectedVersion,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  SubscribeOptions,
  Subscription,
} from './event-store.port';

export interface EventStoreDbEventStoreOptions {
  /**
   * Refuse an append whose event ids are already in the target stream (the contract's behaviour; the SQL store
   * enforces it with a unique index). EventStoreDB itself only recognises an exact retry at the same expected version,
   * so this costs one read of the stream per append. Default true.
   */
  checkDuplicateEventIds?: boolean;
  /** How long an idle subscription waits before polling $all again (appends in this process wake it at once). Default 100. */
  pollIntervalMs?: number;
}

/** An append carried an event id that is already stored in the stream, or twice in the batch. Nothing was written. */
export class DuplicateEventIdError extends Error {
  readonly code = 'DUPLICATE_EVENT_ID';
  constructor(
    readonly streamId: string,
    readonly eventIds: string[],
  ) {
    super(`stream ${streamId} already holds event id(s) ${eventIds.join(', ')}`);
    this.name = 'DuplicateEventIdError';
  }
}

/** The fields of a recorded event this adapter uses (the client's RecordedEvent type is a deep conditional type). */
export interface EsdbRecordedEvent {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  created: Date;
  isJson: boolean;
  data: unknown;
  metadata: unknown;
  /** Always set on reads of $all; on stream reads only from servers newer than 22.6. */
  position?: Position;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Our expected version (number of events) as an EventStoreDB expected revision (revision of the last event). */
export function toEsdbExpectedRevision(expected: ExpectedVersion): ExpectedRevision {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream' || expected === 0) return NO_STREAM;
  if (!Number.isSafeInteger(expected) || expected < 0) throw new Error(`invalid expected version ${expected}`);
  return BigInt(expected - 1);
}

/** An EventStoreDB current revision (last event's revision, or no_stream) as our stream version (number of events). */
export function fromEsdbCurrentRevision(current: CurrentRevision | undefined): number {
  if (current === undefined || current === NO_STREAM) return 0;
  return current < 0n ? 0 : Number(current) + 1;
}

/** A $all position as our opaque log position: "commit:prepare". */
export function formatEsdbPosition(position: Position): string {
  return `${position.commit}:${position.prepare}`;
}

export function parseEsdbPosition(position: string): Position {
  const match = /^(\d+):(\d+)$/.exec(position);
  if (!match) throw new Error(`not a log position of the EventStoreDB event store: ${position}`);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}

function samePosition(a: Position | undefined, b: Position): boolean {
  return a !== undefined && a.commit === b.commit && a.prepare === b.prepare;
}

/**
 * EventStoreDB's own events: types starting with `$` (what the client's `excludeSystemEvents()` filter drops) and,
 * beyond that filter, anything in a `$` stream (reserved for the server: projection results, settings, stats).
 */
export function isEsdbSystemEvent(event: Pick<EsdbRecordedEvent, 'type' | 'streamId'>): boolean {
  return event.type.startsWith('$') || event.streamId.startsWith('$');
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

function decodeData(event: EsdbRecordedEvent): Record<string, unknown> {
  const raw = event.data;
  if (raw instanceof Uint8Array) {
    // Written by someone else as binary: JSON if it parses to an object, otherwise the bytes in base64.
    const bytes = Buffer.from(raw);
    try {
      const parsed: unknown = JSON.parse(bytes.toString('utf8'));
      if (isPlainObject(parsed)) return parsed;
    } catch {
      // not JSON
    }
    return { binary: bytes.toString('base64') };
  }
  return isPlainObject(raw) ? raw : { value: raw };
}

function decodeMetadata(event: EsdbRecordedEvent, recordedAt: string): EventMetadata {
  const raw = event.metadata;
  if (isPlainObject(raw)) return raw as EventMetadata;
  // Events written without our metadata (other tools): give them the two fields every reader relies on.
  return { correlationId: event.id, occurredAt: recordedAt };
}

/** A recorded EventStoreDB event as ours: streamPosition = revision + 1, logPosition = "commit:prepare" in $all. */
export function fromEsdbRecordedEvent(event: EsdbRecordedEvent): StoredEvent {
  const recordedAt = event.created.toISOString();
  return {
    eventId: event.id,
    type: event.type,
    data: decodeData(event),
    metadata: decodeMetadata(event, recordedAt),
    streamId: event.streamId,
    streamPosition: Number(event.revision) + 1,
    // Stream reads on servers older than 22.6 carry no position; $all reads always do.
    logPosition: event.position ? formatEsdbPosition(event.position) : '',
    recordedAt,
  };
}

function isStreamNotFound(error: unknown): boolean {
  return error instanceof StreamNotFoundError || (error as { type?: unknown })?.type === ErrorType.STREAM_NOT_FOUND;
}

function isWrongExpectedVersion(error: unknown): error is EsdbWrongExpectedVersionError {
  return error instanceof EsdbWrongExpectedVersionError || (error as { type?: unknown })?.type === ErrorType.WRONG_EXPECTED_VERSION;
}

interface ReadRecordedOptions {
  direction?: typeof FORWARDS | typeof BACKWARDS;
  fromRevision?: ReadRevision;
  maxCount?: number;
}

/**
 * The event store on EventStoreDB (gRPC client v6). Stream version = number of events = last revision + 1;
 * the global log is $all without EventStoreDB's own events, positioned by "commit:prepare".
 *
 * Subscriptions poll `readAll` through the shared `catchUpSubscription` (as the SQL store does) rather than using
 * `subscribeToAll`: they resume from the last delivered event after any error or reconnect without extra code, call
 * `onCaughtUp` only after every event read so far was handled (the client's `caughtUp` signal arrives on its own
 * channel, ahead of events still buffered, and needs a 23.10+ server), and behave like every other adapter.
 * The price is up to `pollIntervalMs` of latency for events appended by other processes.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly ownsClient: boolean;
  private readonly appended = new WakeSignal();
  private readonly subscriptions = new Set<Subscription>();
  private readonly checkDuplicateEventIds: boolean;
  private readonly pollIntervalMs: number;

  /**
   * @param connection an `esdb://` / `esdb+discover://` connection string (e.g. `esdb://127.0.0.1:2113?tls=false`),
   *   or a client owned by the caller (then `close` leaves it open).
   */
  constructor(connection: string | EventStoreDBClient, options: EventStoreDbEventStoreOptions = {}) {
    if (typeof connection === 'string') {
      try {
        this.client = EventStoreDBClient.connectionString(connection);
      } catch (error) {
        // The connection string may hold credentials: name the problem, not the string.
        throw new Error(`EventStoreDbEventStore: invalid EventStoreDB connection string: ${(error as Error).message}`, {
          cause: error,
        });
      }
      this.ownsClient = true;
    } else {
      this.client = connection;
      this.ownsClient = false;
    }
    this.checkDuplicateEventIds = options.checkDuplicateEventIds ?? true;
    this.pollIntervalMs = options.pollIntervalMs ?? 100;
  }

  async append(streamId: string, events: NewEvent[], options: { expectedVersion: ExpectedVersion }): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const expectedRevision = toEsdbExpectedRevision(options.expectedVersion);
    for (const event of events) {
      if (!UUID.test(event.eventId)) throw new Error(`EventStoreDB needs a UUID as event id, got ${event.eventId}`);
    }
    if (this.checkDuplicateEventIds) await this.assertNewEventIds(streamId, events, options.expectedVersion);

    let result: EsdbAppendResult;
    try {
      result = await this.client.appendToStream(
        streamId,
        events.map((e) => jsonEvent({ id: e.eventId, type: e.type, data: e.data as JSONType, metadata: e.metadata })),
        { expectedRevision },
      );
    } catch (error) {
      if (isWrongExpectedVersion(error)) {
        throw new WrongExpectedVersionError(streamId, options.expectedVersion, fromEsdbCurrentRevision(error.actualVersion));
      }
      throw error;
    }
    if (!result.success) {
      // Only when the client was built with throwOnAppendFailure=false: nextExpectedRevision is then the current one.
      throw new WrongExpectedVersionError(streamId, options.expectedVersion, fromEsdbCurrentRevision(result.nextExpectedRevision));
    }
    this.appended.notify();
    return {
      nextVersion: Number(result.nextExpectedRevision) + 1,
      logPosition: await this.positionOfRevision(streamId, result.nextExpectedRevision, result.position),
    };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const limit = options.limit ?? Number.MAX_SAFE_INTEGER;
    if (limit <= 0) return [];
    if (options.direction !== 'backward') {
      const from = Math.ceil(options.fromPosition ?? 1);
      const records = await this.readRecorded(streamId, { fromRevision: from > 1 ? BigInt(from - 1) : START, maxCount: limit });
      return records.map(fromEsdbRecordedEvent);
    }
    let fromRevision: ReadRevision = END;
    if (options.fromPosition !== undefined) {
      const from = Math.floor(options.fromPosition);
      if (from < 1) return [];
      // A backward read from beyond the end can come back empty: start at the last event at most.
      const [last] = await this.readRecorded(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
      if (!last) return [];
      fromRevision = BigInt(from - 1) < last.revision ? BigInt(from - 1) : last.revision;
    }
    const records = await this.readRecorded(streamId, { direction: BACKWARDS, fromRevision, maxCount: limit });
    return records.map(fromEsdbRecordedEvent);
  }

  async readAll(options: ReadAllOptions): Promise<StoredEvent[]> {
    // Client v6's readAll has no server-side filter (only subscribeToAll has): system events are dropped here,
    // and pages are topped up so that a short page still means the end of the log.
    const out: StoredEvent[] = [];
    if (options.limit <= 0) return out;
    let cursor: Position | null = options.after ? parseEsdbPosition(options.after) : null;
    for (;;) {
      const want = options.limit - out.length;
      const chunk = Math.max(want + 1, 32);
      const page = await this.readAllChunk(FORWARDS, cursor ?? START, chunk);
      for (const event of page) {
        // A forward read of $all starts at the given position itself: that event was read before.
        if (cursor && samePosition(event.position, cursor)) continue;
        if (isEsdbSystemEvent(event)) continue;
        out.push(fromEsdbRecordedEvent(event));
        if (out.length === options.limit) return out;
      }
      const last = page.length === chunk ? page[page.length - 1].position : undefined;
      if (!last || (cursor && samePosition(last, cursor))) return out;
      cursor = last;
    }
  }

  subscribe(options: SubscribeOptions): Subscription {
    const inner = catchUpSubscription(this, options, this.appended, this.pollIntervalMs);
    const subscription: Subscription = {
      stop: async () => {
        this.subscriptions.delete(subscription);
        await inner.stop();
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  async countAfter(position: string | null): Promise<number> {
    // Streams every event of $all after `position` to the client: O(lag), fine for tests and ops, not for hot paths.
    const from = position ? parseEsdbPosition(position) : null;
    let count = 0;
    for await (const resolved of this.client.readAll({ direction: FORWARDS, fromPosition: from ?? START })) {
      const event = resolved.event as EsdbRecordedEvent | undefined;
      if (!event || (from && samePosition(event.position, from)) || isEsdbSystemEvent(event)) continue;
      count += 1;
    }
    return count;
  }

  async headPosition(): Promise<string | null> {
    // Backwards from the end, skipping system events (no server-side filter on reads in client v6).
    let cursor: Position | null = null;
    let chunk = 16;
    for (;;) {
      const page = await this.readAllChunk(BACKWARDS, cursor ?? END, chunk);
      for (const event of page) {
        if (cursor && samePosition(event.position, cursor)) continue;
        if (!isEsdbSystemEvent(event) && event.position) return formatEsdbPosition(event.position);
      }
      const last = page.length === chunk ? page[page.length - 1].position : undefined;
      if (!last || (cursor && samePosition(last, cursor))) return null;
      cursor = last;
      chunk = Math.min(chunk * 4, 4096);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    if (this.ownsClient) await this.client.dispose();
  }

  /** Reads a stream's recorded events; a missing (or soft-deleted) stream reads as none. */
  private async readRecorded(streamId: string, options: ReadRecordedOptions = {}): Promise<EsdbRecordedEvent[]> {
    const out: EsdbRecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, {
        direction: options.direction ?? FORWARDS,
        fromRevision: options.fromRevision ?? START,
        maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
      })) {
        if (resolved.event) out.push(resolved.event as EsdbRecordedEvent);
      }
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw error;
    }
    return out;
  }

  private async readAllChunk(direction: typeof FORWARDS | typeof BACKWARDS, fromPosition: ReadPosition, maxCount: number) {
    const out: EsdbRecordedEvent[] = [];
    for await (const resolved of this.client.readAll({ direction, fromPosition, maxCount })) {
      if (resolved.event) out.push(resolved.event as EsdbRecordedEvent);
    }
    return out;
  }

  /**
   * Refuses ids repeated in the batch or already in the stream. With a numeric expected version the check is exact
   * (an append that succeeds finds the stream exactly as read); with `any` a concurrent writer of the same id can slip
   * through. Ids are not checked across streams (the SQL store's index is global).
   */
  private async assertNewEventIds(streamId: string, events: NewEvent[], expected: ExpectedVersion): Promise<void> {
    const ids = new Set<string>();
    for (const event of events) {
      const id = event.eventId.toLowerCase();
      if (ids.has(id)) throw new DuplicateEventIdError(streamId, [event.eventId]);
      ids.add(id);
    }
    // Beyond version + batch size the server refuses the append anyway; up to it, a match would be taken as a retry.
    const known = expected === 'any' ? undefined : (expected === 'no_stream' ? 0 : expected) + events.length;
    const stored = await this.readRecorded(streamId, { maxCount: known });
    const duplicates = stored.filter((e) => ids.has(e.id.toLowerCase())).map((e) => e.id);
    if (duplicates.length > 0) throw new DuplicateEventIdError(streamId, duplicates);
  }

  /**
   * The $all position of the appended batch's last event. The append reply carries the transaction's position,
   * which need not be that event's own; one read of that event gives the exact one (fallback: the reply's).
   */
  private async positionOfRevision(streamId: string, revision: bigint, fallback: Position | undefined): Promise<string> {
    try {
      const [event] = await this.readRecorded(streamId, { fromRevision: revision, maxCount: 1 });
      if (event?.revision === revision && event.position) return formatEsdbPosition(event.position);
    } catch {
      // the append itself succeeded: fall back to the reply's position
    }
    return fallback ? formatEsdbPosition(fallback) : '';
  }
}
