import { PGlite } from '@electric-sql/pglite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { copyDatabaseIntoSchema, createFromPgliteTemplate, ensurePgliteTemplate, PgliteDatabase, prestartPgliteDatabase } from './index';

// Standalone keeps every service in one PGlite database, a schema per service, through one connection on PGlite's
// own thread: in memory (as the specs use it) and on disk (npm start).
describe.each([
  ['in memory', false],
  ['on disk', true],
])('one PGlite database, a schema per service (%s)', (_, onDisk) => {
  let database: PgliteDatabase;
  let dir: string | undefined;
  beforeEach(async () => {
    if (!onDisk) return void (database = new PgliteDatabase());
    dir = path.join(mkdtempSync(path.join(tmpdir(), 'mpp-pglite-thread-')), 'pglite');
    await createFromPgliteTemplate(dir);
    database = new PgliteDatabase(dir);
  });
  afterEach(async () => {
    await database.close();
    if (dir) rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  it('gives each schema its own tables under the same unqualified names, whatever the interleaving', async () => {
    const [a, b] = [await database.schema('alpha'), await database.schema('beta')];
    for (const client of [a, b]) await client.exec(`CREATE TABLE IF NOT EXISTS events (n int NOT NULL)`);
    await Promise.all(Array.from({ length: 40 }, (_, n) => (n % 2 ? a : b).query(`INSERT INTO events VALUES ($1)`, [n])));
    const sum = async (client: typeof a) => (await client.query<{ n: number; s: number }>(`SELECT count(*)::int AS n, sum(n)::int AS s FROM events`)).rows[0];
    expect(await sum(a)).toEqual({ n: 20, s: 400 }); // 1 + 3 + ... + 39
    expect(await sum(b)).toEqual({ n: 20, s: 380 }); // 0 + 2 + ... + 38
  });

  it('runs the queries of a transaction\'s async context in it, each in its own schema, and every other query after it', async () => {
    const [a, b] = [await database.schema('alpha'), await database.schema('beta')];
    for (const client of [a, b]) await client.exec(`CREATE TABLE t (v text)`);
    let outside: Promise<unknown> | undefined;
    await a.transaction(async (tx) => {
      await tx.query(`INSERT INTO t VALUES ('a1')`);
      // Another service's client read inside the transaction (standalone's in-process consumer reading a store).
      await b.query(`INSERT INTO t VALUES ('b1')`);
      outside = b.query<{ n: number }>(`SELECT count(*)::int AS n FROM t`);
      expect(b.inTransaction).toBe(true);
      await tx.query(`INSERT INTO t VALUES ('a2')`);
    });
    expect(((await outside) as { rows: { n: number }[] }).rows[0].n).toBe(1);
    expect((await a.query(`SELECT v FROM t ORDER BY v`)).rows).toEqual([{ v: 'a1' }, { v: 'a2' }]);
  });

  it('keeps each client in its schema after a transaction that switched schemas rolled back', async () => {
    const [a, b] = [await database.schema('alpha'), await database.schema('beta')];
    for (const client of [a, b]) await client.exec(`CREATE TABLE t (v text)`);
    await b.query(`SELECT 1`); // the session is in beta
    await expect(
      a.transaction(async () => {
        await a.query(`INSERT INTO t VALUES ('lost')`);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await b.query(`INSERT INTO t VALUES ('b')`);
    await a.query(`INSERT INTO t VALUES ('a')`);
    expect((await a.query(`SELECT v FROM t`)).rows).toEqual([{ v: 'a' }]);
    expect((await b.query(`SELECT v FROM t`)).rows).toEqual([{ v: 'b' }]);
  });

  it("answers with PostgreSQL's error codes, and values as PGlite gives them", async () => {
    const a = await database.schema('alpha');
    await a.exec(`CREATE TABLE v (id int PRIMARY KEY, big bigint, raw bytea, doc jsonb, at timestamptz)`);
    const at = new Date('2026-01-02T03:04:05.678Z');
    await a.query(`INSERT INTO v VALUES (1, $1, $2, $3, $4)`, [2 ** 40, Buffer.from([0, 255]), JSON.stringify({ k: ['x'] }), at]);
    await expect(a.query(`INSERT INTO v (id) VALUES (1)`)).rejects.toMatchObject({ code: '23505', message: expect.stringContaining('duplicate key') });
    await expect(a.exec(`SELECT * FROM missing`)).rejects.toMatchObject({ code: '42P01' });
    expect((await a.query(`SELECT * FROM v`)).rows).toEqual([{ id: 1, big: 2 ** 40, raw: new Uint8Array([0, 255]), doc: { k: ['x'] }, at }]);
  });

  it('closes only when its owner closes', async () => {
    const shared = await database.schema('alpha');
    await shared.close();
    expect((await shared.query(`SELECT 1 AS one`)).rows).toEqual([{ one: 1 }]);
    const owner = await database.schema('beta', { owner: true });
    await owner.close();
    expect(database.db.closed).toBe(true);
    await expect(owner.query(`SELECT 1`)).rejects.toThrow();
  });
});

describe("PGlite's thread", () => {
  it('tells its owner once, and refuses every request after, when it ends other than by close()', async () => {
    const lost: Error[] = [];
    const database = new PgliteDatabase(undefined, { onLost: (error) => lost.push(error) });
    const client = await database.schema('alpha');
    expect((await client.query(`SELECT 1 AS one`)).rows).toEqual([{ one: 1 }]);
    // What a WASM abort or an exhausted heap would do to it.
    await (database.db as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await new Promise((resolve) => setImmediate(resolve));
    expect(lost.map((e) => e.message)).toEqual([expect.stringContaining("PGlite's thread ended")]);
    await expect(client.query(`SELECT 1`)).rejects.toThrow("PGlite's thread ended");
    await database.close();
    expect(lost).toHaveLength(1);
  });

  const prestartedWorker = () => (globalThis as { [key: symbol]: { worker: import('node:worker_threads').Worker } | undefined })[Symbol.for('mpp.pglite.prestarted-thread')]?.worker;
  const workerOf = (database: PgliteDatabase) => (database.db as unknown as { worker: import('node:worker_threads').Worker }).worker;

  it('is taken over, already started, by the database made on the directory it was prestarted for', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'mpp-pglite-prestart-')), 'pglite');
    try {
      await createFromPgliteTemplate(dir);
      prestartPgliteDatabase(dir);
      const prestarted = prestartedWorker();
      expect(prestarted).toBeDefined();
      const database = new PgliteDatabase(dir);
      expect(workerOf(database)).toBe(prestarted);
      expect(prestartedWorker()).toBeUndefined();
      const client = await database.schema('alpha');
      await client.exec(`CREATE TABLE kept (v text); INSERT INTO kept VALUES ('there')`);
      await database.close();
      // The data went to that directory: a database opened on it afterwards reads it.
      const again = new PgliteDatabase(dir);
      expect((await (await again.schema('alpha')).query(`SELECT v FROM kept`)).rows).toEqual([{ v: 'there' }]);
      await again.close();
    } finally {
      rmSync(path.dirname(dir), { recursive: true, force: true });
    }
  });

  it('is stopped, never left open, when the database made next is on another directory', async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'mpp-pglite-prestart-'));
    const [prestartedDir, openedDir] = [path.join(parent, 'a'), path.join(parent, 'b')];
    try {
      await Promise.all([createFromPgliteTemplate(prestartedDir), createFromPgliteTemplate(openedDir)]);
      prestartPgliteDatabase(prestartedDir);
      const prestarted = prestartedWorker()!;
      const exited = new Promise((resolve) => prestarted.once('exit', resolve));
      const database = new PgliteDatabase(openedDir);
      expect(workerOf(database)).not.toBe(prestarted);
      await exited;
      expect((await (await database.schema('alpha')).query(`SELECT 1 AS one`)).rows).toEqual([{ one: 1 }]);
      await database.close();
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it('is not lost when closed', async () => {
    const lost: Error[] = [];
    const database = new PgliteDatabase(undefined, { onLost: (error) => lost.push(error) });
    await (await database.schema('alpha')).query(`SELECT 1`);
    await database.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lost).toEqual([]);
  });
});

describe('a whole PGlite database copied into a schema of another', () => {
  it('keeps every row, the identity positions, partitions and functions', async () => {
    const source = new PGlite();
    await source.exec(`
      CREATE TABLE events (global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, data jsonb NOT NULL, size int GENERATED ALWAYS AS (length(data::text)) STORED, raw bytea);
      INSERT INTO events (data, raw) VALUES ('{"a":1}', '\\x00ff'), ('{"b":"é"}', NULL);
      CREATE INDEX ON events ((data->>'a'));
      CREATE TABLE usage (day date NOT NULL, n int) PARTITION BY RANGE (day);
      CREATE TABLE usage_20260101 PARTITION OF usage FOR VALUES FROM ('2026-01-01') TO ('2026-01-02');
      INSERT INTO usage VALUES ('2026-01-01', 7);
      CREATE FUNCTION next_n() RETURNS bigint LANGUAGE sql AS 'SELECT max(global_position) + 1 FROM events';`);
    const dataDir = mkdtempSync(path.join(tmpdir(), 'mpp-pglite-copy-'));
    try {
      const target = new PGlite(dataDir);
      await copyDatabaseIntoSchema(source, target, 'ordering');
      await source.close();
      await target.close();
      // Read back from disk, through the schema's client as standalone reads it.
      const ordering = await new PgliteDatabase(dataDir).schema('ordering', { owner: true });
      expect((await ordering.query(`SELECT global_position, data, size, encode(raw, 'hex') AS raw FROM events ORDER BY 1`)).rows).toEqual([
        { global_position: 1, data: { a: 1 }, size: 8, raw: '00ff' },
        { global_position: 2, data: { b: 'é' }, size: 10, raw: null },
      ]);
      await ordering.query(`INSERT INTO events (data) VALUES ('{}')`);
      expect((await ordering.query(`SELECT max(global_position) AS last, next_n() AS next FROM events`)).rows).toEqual([{ last: 3, next: 4 }]);
      await ordering.query(`INSERT INTO usage VALUES ('2026-01-01', 1)`);
      expect((await ordering.query(`SELECT sum(n)::int AS n FROM usage_20260101`)).rows).toEqual([{ n: 8 }]);
      // The target's public schema is empty again, ready for the next database.
      expect((await ordering.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`)).rows).toEqual([{ n: 0 }]);
      await ordering.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('the initdb template', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mpp-pglite-template-'));
  const before = process.env.PGLITE_TEMPLATE_DIR;
  beforeAll(() => (process.env.PGLITE_TEMPLATE_DIR = dir));
  afterAll(() => {
    process.env.PGLITE_TEMPLATE_DIR = before;
    rmSync(dir, { recursive: true, force: true });
  });

  it('is made once per machine, and a database started from it is ready to use', async () => {
    expect((await ensurePgliteTemplate()).made).toBe(true);
    expect((await ensurePgliteTemplate()).made).toBe(false);
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'mpp-pglite-from-template-')), 'pglite');
    try {
      await createFromPgliteTemplate(dataDir);
      const database = new PgliteDatabase(dataDir);
      const client = await database.schema('identity');
      await client.exec(`CREATE TABLE t (v int); INSERT INTO t VALUES (1)`);
      await database.close();
      const reopened = await new PgliteDatabase(dataDir).schema('identity', { owner: true });
      expect((await reopened.query(`SELECT v FROM t`)).rows).toEqual([{ v: 1 }]);
      await reopened.close();
    } finally {
      rmSync(path.dirname(dataDir), { recursive: true, force: true });
    }
  }, 60_000);
});
