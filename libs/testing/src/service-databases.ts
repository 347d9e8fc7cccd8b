import { randomBytes } from 'node:crypto';
import { SERVICES } from '@mpp/contracts';
import { Client } from 'pg';
import { testPostgresUrl } from './test-database';

/** One fresh database per service, named e2e_<run>_<service>; the template URL has `{service}` for the name. */
export async function createServiceDatabases(): Promise<{ template: string; drop(): Promise<void> }> {
  const run = randomBytes(3).toString('hex');
  const names = SERVICES.map((s) => `e2e_${run}_${s}`);
  const admin = new Client({ connectionString: testPostgresUrl('postgres') });
  await admin.connect();
  try {
    for (const name of names) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    template: testPostgresUrl(`e2e_${run}_{service}`),
    async drop() {
      const client = new Client({ connectionString: testPostgresUrl('postgres') });
      await client.connect();
      try {
        for (const name of names) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
