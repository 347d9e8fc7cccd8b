import { Decider, DecisionContext, DomainEvent, fold } from '../decider/decider';

/** The clock and ids every decider spec decides with, unless it gives its own. */
export const SPEC_NOW = new Date('2026-11-01T10:00:00.000Z');

interface Outcome<Event> {
  /** The command decided exactly these events. */
  then(expected: Event[]): void;
  /** The command was refused with this code (and category, when given); nothing was decided. */
  thenRefuses(code: string, category?: string): void;
  /** The events decided. */
  decided(): Event[];
  /** The history and the events decided: the next `given` (a history reaching some state). */
  events(): Event[];
}

/**
 * Given events, when a command, then events or a refusal (the style of Emmett's DeciderSpecification), the
 * one helper every decider spec uses: `spec.given(...placed).when(accept).then([accepted])`.
 */
export function deciderSpecification<State, Command, Event extends DomainEvent>(decider: Decider<State, Command, Event>, context: Partial<DecisionContext> = {}) {
  return {
    given(...history: Event[] | Event[][]) {
      const events = (history as (Event | Event[])[]).flat() as Event[];
      return {
        /** `at` overrides the spec's context for this command (another actor, another time). */
        when(command: Command, at: Partial<DecisionContext> = {}): Outcome<Event> {
          const decide = () => decider.decide(command, fold(decider, events), { now: SPEC_NOW, newId: () => 'id', ...context, ...at });
          return {
            then: (expected) => expect(decide()).toEqual(expected),
            thenRefuses: (code, category) => expect(decide).toThrow(expect.objectContaining(category ? { code, category } : { code })),
            decided: decide,
            events: () => [...events, ...decide()],
          };
        },
      };
    },
  };
}
