import fc from 'fast-check';
import { createTestDatabase } from '@mpp/testing';
import { PipelineFailed } from './pipelined-transaction';
import { PostgresSqlClient } from './postgres-sql-client';

type Row = { id: number; label: string; n: number; tags: string[]; doc: unknown; bytes: Buffer; at: Date };

describe('a pipelined transaction on PostgreSQL', () => {
  let sql: PostgresSqlClient;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const db = await createTestDatabase('pipelined');
    sql = new PostgresSqlClient({ connectionString: db.url, max: 4 });
    drop = db.drop;
    await sql.exec(`CREATE TABLE things (id int PRIMARY KEY, label text NOT NULL, n bigint NOT NULL, tags text[] NOT NULL, doc jsonb NOT NULL, bytes bytea NOT NULL, at timestamptz NOT NULL)`);
  });
  afterAll(async () => {
    await sql.close();
    await drop();
  });

  const insert = (row: Row) =>
    sql.query(`INSERT INTO things (id, label, n, tags, doc, bytes, at) VALUES ($1, $2, $3, $4::text[], $5::jsonb, $6, $7)`, [row.id, row.label, row.n, row.tags, JSON.stringify(row.doc), row.bytes, row.at]);
  const read = async (ids: number[]) =>
    (await sql.query<Row>(`SELECT id, label, n, tags, doc, bytes, at FROM things WHERE id = ANY($1::int[]) ORDER BY id`, [ids])).rows;

  it('stores and reads back, statements sent together, exactly what each statement alone would (generated values)', async () => {
    // PostgreSQL text holds any character but NUL.
    const text = fc.string({ unit: 'binary', maxLength: 40 }).map((s) => s.replace(/\0/g, ''));
    const row = fc.record({
      label: text,
      n: fc.integer(),
      tags: fc.array(text, { maxLength: 4 }),
      doc: fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown),
      bytes: fc.uint8Array({ maxLength: 16 }).map((b) => Buffer.from(b)),
      at: fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
    });
    let next = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 2, maxLength: 6 }), async (rows) => {
        const given = rows.map((r) => ({ ...r, id: ++next, doc: JSON.parse(JSON.stringify(r.doc ?? null)) as unknown }));
        const seen = await sql.pipelined!(async () => {
          await Promise.all(given.map(insert));
          return read(given.map((r) => r.id));
        });
        expect(seen).toEqual(given);
        expect(await read(given.map((r) => r.id))).toEqual(given);
      }),
      { numRuns: 60 },
    );
  });

  it('leaves `$1` inside a quoted literal or identifier as it is', async () => {
    const rows = await sql.pipelined!(() =>
      Promise.all([sql.query<{ a: string; b: string }>(`SELECT '$1 isn''t $2' AS a, $1::text AS "$2"`, ['x']), sql.query<{ one: number }>(`SELECT $1::int AS one`, [1])]),
    );
    expect(rows[0].rows).toEqual([{ a: "$1 isn't $2", $2: 'x' }]);
    expect(rows[1].rows).toEqual([{ one: 1 }]);
  });

  it('fails as a whole when one statement fails: its siblings fail with it and nothing is kept', async () => {
    const ids = [1001, 1002];
    const row = (id: number): Row => ({ id, label: 'x', n: 1, tags: [], doc: {}, bytes: Buffer.alloc(0), at: new Date() });
    let siblings: PromiseSettledResult<unknown>[] = [];
    await expect(
      sql.pipelined!(async () => {
        siblings = await Promise.allSettled([insert(row(ids[0])), sql.query(`SELECT 1 / 0`), insert(row(ids[1]))]);
        throw new Error('gave up');
      }),
    ).rejects.toThrow('gave up');
    expect(siblings.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect((siblings[2] as PromiseRejectedResult).reason).toBeInstanceOf(PipelineFailed);
    expect(await read(ids)).toEqual([]);
  });

  it('refuses savepoints, which cannot undo one statement among others', async () => {
    await expect(sql.pipelined!(() => sql.query('SAVEPOINT s'))).rejects.toThrow(/takes no savepoints/);
  });
});
