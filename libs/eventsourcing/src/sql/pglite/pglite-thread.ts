import type { PGliteOptions } from '@electric-sql/pglite';
import { Worker } from 'node:worker_threads';

/** What a query answers across the thread: the rows and the count, nothing PGlite keeps for itself. */
export interface ThreadResults<Row = unknown> {
  rows: Row[];
  affectedRows?: number;
}

/**
 * The thread's whole program, as text: a worker started from a string runs the same from the sources (tests), the
 * built libraries and an app's bundle, none of which then has to ship a file beside it. It owns the PGlite instance
 * and answers one message per request; an error goes back with its own fields (PostgreSQL's `code`, `detail`, ...).
 */
const THREAD_PROGRAM = `
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require(workerData.pglite);
const db = new PGlite(workerData.dataDir, workerData.options);
db.waitReady.catch(() => undefined); // a start that fails answers every request with its error
let tail = Promise.resolve(); // one request after another, each whole (its schema's switch, then it)
parentPort.on('message', (message) => (tail = tail.then(() => answer(message))));
async function answer({ id, op, text, params, before }) {
  try {
    let result;
    if (before) await db.exec(before);
    if (op === 'query') {
      const answer = await db.query(text, params);
      result = { rows: answer.rows, affectedRows: answer.affectedRows };
    } else if (op === 'exec') await db.exec(text);
    else if (op === 'close' && !db.closed) await db.close();
    parentPort.postMessage({ id, result });
    if (op === 'close') parentPort.close();
  } catch (error) {
    parentPort.postMessage({ id, error: { ...error, name: error && error.name, message: error && error.message !== undefined ? error.message : String(error) } });
  }
}
`;

interface Reply {
  id: number;
  result?: ThreadResults;
  error?: { name?: string; message: string } & Record<string, unknown>;
}

/**
 * A PGlite database on a thread of its own. PostgreSQL's start (about half a second of WASM) then runs beside
 * whatever the process loads meanwhile, and every query's work runs off the thread that serves HTTP. It offers
 * what PgliteDatabase uses of PGlite: query, exec, transaction, close. One request at a time is what PGlite's one
 * connection allows anyway, and PgliteDatabase's queue already sends them so.
 */
export class PgliteThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (result: ThreadResults) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  private ended: Error | undefined;
  closed = false;

  constructor(dataDir: string, options: PGliteOptions) {
    this.worker = new Worker(THREAD_PROGRAM, {
      eval: true,
      workerData: { pglite: require.resolve('@electric-sql/pglite'), dataDir, options },
      // The thread's own heap holds little more than a query's answer at a time; kept small (V8's defaults let it
      // grow, and RSS with it, by about 15 MB more on a laptop's standalone).
      resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 96 },
    });
    // Like PGlite on the main thread, it keeps the process alive only while a request is under way.
    this.worker.unref();
    this.worker.on('message', (reply: Reply) => this.settle(reply));
    this.worker.on('error', (error) => this.end(error));
    this.worker.on('exit', (code) => this.end(new Error(`PGlite's thread ended (exit code ${code})`)));
  }

  /** `before`: a statement run first (a schema's switch), in the same message. */
  async query<Row>(text: string, params?: unknown[], before?: string): Promise<ThreadResults<Row>> {
    return (await this.request('query', text, params, before)) as ThreadResults<Row>;
  }

  async exec(text: string, before?: string): Promise<void> {
    await this.request('exec', text, undefined, before);
  }

  /** BEGIN, the work, then COMMIT, or ROLLBACK if it throws: the caller holds the one connection meanwhile. */
  async transaction<T>(work: (tx: PgliteThread) => Promise<T>): Promise<T> {
    await this.exec('BEGIN');
    let result: T;
    try {
      result = await work(this);
    } catch (error) {
      await this.exec('ROLLBACK').catch(() => undefined);
      throw error;
    }
    await this.exec('COMMIT');
    return result;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (!this.ended) await this.request('close');
  }

  private request(op: 'query' | 'exec' | 'close', text?: string, params?: unknown[], before?: string): Promise<ThreadResults> {
    if (this.ended) return Promise.reject(this.ended);
    const id = this.nextId++;
    return new Promise<ThreadResults>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) this.worker.ref();
      try {
        this.worker.postMessage({ id, op, text, params, before });
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
    this.ended ??= error;
    this.closed = true;
    for (const [id] of this.pending) this.settle({ id, error: { name: error.name, message: error.message } });
  }
}
