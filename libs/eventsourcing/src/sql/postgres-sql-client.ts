import { Pool, PoolClient, PoolConfig, types } from 'pg';
import { QueryOptions, SqlClient } from './sql-client';

// bigint columns come back as strings by default; our positions and counts fit in a JS number.
const INT8_OID = 20;

class PgTransactionClient implements SqlClient {
  readonly dialect = 'postgres' as const;
  constructor(private readonly client: PoolClient) {}
  async query<Row>(text: string, params?: unknown[], options?: QueryOptions) {
    const result = await this.client.query({ text, values: params, name: options?.name });
    return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
  }
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    return work(this);
  }
  async exec(text: string): Promise<void> {
    await this.client.query(text);
  }
  async close(): Promise<void> {}
}

/** SqlClient over a `pg` connection pool. */
export class PostgresSqlClient implements SqlClient {
  readonly dialect = 'postgres' as const;
  readonly pool: Pool;

  constructor(config: PoolConfig) {
    this.pool = new Pool({
      ...config,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === INT8_OID ? (value: string) => Number(value) : types.getTypeParser(oid, format)) as never,
      },
    });
    // An idle client error (e.g. the server restarting) must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
  }

  async query<Row>(text: string, params?: unknown[], options?: QueryOptions) {
    const result = await this.pool.query({ text, values: params, name: options?.name });
    return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
  }

  async transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(new PgTransactionClient(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async exec(text: string): Promise<void> {
    await this.pool.query(text);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
