import { createHash } from 'node:crypto';
import { StateChange } from './findings';
import { Operation } from './openapi-operations';
import { idKindOf, send } from './request-builder';
import { ACTOR_NAMES, ActorName, SeededWorld } from './seeded-world';

/** Each read (`actor GET path`) and what it answered: status and body, or a hash of a non-JSON body. */
export type ReadableState = Map<string, string>;

const cartesian = (lists: string[][]): string[][] => lists.reduce<string[][]>((acc, list) => acc.flatMap((a) => list.map((x) => [...a, x])), [[]]);

/** One read of the readable state: a GET as one actor. */
export interface Read {
  actor: ActorName;
  path: string;
}

/** Every GET of the document over the world's real ids, each list whole and in each of its statuses, as every actor that can sign in (anonymous where the operation is open). */
export function readsOf(ops: Operation[], world: SeededWorld): Read[] {
  return ops
    .filter((op) => op.method === 'GET')
    .flatMap((op) => {
      const paths = cartesian(op.pathParams.map((p) => world.ids[idKindOf(op.template, p)])).map((ids) =>
        op.pathParams.reduce((path, p, i) => path.replace(`{${p}}`, encodeURIComponent(ids[i])), op.template),
      );
      const queries = [
        op.query.some((q) => q.name === 'limit') ? ['limit=100'] : [''],
        ...op.query.filter((q) => q.name === 'status' && q.schema.enum).map((q) => ['', ...(q.schema.enum ?? []).map((s) => `status=${s}`)]),
        ...op.query.filter((q) => q.name === 'to').map(() => world.emails.map((e) => `to=${encodeURIComponent(e)}`)),
      ];
      const actors = ACTOR_NAMES.filter((a) => (a === 'anonymous' ? op.anonymous : world.tokens[a] !== undefined));
      return cartesian([paths, ...queries]).flatMap(([path, ...query]) => {
        const full = query.some(Boolean) ? `${path}?${query.filter(Boolean).join('&')}` : path;
        return actors.map((actor) => ({ actor, path: full }));
      });
    });
}

const keyOf = (read: Read) => `${read.actor} GET ${read.path}`;

// Problem answers carry a new correlationId every time.
const withoutCorrelation = (body: unknown) => (typeof body === 'object' && body !== null && 'correlationId' in body ? { ...body, correlationId: undefined } : body);

/** What each read answers: status and JSON body, or a hash of a non-JSON body (a logo). A few reads at a time. */
export async function readableState(baseUrl: string, reads: Read[], world: SeededWorld, parallel = 4): Promise<ReadableState> {
  const state: ReadableState = new Map();
  const queue = [...reads];
  const worker = async () => {
    for (let read = queue.shift(); read; read = queue.shift()) {
      const token = world.tokens[read.actor];
      const answer = await send(baseUrl, { method: 'GET', path: read.path, headers: token ? { authorization: `Bearer ${token}` } : {} });
      const body = answer.contentType.includes('json') ? JSON.stringify(withoutCorrelation(answer.body)) : `sha256:${createHash('sha256').update(answer.raw).digest('hex')}`;
      state.set(keyOf(read), `${answer.status} ${body}`);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return state;
}

/** The reads that answered 2xx in a reading: what the actors can see, re-read cheaply between requests. */
export const readable = (state: ReadableState, reads: Read[]) => reads.filter((r) => state.get(keyOf(r))?.startsWith('2'));

/** Reads until two readings in a row agree (projections catch up moments after a change), at most `tries` times. */
export async function settledState(read: () => Promise<ReadableState>, tries = 20): Promise<ReadableState> {
  let last = await read();
  for (let i = 0; i < tries; i++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const next = await read();
    if (diffStates(last, next).length === 0) return next;
    last = next;
  }
  return last;
}

// The first few places two JSON values differ, as `.a.b[0]: before → after`.
function differences(a: unknown, b: unknown, at = '', out: string[] = []): string[] {
  if (out.length >= 3 || JSON.stringify(a) === JSON.stringify(b)) return out;
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], Array.isArray(a) ? `${at}[${k}]` : `${at}.${k}`, out);
    return out;
  }
  const show = (v: unknown) => (v === undefined ? '(absent)' : JSON.stringify(v).slice(0, 100));
  out.push(`${at || '(whole)'}: ${show(a)} → ${show(b)}`);
  return out;
}

const parse = (answer: string | undefined) => {
  if (answer === undefined) return undefined;
  const space = answer.indexOf(' ');
  try {
    return { status: Number(answer.slice(0, space)), body: JSON.parse(answer.slice(space + 1)) as unknown };
  } catch {
    return { status: Number(answer.slice(0, space)), body: answer.slice(space + 1) };
  }
};

/** The reads whose answers differ, each with where. */
export function diffStates(before: ReadableState, after: ReadableState): { read: string; change: string }[] {
  // Only reads both readings made: a reading of the readable part leaves the others out.
  return [...before.keys()]
    .filter((read) => after.has(read))
    .filter((read) => before.get(read) !== after.get(read))
    .map((read) => ({ read, change: differences(parse(before.get(read)), parse(after.get(read))).join('; ') }));
}

/**
 * Readings of the readable state while the requests go out. A change between two readings is put down to the
 * writes in between that were not refused, the accepted ones first.
 */
export class StateWatch {
  readings = 0;
  readingMs = 0;
  private suspects: { line: string; accepted: boolean }[] = [];
  private readonly early: string[] = [];

  constructor(
    private last: ReadableState,
    private readonly read: () => Promise<ReadableState>,
    private readonly changes: StateChange[],
  ) {}

  /** A write that was not refused (2xx) or failed (5xx), as the report names it. */
  suspect(line: string, accepted: boolean): void {
    this.suspects.push({ line, accepted });
    if (this.early.length < 5) this.early.push(line);
  }

  /** Reads now and notes what changed since the last reading. */
  async check(): Promise<void> {
    const start = Date.now();
    const now = await this.read();
    this.readings++;
    this.readingMs += Date.now() - start;
    this.note(now);
  }

  /** The last reading (of every read): changes since the one before, and those of reads not re-read between requests. */
  finish(before: ReadableState, after: ReadableState): void {
    const between = this.last;
    this.note(new Map([...after].filter(([read]) => between.has(read))));
    for (const change of diffStates(before, after).filter((c) => !between.has(c.read))) this.changes.push({ ...change, after: this.early });
  }

  private note(now: ReadableState): void {
    const accepted = this.suspects.filter((s) => s.accepted);
    const likely = (accepted.length ? accepted : this.suspects).slice(0, 5).map((s) => s.line);
    for (const change of diffStates(this.last, now)) this.changes.push({ ...change, after: likely });
    this.last = now;
    this.suspects = [];
  }
}
