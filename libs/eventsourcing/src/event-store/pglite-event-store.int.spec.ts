import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PgliteDatabase } from '../sql/pglite/pglite-sql-client';
import { createFromPgliteTemplate } from '../sql/pglite/pglite-template';
import { describeEventStoreContract } from './event-store.contract';
import { SqlEventStore } from './sql-event-store';

// As npm start keeps it: a schema of the one PGlite database on disk, on PGlite's own thread.
describeEventStoreContract(
  'PGlite',
  async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mpp-pglite-'));
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
