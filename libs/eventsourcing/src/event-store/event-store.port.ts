/** Who caused a change: an account (with its platform roles) or the system itself. */
export interface Actor {
  accountId: string;
  platformRoles?: string[];
}

/** Carried by every stored event; time and ids come in here so deciders stay deterministic. */
export interface EventMetadata {
  correlationId: string;
  causationId?: string;
  actor?: Actor;
  occurredAt: string;
  [key: string]: unknown;
}

/** An event about to be appended. `eventId` is chosen by the writer, so a retried append can be recognised. */
export interface NewEvent<Data = Record<string, unknown>> {
  eventId: string;
  type: string;
  data: Data;
  metadata: EventMetadata;
}

/** An event as read back: `streamPosition` counts from 1 within its stream; `logPosition` is opaque and store-specific. */
export interface StoredEvent<Data = Record<string, unknown>> extends NewEvent<Data> {
  streamId: string;
  streamPosition: number;
  logPosition: string;
  recordedAt: string;
}

/**
 * What the writer believes the stream's version (its number of events) is:
 * `any` skips the check, `no_stream` (or 0) requires a new stream, a number requires exactly that many events.
 */
export type ExpectedVersion = 'any' | 'no_stream' | number;

export interface AppendResult {
  /** The stream's version after the append: its number of events. */
  nextVersion: number;
  logPosition: string;
}

export interface ReadStreamOptions {
  direction?: 'forward' | 'backward';
  /** Forward: the first position to read; backward: the last one. */
  fromPosition?: number;
  limit?: number;
}

export interface ReadAllOptions {
  /** Read events after this log position; null or omitted reads from the beginning. */
  after?: string | null;
  limit: number;
}

export interface SubscribeOptions {
  after?: string | null;
  batchSize?: number;
  /** Called for each event in log order; the subscription waits for it before reading on. */
  onEvent: (event: StoredEvent) => Promise<void>;
  /** Called when the subscription has delivered everything there was at that moment. */
  onCaughtUp?: () => void;
  onError?: (error: unknown) => void;
}

export interface Subscription {
  stop(): Promise<void>;
}

/** The event store port: each service's single source of truth. Adapters pass one contract suite. */
export interface EventStore {
  append(streamId: string, events: NewEvent[], options: { expectedVersion: ExpectedVersion }): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  /** The global log in commit order; never skips an event that commits later with a lower sequence number. */
  readAll(options: ReadAllOptions): Promise<StoredEvent[]>;
  /** A catch-up subscription: replays from `after`, then follows new events. */
  subscribe(options: SubscribeOptions): Subscription;
  /** How many events lie after `position` in the log: the lag of a reader checkpointed there. */
  countAfter(position: string | null): Promise<number>;
  /** The position of the last readable event, or null when the log is empty. */
  headPosition(): Promise<string | null>;
  close(): Promise<void>;
}
