import type { Pool, PoolClient, PoolConfig } from 'pg';
import { querying } from '@mpp/platform';
import { AmbientTransaction } from './ambient-transaction';
import { PipelinedTransaction } from './pipelined-transaction';
import { QueryOptions, SqlClient } from './sql-client';

// bigint columns come back as strings by default; our positions and counts fit in a JS number.
const INT8_OID = 20;

class PgTransactionClient implements SqlClient {
  readonly dialect = 'postgres' as const;
  readonly inTransaction = true;
  constructor(private readonly client: PoolClient) {}
  async query<Row>(text: string, params?: unknown[], options?: QueryOptions) {
    const result = await querying(() => this.client.query({ text, values: params, name: options?.name }));
    return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
  }
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    return work(this);
  }
  async exec(text: string): Promise<void> {
    await querying(() => this.client.query(text));
  }
  async close(): Promise<void> {}
}

/** SqlClient over a `pg` connection pool. */
export class PostgresSqlClient implements SqlClient {
  readonly dialect = 'postgres' as const;
  readonly pool: Pool;
  private readonly ambient = new AmbientTransaction<SqlClient>();

  constructor(config: PoolConfig) {
    // Loaded here, not at import: standalone's bundle holds this class but never opens PostgreSQL, and need not load
    // pg (about 60 ms of its start). Still a plain require, which OpenTelemetry's pg instrumentation patches.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, on purpose (above)
    const { Pool, types } = require('pg') as typeof import('pg');
    this.pool = new Pool({
      ...config,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === INT8_OID ? (value: string) => Number(value) : types.getTypeParser(oid, format)) as never,
      },
    });
    // A connection error (e.g. the server restarting) must not crash the process: pool.on('error') only hears
    // idle clients, so every client also gets a listener of its own, which hears it while checked out too. The
    // query in flight fails with the error (a transient one), the client is discarded, the next query reconnects.
    this.pool.on('error', () => undefined);
    this.pool.on('connect', (client) => client.on('error', () => undefined));
  }

  get inTransaction(): boolean {
    return this.ambient.current !== undefined;
  }

  get atomic(): boolean {
    return this.ambient.current?.atomic ?? false;
  }

  async query<Row>(text: string, params?: unknown[], options?: QueryOptions) {
    const tx = this.ambient.current;
    if (tx) return tx.query<Row>(text, params, options);
    const result = await querying(() => this.pool.query({ text, values: params, name: options?.name }));
    return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
  }

  async transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    const outer = this.ambient.current;
    if (outer) return work(outer);
    const client = await this.pool.connect();
    let broken: unknown;
    try {
      await querying(() => client.query('BEGIN'));
      const result = await this.ambient.run(new PgTransactionClient(client), work);
      await querying(() => client.query('COMMIT'));
      return result;
    } catch (error) {
      await querying(() => client.query('ROLLBACK')).catch((rollbackError: unknown) => (broken = rollbackError));
      throw error;
    } finally {
      // A client whose ROLLBACK failed has lost its connection: destroy it rather than hand it out again.
      client.release(broken instanceof Error ? broken : undefined);
    }
  }

  async pipelined<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    if (this.ambient.current) throw new Error('a pipelined transaction runs on its own, not inside another');
    const client = await this.pool.connect();
    const tx = new PipelinedTransaction(client);
    let broken: unknown;
    try {
      const result = await this.ambient.run(tx, work);
      await tx.commit();
      return result;
    } catch (error) {
      await tx.rollback().catch((rollbackError: unknown) => (broken = rollbackError));
      throw error;
    } finally {
      client.release(broken instanceof Error ? broken : undefined);
    }
  }

  async exec(text: string): Promise<void> {
    const tx = this.ambient.current;
    if (tx) return tx.exec(text);
    await querying(() => this.pool.query(text));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
