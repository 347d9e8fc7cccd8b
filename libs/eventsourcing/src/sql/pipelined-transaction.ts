import type { PoolClient, QueryResult } from 'pg';
import { querying } from '@mpp/platform';
import { QueryOptions, SqlClient } from './sql-client';

interface Pending {
  text: string;
  params?: unknown[];
  name?: string;
  resolve: (result: { rows: unknown[]; rowCount: number }) => void;
  reject: (error: unknown) => void;
}

/** A statement of a pipelined transaction failed, so the transaction did: every statement sent with it fails with this. */
export class PipelineFailed extends Error {
  constructor(override readonly cause: unknown) {
    super(`a statement sent together with this one failed, and the transaction with it: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/**
 * One transaction on one connection whose statements, when several are issued at the same moment (by requests
 * running side by side in it), go to PostgreSQL together: one multi-statement message, one round trip. Each
 * statement costs this process and the server a send and a receive on the socket, which on our machines cost more
 * than the statement itself (a profile of a batch job's items: 45 % of the service's CPU in socket writes); run side by
 * side, N requests that each make the same few statements make that few round trips, not N times that many.
 *
 * What it gives up, and why callers must be fit for it (RequestRouter.handleTogether):
 * - No savepoint can undo one statement among others sent with it, so none may be taken (refused with an error), and
 *   a failing statement fails the whole transaction: every statement after it fails with PipelineFailed.
 * - Statements sent together are one simple-protocol message, so their parameters are written into the text as
 *   literals (pg's own conversion and quoting; an unknown-typed literal resolves as an untyped parameter does). A
 *   statement alone goes as usual, prepared when named.
 */
export class PipelinedTransaction implements SqlClient {
  readonly dialect = 'postgres' as const;
  readonly inTransaction = true;
  /** Its statements commit or roll back as one: a savepoint cannot undo one of them. */
  readonly atomic = true;
  private pending: Pending[] = [];
  private scheduled = false;
  private sending = false;
  private begun = false;
  private failure?: unknown;

  constructor(private readonly client: PoolClient) {}

  /** Why the transaction failed, if it did (then it can only roll back). */
  get failed(): unknown {
    return this.failure;
  }

  query<Row>(text: string, params?: unknown[], options?: QueryOptions): Promise<{ rows: Row[]; rowCount: number }> {
    if (/^\s*(SAVEPOINT|ROLLBACK|RELEASE)\b/i.test(text)) {
      return Promise.reject(new Error(`a pipelined transaction takes no savepoints (${text.trim().split(/\s+/)[0]}): a statement sent with others cannot be undone alone`));
    }
    return new Promise((resolve, reject) => {
      this.pending.push({ text, params, name: options?.name, resolve: resolve as Pending['resolve'], reject });
      this.schedule();
    });
  }

  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    return work(this);
  }

  async exec(): Promise<void> {
    throw new Error('a pipelined transaction runs no DDL');
  }

  async close(): Promise<void> {}

  /** Commits, once everything issued has been answered; nothing to do when no statement was ever sent. */
  async commit(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.begun) await querying(() => this.client.query('COMMIT'));
  }

  async rollback(): Promise<void> {
    if (this.begun) await querying(() => this.client.query('ROLLBACK'));
  }

  /** After the statements issued in this turn of the event loop: the requests side by side issue theirs in the same turn. */
  private schedule(): void {
    if (this.scheduled || this.sending) return;
    this.scheduled = true;
    setImmediate(() => void this.send());
  }

  private async send(): Promise<void> {
    this.scheduled = false;
    const batch = this.pending.splice(0);
    if (!batch.length) return;
    this.sending = true;
    try {
      if (this.failure) throw this.failure;
      if (batch.length === 1 && this.begun) {
        const [one] = batch;
        const result = await querying(() => this.client.query({ text: one.text, values: one.params, name: one.name }));
        one.resolve({ rows: result.rows, rowCount: result.rowCount ?? 0 });
      } else {
        const statements = batch.map((q) => withLiterals(q.text, q.params));
        const begin = !this.begun;
        this.begun = true;
        const results = (await querying(() => this.client.query([...(begin ? ['BEGIN'] : []), ...statements].join(';\n')))) as unknown as QueryResult | QueryResult[];
        const each = (Array.isArray(results) ? results : [results]).slice(begin ? 1 : 0);
        batch.forEach((q, i) => q.resolve({ rows: each[i].rows, rowCount: each[i].rowCount ?? 0 }));
      }
    } catch (error) {
      this.failure ??= error instanceof PipelineFailed ? error : new PipelineFailed(error);
      for (const q of batch) q.reject(this.failure);
    } finally {
      this.sending = false;
      if (this.pending.length) this.schedule();
    }
  }
}

type PgUtils = { prepareValue: (value: unknown) => string | Buffer | null; escapeLiteral: (text: string) => string };
let loadedPgUtils: PgUtils | undefined;
/** pg's own conversion and quoting, loaded with pg (as PostgresSqlClient loads it) and once: a require costs a lookup each time. */
function pgUtils(): PgUtils {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
  return (loadedPgUtils ??= require('pg/lib/utils') as PgUtils);
}

/**
 * The statement with each `$n` outside quotes replaced by its parameter as a literal, converted and quoted as pg
 * does (arrays as array literals, objects as JSON, buffers as bytea); NULL for null and undefined.
 */
export function withLiterals(text: string, params?: unknown[]): string {
  const statement = text.trim().replace(/;+$/, '');
  if (!params?.length) return statement;
  const { prepareValue, escapeLiteral } = pgUtils();
  const literal = (n: number): string => {
    if (n < 1 || n > params.length) throw new Error(`the statement names $${n}, but has ${params.length} parameters`);
    const value = prepareValue(params[n - 1]);
    if (value === null) return 'NULL';
    return escapeLiteral(Buffer.isBuffer(value) ? `\\x${value.toString('hex')}` : value);
  };
  let out = '';
  for (let i = 0; i < statement.length; ) {
    const c = statement[i];
    if (c === "'" || c === '"') {
      // A quoted literal or identifier, copied as it is (a doubled quote inside stays inside).
      let end = i + 1;
      while (end < statement.length && !(statement[end] === c && statement[end + 1] !== c)) end += statement[end] === c ? 2 : 1;
      out += statement.slice(i, end + 1);
      i = end + 1;
    } else if (c === '$' && /[0-9]/.test(statement[i + 1] ?? '') && !/[\w$]/.test(statement[i - 1] ?? '')) {
      const digits = /^[0-9]+/.exec(statement.slice(i + 1))?.[0] ?? '';
      out += literal(Number(digits));
      i += 1 + digits.length;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}
