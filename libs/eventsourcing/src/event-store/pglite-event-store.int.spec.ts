import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PgliteDatabase, PgliteSqlClient } from '../sql/pglite/pglite-sql-client';
import { createFromPgliteTemplate } from '../sql/pglite/pglite-template';
import { describeEventStoreContract } from './event-store.contract';
import { SqlEventStore } from './sql-event-store';

describeEventStoreContract(
  'PGlite',
  async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mpp-pglite-'));
    const sql = new PgliteSqlClient(dir);
    const store = await new SqlEventStore(sql).init();
    return {
      store,
      inTransaction: (work) => sql.transaction((tx) => work(store.withClient(tx))),
      close: async () => {
        await sql.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  { interleavingTransactions: false },
);

// npm start's database: one PGlite on a thread of its own, a schema per service.
describeEventStoreContract(
  'PGlite on its own thread',
  async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mpp-pglite-thread-'));
    await createFromPgliteTemplate(path.join(dir, 'pglite'));
    const sql = await new PgliteDatabase(path.join(dir, 'pglite')).schema('ordering', { owner: true });
    const store = await new SqlEventStore(sql).init();
    return {
      store,
      inTransaction: (work) => sql.transaction((tx) => work(store.withClient(tx))),
      close: async () => {
        await sql.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  { interleavingTransactions: false },
);
