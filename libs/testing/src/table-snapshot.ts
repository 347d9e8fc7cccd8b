import { Client } from 'pg';

/** Every row of a table, ordered, as plain JSON: to compare a read model before and after a rebuild. */
export async function tableSnapshot(databaseUrl: string, table: string, orderBy: string): Promise<unknown[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT * FROM ${table} ORDER BY ${orderBy}`);
    return JSON.parse(JSON.stringify(rows));
  } finally {
    await client.end();
  }
}
