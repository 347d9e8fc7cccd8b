import type { PGliteOptions } from '@electric-sql/pglite';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';

/** What a query answers across the thread: the rows and the count, nothing PGlite keeps for itself. */
export interface ThreadResults<Row = unknown> {
  rows: Row[];
  affectedRows?: number;
}

/**
 * The thread's whole program, as text: a worker started from a string runs the same from the sources (tests), the
 * built libraries and an app's bundle, none of which then has to ship a file beside it. It owns the PGlite instance
 * and answers each request in the order sent, each in the schema it names (search_path switched only when it
 * changes, and known again after a rollback undid a switch); an error goes back with its own fields (PostgreSQL's
 * `code`, `detail`, ...).
 */
const THREAD_PROGRAM = `
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require(workerData.pglite);
const db = new PGlite(workerData.dataDir, workerData.options);
db.waitReady.catch(() => undefined); // a start that fails answers every request with its error
let searchPath; // the session's, as last set here; undefined when not known
const switchTo = async (schema) => {
  if (schema === undefined || schema === searchPath) return;
  searchPath = undefined;
  await db.exec('SET search_path TO "' + schema.replace(/"/g, '""') + '"');
  searchPath = schema;
};
let tail = Promise.resolve(); // one request after another, in the order sent
parentPort.on('message', (message) => (tail = tail.then(() => answer(message))));
async function answer({ id, op, text, params, schema }) {
  let result;
  try {
    await switchTo(schema);
    if (op === 'query') {
      const rows = await db.query(text, params);
      result = { rows: rows.rows, affectedRows: rows.affectedRows };
    } else if (op === 'exec') await db.exec(text);
    else if (op === 'begin') await db.exec('BEGIN');
    else if (op === 'commit' || op === 'rollback') {
      // A switch made inside the transaction is undone with it when it does not commit.
      const before = searchPath;
      searchPath = undefined;
      await db.exec(op === 'commit' ? 'COMMIT' : 'ROLLBACK');
      if (op === 'commit') searchPath = before;
    } else if (op === 'close' && !db.closed) await db.close();
  } catch (error) {
    parentPort.postMessage({ id, error: { ...error, name: error && error.name, message: error && error.message !== undefined ? error.message : String(error) } });
    return;
  }
  parentPort.postMessage({ id, result });
  if (op === 'close') parentPort.close();
}
`;

/**
 * PostgreSQL's start runs much of its code once: V8's default tiering budget has the optimising compiler compile
 * most of it on the way (about 0.3 s of CPU, a third of the start, on cores a restart needs for the rest). Ten times
 * the budget leaves start-up code to the baseline compiler while the code that stays hot is optimised as before.
 * A process-wide V8 setting (PGlite's is the only WebAssembly we run), set from the main thread before a thread
 * starts. It is also part of what V8's code cache must match: a process that loads an app from the cache (standalone)
 * sets it before, as every run of that app then does, or each run rejects the cache the run before it wrote.
 */
export function tuneWasmForPglite(): void {
  setFlagsFromString('--wasm-tiering-budget=18000000');
}

function startThread(dataDir: string | undefined, options: PGliteOptions): Worker {
  tuneWasmForPglite();
  return new Worker(THREAD_PROGRAM, {
    eval: true,
    workerData: { pglite: require.resolve('@electric-sql/pglite'), dataDir, options },
    // The thread's heap holds little more than the answers under way: a small young generation (V8's default let
    // RSS grow by about 15 MB more on a laptop's standalone), and room for a rebuild page's rows in the old one.
    resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 512 },
  });
}

/** A thread started ahead of its PgliteThread, until one adopts it; on the process's global object, see below. */
interface Prestarted {
  key: string;
  worker: Worker;
  lost?: Error;
  /** Takes off the listeners that kept `lost` until adoption. */
  detach(): void;
}
const PRESTARTED = Symbol.for('mpp.pglite.prestarted-thread');
const prestartKey = (dataDir: string | undefined, options: PGliteOptions) => JSON.stringify([dataDir, options]);
const slot = globalThis as { [PRESTARTED]?: Prestarted };

/**
 * Starts the thread of the database in `dataDir` now, for the PgliteThread made later with the same arguments to
 * adopt: PostgreSQL's start (most of a restart) then runs while the process is still reading its code. Kept on the
 * process's global object, because the module that prestarts (loaded on its own, before an app's bundle) and the one
 * that adopts (the bundle's copy) are two copies of this file. One at a time; nothing is asked of it before adoption.
 */
