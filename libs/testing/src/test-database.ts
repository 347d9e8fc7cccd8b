import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { PostgresSqlClient, SqlClient } from '@mpp/eventsourcing';
import { PgliteSqlClient } from '@mpp/eventsourcing/pglite';

/** Where the test PostgreSQL server is; set by the global setup (local server or a container). */
export function testPostgresUrl(database = 'postgres'): string {
  const base = process.env.MPP_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
  return `${base}/${database}`;
}

/** Creates a fresh, empty database for one test file; `drop` removes it. */
export async function createTestDatabase(prefix: string): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `t_${prefix.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  return {
    name,
    url: testPostgresUrl(name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: testPostgresUrl('postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A database for one spec: its client, and how to throw it away. */
export interface TestSql {
  sql: SqlClient;
  drop(): Promise<void>;
}

/** A fresh PostgreSQL database (the cluster's). */
export async function postgresDatabase(name: string, options: { max?: number } = {}): Promise<TestSql> {
  const db = await createTestDatabase(name);
  return { sql: new PostgresSqlClient({ connectionString: db.url, ...options }), drop: () => db.drop() };
}

/** Standalone's embedded database, in memory, where every transaction runs alone. */
export async function pgliteDatabase(): Promise<TestSql> {
  return { sql: new PgliteSqlClient(), drop: async () => undefined };
}

/** Both databases a spec runs on, for describe.each: PostgreSQL (a fresh database named after `name`) and PGlite. */
export function testDatabases(name: string, options: { max?: number } = {}): [string, () => Promise<TestSql>][] {
  return [
    ['PostgreSQL', () => postgresDatabase(name, options)],
    ['PGlite', pgliteDatabase],
  ];
}
