import { randomUUID } from 'node:crypto';
import { AppError } from '@mpp/platform';
import { WrongExpectedVersionError } from '../event-store/event-store.errors';
import { Actor, EventStore, StoredEvent } from '../event-store/event-store.port';
import { SqlClient } from '../sql/sql-client';
import { Decider, DomainEvent } from './decider';

export interface CommandMetadata {
  correlationId: string;
  causationId?: string;
  actor?: Actor;
}

export interface HandleOptions {
  metadata: CommandMetadata;
  /** The version the client last saw (If-Match): a mismatch is refused at once, never retried. */
  expectedVersion?: number;
  /** Set when the command must create the stream: an existing stream is a conflict. */
  mustBeNew?: boolean;
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
 * Loads an aggregate from its stream, runs its decider and appends the new events at the version it
 * loaded (optimistic concurrency). When another writer got there first, it loads and decides again,
 * a bounded number of times, then gives up with a 409.
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
    decider: Pick<Decider<State, unknown, Event>, 'initialState' | 'evolve'>,
    streamId: string,
    options: { upToVersion?: number; at?: Date } = {},
  ): Promise<Loaded<State>> {
    const stored = await this.store.readStream(streamId);
    const events = stored.filter(
      (e) =>
        (options.upToVersion === undefined || e.streamPosition <= options.upToVersion) &&
        (options.at === undefined || Date.parse(e.metadata.occurredAt) <= options.at.getTime()),
    );
    const state = events.reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data } as Event), decider.initialState());
    return { state, version: events.length ? events[events.length - 1].streamPosition : 0, events };
  }

  async handle<State, Command, Event extends DomainEvent>(
    decider: Decider<State, Command, Event>,
    streamId: string,
    command: Command,
    options: HandleOptions,
  ): Promise<HandleResult<State, Event>> {
    for (let attempt = 1; ; attempt++) {
      const { state, version } = await this.load(decider, streamId);
      if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
        throw new AppError('STALE_VERSION', 'precondition_failed', `the resource is at version ${version}, not ${options.expectedVersion}`);
      }
      const now = this.clock();
      const events = decider.decide(command, state, { now, newId: this.newId, actor: options.metadata.actor });
      if (events.length === 0) return { streamId, state, version, events };
      try {
        const result = await this.store.append(
          streamId,
          events.map((event) => ({
            eventId: this.newId(),
            type: event.type,
            data: event.data as unknown as Record<string, unknown>,
            metadata: { ...options.metadata, occurredAt: now.toISOString() },
          })),
          { expectedVersion: options.mustBeNew ? 'no_stream' : version },
        );
        const newState = events.reduce((s, e) => decider.evolve(s, e), state);
        return { streamId, state: newState, version: result.nextVersion, events };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (options.mustBeNew) throw AppError.conflict('ALREADY_EXISTS', `${streamId} already exists`);
        if (options.expectedVersion !== undefined) {
          throw new AppError('STALE_VERSION', 'precondition_failed', `the resource changed meanwhile (now version ${error.actual})`);
        }
        if (attempt >= this.maxAttempts) {
          throw AppError.conflict('CONCURRENT_MODIFICATION', `${streamId} kept changing; try again`);
        }
      }
    }
  }
}
