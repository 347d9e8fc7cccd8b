import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PgliteSqlClient } from '../sql/pglite/pglite-sql-client';
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
