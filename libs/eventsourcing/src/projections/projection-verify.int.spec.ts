import { randomUUID } from 'node:crypto';
import { testDatabases } from '@mpp/testing';
import { SqlClient } from '../sql/sql-client';
import { SqlEventStore } from '../event-store/sql-event-store';
import { readCheckpoint } from './checkpoints';
import { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';
import { verifyProjection } from './projection-rebuild';

/** Counts events per stream, with the type of the last one. */
const perStream: Projection = {
  name: 'verified-counts',
  source: 'store',
  tables: ['verified_counts'],
  schema: (t) => `CREATE TABLE ${t('verified_counts')} (stream_id text PRIMARY KEY, events int NOT NULL, last_type text NOT NULL)`,
  async apply(tx, event, t) {
    await tx.query(
      `INSERT INTO ${t('verified_counts')} (stream_id, events, last_type) VALUES ($1, 1, $2)
       ON CONFLICT (stream_id) DO UPDATE SET events = ${t('verified_counts')}.events + 1, last_type = EXCLUDED.last_type`,
      [event.streamId, event.type],
    );
  },
};

const event = (type: string) => ({ eventId: randomUUID(), type, data: {}, metadata: { correlationId: 'c', occurredAt: new Date().toISOString() } });

const backends = testDatabases('verify');

describe.each(backends)('verifying a projection against its rebuild from the log (%s)', (_name, open) => {
  let sql: SqlClient;
  let store: SqlEventStore;
  let drop: () => Promise<void>;
  let runner: ProjectionRunner;
  const live = async () => (await sql.query(`SELECT * FROM verified_counts ORDER BY stream_id`)).rows;
  const leftovers = async () =>
    (await sql.query<{ n: number }>(`SELECT (SELECT count(*) FROM checkpoints WHERE name LIKE '%\\_\\_verify')::int + (SELECT count(*) FROM pg_tables WHERE tablename LIKE '%\\_\\_verify')::int AS n`)).rows[0].n;

  beforeAll(async () => {
    ({ sql, drop } = await open());
    store = await new SqlEventStore(sql).init();
    for (let s = 0; s < 6; s++) await store.append(`s-${s}`, [event('A'), event('B'), ...(s % 2 ? [event('C')] : [])], { expectedVersion: 'any' });
    runner = await new ProjectionRunner(sql, store, perStream).init();
    await runner.catchUp();
  });
  afterAll(async () => {
    await sql.close();
    await drop();
  });

  it('reports a healthy projection equal, and leaves nothing behind', async () => {
    const before = await live();
    const result = await verifyProjection(sql, store, perStream);
    expect(result.tables).toEqual([{ table: 'verified_counts', rows: 6, onlyLive: 0, onlyRebuilt: 0, examples: [] }]);
    expect(await live()).toEqual(before);
    expect(await leftovers()).toBe(0);
  });

  it('compares at the position the live projection stands at when it lags, and moves nothing of it', async () => {
    await store.append('s-new', [event('A')], { expectedVersion: 'any' });
    await store.append('s-0', [event('D')], { expectedVersion: 'any' });
    const [checkpoint, before] = [await readCheckpoint(sql, perStream.name), await live()];
    const result = await verifyProjection(sql, store, perStream);
    // The copy stops where the live projection stands: the two events it has not applied yet are in neither.
    expect(result).toMatchObject({ applied: 15, tables: [{ rows: 6, onlyLive: 0, onlyRebuilt: 0 }] });
    expect([await readCheckpoint(sql, perStream.name), await live()]).toEqual([checkpoint, before]);
    expect(await leftovers()).toBe(0);
    await runner.catchUp();
    expect((await verifyProjection(sql, store, perStream)).tables[0]).toMatchObject({ rows: 7, onlyLive: 0, onlyRebuilt: 0 });
  });

  it('follows a live projection that moves while it verifies', async () => {
    runner.start();
    try {
      const writing = (async () => {
        for (let i = 0; i < 30; i++) await store.append(`s-busy-${i % 3}`, [event('E')], { expectedVersion: 'any' });
      })();
      const result = await verifyProjection(sql, store, perStream);
      await writing;
      expect(result.tables[0]).toMatchObject({ onlyLive: 0, onlyRebuilt: 0 });
    } finally {
      await runner.stop();
    }
    await runner.catchUp();
  });

  it('shows the rows of a table someone altered, on each side, and changes none of them', async () => {
    await sql.query(`UPDATE verified_counts SET events = 99 WHERE stream_id = 's-1'`);
    await sql.query(`DELETE FROM verified_counts WHERE stream_id = 's-2'`);
    const before = await live();
    const [table] = (await verifyProjection(sql, store, perStream)).tables;
    expect(table).toMatchObject({ table: 'verified_counts', onlyLive: 1, onlyRebuilt: 2 });
    expect(table.examples).toEqual(
      expect.arrayContaining([
        { side: 'live', row: { stream_id: 's-1', events: 99, last_type: 'C' } },
        { side: 'rebuilt', row: { stream_id: 's-1', events: 3, last_type: 'C' } },
        { side: 'rebuilt', row: { stream_id: 's-2', events: 2, last_type: 'B' } },
      ]),
    );
    expect(await live()).toEqual(before);
    expect(await leftovers()).toBe(0);
  });
});
