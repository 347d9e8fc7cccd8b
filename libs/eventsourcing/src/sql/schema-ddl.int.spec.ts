import { createTestDatabase } from '@mpp/testing';
import { PgliteDatabase } from './pglite';
import { PostgresSqlClient } from './postgres-sql-client';
import { ensureSchema } from './schema-ddl';
import { SqlClient } from './sql-client';

// The DDL below leaves a row each time it really runs, so the specs see which calls ran it.
const ddl = (version: number) => `CREATE TABLE IF NOT EXISTS runs (version int NOT NULL); INSERT INTO runs VALUES (${version})`;
const runs = async (sql: SqlClient) => (await sql.query<{ version: number }>(`SELECT version FROM runs ORDER BY version`)).rows.map((row) => row.version);

describe.each([
  [
    'PGlite',
    async () => {
      const database = new PgliteDatabase();
      return { sql: await database.schema('svc'), close: () => database.close() };
    },
  ],
  [
    'PostgreSQL',
    async () => {
      const db = await createTestDatabase('schema_ddl');
      const sql = new PostgresSqlClient({ connectionString: db.url, max: 4 });
      return { sql, close: async () => (await sql.close(), await db.drop()) };
    },
  ],
] as const)('DDL run once per database (%s)', (_name, open) => {
  let sql: SqlClient;
  let close: () => Promise<unknown>;
  beforeEach(async () => ({ sql, close } = await open()));
  afterEach(() => close());

  it('runs a text the first time, not again, and again once the text changed', async () => {
    await ensureSchema(sql, ddl(1));
    await ensureSchema(sql, ddl(1));
    await Promise.all([ensureSchema(sql, ddl(1)), ensureSchema(sql, ddl(1))]);
    expect(await runs(sql)).toEqual([1]);
    await ensureSchema(sql, ddl(2));
    await ensureSchema(sql, ddl(2));
    expect(await runs(sql)).toEqual([1, 2]);
  });

  it('works inside a transaction, and a DDL whose transaction rolled back counts as never run', async () => {
    await expect(
      sql.transaction(async () => {
        await ensureSchema(sql, ddl(1));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await sql.transaction(() => ensureSchema(sql, ddl(1)));
    expect(await runs(sql)).toEqual([1]);
  });

  it('makes tables dropped with its record again', async () => {
    await ensureSchema(sql, ddl(1));
    await sql.exec(`DROP TABLE runs, applied_ddl`);
    await ensureSchema(sql, ddl(1));
    expect(await runs(sql)).toEqual([1]);
  });

  it('leaves nothing recorded when the DDL fails', async () => {
    await expect(ensureSchema(sql, `CREATE TABLE IF NOT EXISTS runs (version int NOT NULL); SELECT no_such_function()`)).rejects.toMatchObject({ code: '42883' });
    await ensureSchema(sql, ddl(3));
    expect(await runs(sql)).toEqual([3]);
  });
});
