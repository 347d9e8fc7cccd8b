import { randomUUID } from 'node:crypto';
import { AppError, currentTraceparent, eventsAppended, traced, withoutSqlSpans } from '@mpp/platform';
import { WrongExpectedVersionError } from '../event-store/event-store.errors';
import { Actor, EventStore, StoredEvent } from '../event-store/event-store.port';
import { SqlClient } from '../sql/sql-client';
import { Decider, DomainEvent } from './decider';

export interface CommandMetadata {
  correlationId: string;
  causationId?: string;
  actor?: Actor;
  /** The version the client last saw (If-Match), as the gateway puts it in a request's meta. */
  expectedVersion?: number;
  /** Decide, answer what the command would do, and append nothing (a batch job's dry run). */
  dryRun?: boolean;
  /** The request's trace, for events appended outside any span of this process. */
  traceparent?: string;
}

export interface HandleOptions<State = unknown> {
  metadata: CommandMetadata;
  /** Set when the command must create the stream: an existing stream is a conflict (and If-Match does not apply). */
  mustBeNew?: boolean;
  /**
   * The state and version the caller already holds (a process manager that is the only regular writer of its
   * stream, or a handler that has just loaded it to check who asks): the first attempt decides on it without reading
   * the stream again; a conflict reads it afresh.
   */
  from?: { state: State; version: number };
}

export interface HandleResult<State, Event> {
  streamId: string;
  state: State;
  version: number;
  events: Event[];
}

export interface Loaded<State> {
  state: State;
  version: number;
  events: StoredEvent[];
}

/**
 * A client's If-Match naming another version than the aggregate is at: 412, never retried. AggregateStore.handle
 * applies it; a handler that writes elsewhere (a blob, another stream) before handling the aggregate calls it
 * first, once it has checked the caller may see the aggregate.
 */
export function requireExpectedVersion(expected: number | undefined, version: number): void {
  if (expected !== undefined && expected !== version) {
    throw new AppError('STALE_VERSION', 'precondition_failed', `the resource is at version ${version}, not ${expected}`);
  }
}

/** Folds `events` on a state at `from.version`: the state and version after the last of them. */
function fold<State, Event extends DomainEvent>(
  decider: Pick<Decider<State, unknown, Event>, 'evolve' | 'upcast'>,
  from: { state: State; version: number },
  events: StoredEvent[],
): Loaded<State> {
  const read = (e: StoredEvent) => (decider.upcast ? decider.upcast({ type: e.type, data: e.data }) : ({ type: e.type, data: e.data } as Event));
  const state = events.reduce((s, e) => decider.evolve(s, read(e)), from.state);
  return { state, version: events.length ? events[events.length - 1].streamPosition : from.version, events };
}

/**
 * Loads an aggregate from its stream, runs its decider and appends the new events at the version it
 * loaded (optimistic concurrency). When another writer got there first, it loads and decides again,
 * a bounded number of times, then gives up with a 409. For an aggregate that exposes its version, the
 * request's If-Match (`metadata.expectedVersion`) is honoured here, so no handler can forget it.
 */
export class AggregateStore {
  constructor(
    private readonly store: EventStore,
    private readonly clock: () => Date = () => new Date(),
    private readonly newId: () => string = randomUUID,
    private readonly maxAttempts = 4,
  ) {}

  /**
   * The same aggregate store writing through the transaction `tx` when its event store lives in that database, so
   * the appends commit or roll back with the caller's other writes (a worker's checkpoint, say); itself otherwise.
   */
  within(tx: SqlClient): AggregateStore {
    const store = this.store as EventStore & { withClient?: (sql: SqlClient) => EventStore };
    return store.withClient ? new AggregateStore(store.withClient(tx), this.clock, this.newId, this.maxAttempts) : this;
  }

  async load<State, Event extends DomainEvent>(
    decider: Pick<Decider<State, unknown, Event>, 'initialState' | 'evolve' | 'upcast'>,
    streamId: string,
    options: { upToVersion?: number; at?: Date } = {},
  ): Promise<Loaded<State>> {
    const stored = await this.store.readStream(streamId);
    const events = stored.filter(
      (e) =>
        (options.upToVersion === undefined || e.streamPosition <= options.upToVersion) &&
        (options.at === undefined || Date.parse(e.metadata.occurredAt) <= options.at.getTime()),
    );
    return fold(decider, { state: decider.initialState(), version: 0 }, events);
  }

