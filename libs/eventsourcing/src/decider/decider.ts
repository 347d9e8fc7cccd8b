import { Actor } from '../event-store/event-store.port';

/** A domain event as deciders see it: a fixed string type and plain data. */
export interface DomainEvent<Type extends string = string, Data extends object = object> {
  type: Type;
  data: Data;
}

/** What a decision may depend on besides the command and the state: time, fresh ids and who acts. */
export interface DecisionContext {
  now: Date;
  newId: () => string;
  actor?: Actor;
}

/** Pure domain logic of one aggregate: `decide(command, state) -> events`, `evolve(state, event) -> state`. */
export interface Decider<State, Command, Event extends DomainEvent> {
  initialState(): State;
  evolve(state: State, event: Event): State;
  /** Returns the events the command produces, or throws an AppError refusing it. */
  decide(command: Command, state: State, context: DecisionContext): Event[];
  /**
   * Set when clients see the aggregate's stream version (a view's `version`, its ETag) and may send it back as
   * If-Match: AggregateStore.handle then refuses a write whose request names another version (412). Left out for
   * aggregates a request only touches on the side (an account closing an application), whose version the client
   * never saw.
   */
  readonly exposesVersion?: true;
  /** Reads a stored event of any schema version as the current one (events already stored must still load). */
  upcast?(event: { type: string; data: object }): Event;
}

/** Folds events into state, as a loader or a test does. */
export function fold<State, Event extends DomainEvent>(
  decider: Pick<Decider<State, unknown, Event>, 'initialState' | 'evolve'>,
  events: Event[],
): State {
  return events.reduce((state, event) => decider.evolve(state, event), decider.initialState());
}

/**
 * Every type of an event union, listed once: the record must name each of them (the compiler says which is missing
 * or unknown), so a projection's `eventTypes` cannot fall behind a new event of its decider.
 */
export function eventTypesOf<Event extends DomainEvent>(types: Record<Event['type'], true>): Event['type'][] {
  return Object.keys(types) as Event['type'][];
}
