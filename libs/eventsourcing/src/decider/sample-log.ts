import { randomUUID } from 'node:crypto';
import { Actor, NewEvent } from '../event-store/event-store.port';
import { Decider, DomainEvent } from './decider';

/** One step of a story: a command to one stream's decider, by an actor. */
export interface SampleStep<Command = unknown> {
  streamId: string;
  decider: Decider<unknown, Command, DomainEvent>;
  command: Command;
  actor?: Actor;
}

/** What a sample log yields: one append (a stream and the events one decision made). */
export interface SampleAppend {
  streamId: string;
  events: NewEvent[];
}

/** A seeded pseudo-random number in [0, 1) (mulberry32): the same seed makes the same log. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A realistic log for benches and specs, made by the real deciders: stories (each a list of commands to one or more
 * streams, made by `story` for its number) told about `concurrent` at a time in a seeded random order, on a clock that
 * moves a second per decision, so a page of the log holds many streams with a few events each, as a busy service
 * writes it. A command its decider refuses is left out, as the service would answer it with an error. Ends after
 * `events` events (at the end of a decision).
 */
export function* sampleLog(story: (n: number, random: () => number) => SampleStep[], options: { events: number; concurrent: number; seed: number; start?: Date }): Generator<SampleAppend> {
  const random = seededRandom(options.seed);
  const states = new Map<string, unknown>();
  const running: SampleStep[][] = [];
  let stories = 0;
  let written = 0;
  let clock = (options.start ?? new Date('2026-01-01T00:00:00Z')).getTime();
  while (written < options.events) {
    while (running.length < options.concurrent) running.push(story(stories++, random));
    const pick = Math.floor(random() * running.length);
    const step = running[pick].shift();
    if (running[pick].length === 0) running.splice(pick, 1);
    if (!step) continue;
    const state = states.get(step.streamId) ?? step.decider.initialState();
    const now = new Date((clock += 1000));
    let decided: DomainEvent[];
    try {
      decided = step.decider.decide(step.command, state, { now, newId: randomUUID, actor: step.actor });
    } catch {
      continue;
    }
    if (decided.length === 0) continue;
    states.set(step.streamId, decided.reduce((s, e) => step.decider.evolve(s, e), state));
    const metadata = { correlationId: randomUUID(), ...(step.actor ? { actor: step.actor } : {}), occurredAt: now.toISOString() };
    written += decided.length;
    yield { streamId: step.streamId, events: decided.map((e) => ({ eventId: randomUUID(), type: e.type, data: e.data as Record<string, unknown>, metadata })) };
  }
}