  /**
   * A state read elsewhere at `from.version` (a projection's row, which may lag its stream) brought up to the stream's
   * end: the events after that version, folded on top. What a read right after a write must answer.
   */
  async loadFrom<State, Event extends DomainEvent>(
    decider: Pick<Decider<State, unknown, Event>, 'evolve' | 'upcast'>,
    streamId: string,
    from: { state: State; version: number },
  ): Promise<Loaded<State>> {
    return fold(decider, from, await this.store.readStream(streamId, { fromPosition: from.version + 1 }));
  }

  /**
   * A stream's state now, for a read that starts from its projection's row (`row`: the row's state, the version it
   * was folded to, and the view the row keeps): the row brought up to the stream's end, answered with the row's view
   * while the stream holds nothing newer; the whole stream while the projection has no row yet. So a read right after
   * a write sees it, and costs one indexed query that returns no rows while the projection keeps up.
   */
  async latestOf<State, Event extends DomainEvent, View>(
    decider: Pick<Decider<State, unknown, Event>, 'initialState' | 'evolve' | 'upcast'>,
    streamId: string,
    row: { state: State; version: number; view: View } | undefined,
  ): Promise<Loaded<State> & { view?: View }> {
    if (!row) return this.load(decider, streamId);
    const latest = await this.loadFrom(decider, streamId, row);
    return latest.events.length ? latest : { ...latest, view: row.view };
  }

  async handle<State, Command, Event extends DomainEvent>(
    decider: Decider<State, Command, Event>,
    streamId: string,
    command: Command,
    options: HandleOptions<State>,
  ): Promise<HandleResult<State, Event>> {
    // If-Match names the version of the resource a client saw; a stream being created has none yet.
    const expectedVersion = decider.exposesVersion && !options.mustBeNew ? options.metadata.expectedVersion : undefined;
    for (let attempt = 1; ; attempt++) {
      const { state, version } = attempt === 1 && options.from ? options.from : await this.load(decider, streamId);
      const now = this.clock();
      const category = streamCategory(streamId);
      const events = traced(`decide ${category}`, { attributes: { 'mpp.stream': streamId, 'mpp.attempt': attempt } }, () =>
        decider.decide(command, state, { now, newId: this.newId, actor: options.metadata.actor }),
      );
      // After deciding: a request refused anyway gets that refusal (RFC 9110, 13.2.2), so a caller who may not see
      // the aggregate (the decider answers 404) learns nothing of its version.
      requireExpectedVersion(expectedVersion, version);
      if (events.length === 0) return { streamId, state, version, events };
      // A dry run answers as the command would, from the state it would leave, and writes nothing.
      if (options.metadata.dryRun) return { streamId, state: events.reduce((s, e) => decider.evolve(s, e), state), version, events };
      try {
        // The append span times the store's one append; its statement makes no span of its own (one more per append,
        // naming the same thing, in every traced request).
        const result = await traced(`append ${category}`, { attributes: { 'mpp.stream': streamId, 'mpp.events': events.length } }, () => {
          const traceparent = currentTraceparent() ?? options.metadata.traceparent;
          return withoutSqlSpans(() => this.store.append(
            streamId,
            // Each event carries the trace of its append, so the relay, consumers and projections join that trace.
            events.map((event) => ({
              eventId: this.newId(),
              type: event.type,
              data: event.data as unknown as Record<string, unknown>,
              metadata: { ...options.metadata, occurredAt: now.toISOString(), traceparent },
            })),
            { expectedVersion: options.mustBeNew ? 'no_stream' : version },
          ));
        });
        for (const event of events) eventsAppended.inc({ service: event.type.split('.')[0], type: event.type });
        const newState = events.reduce((s, e) => decider.evolve(s, e), state);
        return { streamId, state: newState, version: result.nextVersion, events };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (options.mustBeNew) throw AppError.conflict('ALREADY_EXISTS', `${streamId} already exists`);
        if (expectedVersion !== undefined) {
          throw new AppError('STALE_VERSION', 'precondition_failed', `the resource changed meanwhile (now version ${error.actual})`);
        }
        if (attempt >= this.maxAttempts) {
          throw AppError.conflict('CONCURRENT_MODIFICATION', `${streamId} kept changing; try again`);
        }
      }
    }
  }
}

/** A stream's kind ("Order" of "Order-1f3…"): span names stay few however many streams there are. */
const streamCategory = (streamId: string) => streamId.split('-')[0];