export function prestartPgliteThread(dataDir: string, options: PGliteOptions): void {
  if (slot[PRESTARTED]) return;
  const worker = startThread(dataDir, options);
  worker.unref(); // the process may end before anything adopts it (a configuration error)
  const onError = (error: Error) => (prestarted.lost ??= error);
  const onExit = (code: number) => (prestarted.lost ??= new Error(`PGlite's thread ended (exit code ${code})`));
  worker.on('error', onError).on('exit', onExit);
  const prestarted: Prestarted = { key: prestartKey(dataDir, options), worker, detach: () => worker.off('error', onError).off('exit', onExit) };
  slot[PRESTARTED] = prestarted;
}

/** The prestarted thread if it is this database's; one that is not is stopped, never left open beside another. */
function adoptPrestarted(dataDir: string | undefined, options: PGliteOptions): Prestarted | undefined {
  const prestarted = slot[PRESTARTED];
  if (!prestarted) return undefined;
  delete slot[PRESTARTED];
  prestarted.detach();
  if (prestarted.key === prestartKey(dataDir, options)) return prestarted;
  void prestarted.worker.terminate();
  return undefined;
}

type Op = 'query' | 'exec' | 'begin' | 'commit' | 'rollback' | 'close';

interface Reply {
  id: number;
  result?: ThreadResults;
  error?: { name?: string; message: string } & Record<string, unknown>;
}

/**
 * A PGlite database on a thread of its own. PostgreSQL's start (about half a second of WASM) runs beside whatever the
 * process does meanwhile (standalone loads its code), and every query's work runs off the caller's thread (the one
 * serving HTTP). Requests are sent as they come and answered in that order, each in the schema it names, so several
 * are under way while the caller's thread is busy; PgliteDatabase holds the others back while a transaction runs.
 */
export class PgliteThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (result: ThreadResults) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  private ended: Error | undefined;
  closed = false;

  /** `onLost`: told once if the thread ends other than by close() (the database is then gone for this process). */
  constructor(
    dataDir: string | undefined,
    options: PGliteOptions,
    private readonly onLost?: (error: Error) => void,
  ) {
    const prestarted = adoptPrestarted(dataDir, options);
    this.worker = prestarted?.worker ?? startThread(dataDir, options);
    // Like PGlite on the main thread, it keeps the process alive only while a request is under way.
    this.worker.unref();
    this.worker.on('message', (reply: Reply) => this.settle(reply));
    this.worker.on('error', (error) => this.end(error));
    this.worker.on('exit', (code) => this.end(new Error(`PGlite's thread ended (exit code ${code})`)));
    // A prestarted thread that failed before it was adopted fails its first request, as one started here would.
    if (prestarted?.lost) this.end(prestarted.lost);
  }

  /** In `schema` (its search_path), or in whatever the session has when none is named. */
  async query<Row>(text: string, params?: unknown[], schema?: string): Promise<ThreadResults<Row>> {
    return (await this.request('query', text, params, schema)) as ThreadResults<Row>;
  }

  async exec(text: string, schema?: string): Promise<void> {
    await this.request('exec', text, undefined, schema);
  }

  /** BEGIN, the work, then COMMIT, or ROLLBACK if it throws: the caller sends nothing else meanwhile. */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.request('begin');
    let result: T;
    try {
      result = await work();
    } catch (error) {
      await this.request('rollback').catch(() => undefined);
      throw error;
    }
    await this.request('commit');
    return result;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (!this.ended) await this.request('close');
  }

  private request(op: Op, text?: string, params?: unknown[], schema?: string): Promise<ThreadResults> {
    if (this.ended) return Promise.reject(this.ended);
    const id = this.nextId++;
    return new Promise<ThreadResults>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) this.worker.ref();
      try {
        this.worker.postMessage({ id, op, text, params, schema });
      } catch (error) {
        // A parameter that cannot be copied to the thread (a function, say): refused here, like a bad parameter.
        this.settle({ id, error: { name: (error as Error).name, message: (error as Error).message } });
      }
    });
  }

  private settle({ id, result, error }: Reply): void {
    const waiting = this.pending.get(id);
    if (!waiting) return;
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker.unref();
    if (error) waiting.reject(Object.assign(new Error(error.message), error));
    else waiting.resolve(result ?? { rows: [] });
  }

  private end(error: Error): void {
    if (!this.closed) this.onLost?.(error);
    this.ended ??= error;
    this.closed = true;
    for (const [id] of this.pending) this.settle({ id, error: { name: error.name, message: error.message } });
  }
}
