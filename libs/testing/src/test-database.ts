import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

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
