import { createTestDatabase } from '@mpp/testing';
import { PostgresSqlClient } from '../sql/postgres-sql-client';
import { describeEventStoreContract } from './event-store.contract';
import { SqlEventStore } from './sql-event-store';

describeEventStoreContract(
  'PostgreSQL',
  async () => {
    const db = await createTestDatabase('es_contract');
    const sql = new PostgresSqlClient({ connectionString: db.url, max: 12 });
    const store = await new SqlEventStore(sql).init();
    return {
      store,
      inTransaction: (work) => sql.transaction((tx) => work(store.withClient(tx))),
      close: async () => {
        await sql.close();
        await db.drop();
      },
    };
  },
  { interleavingTransactions: true },
);
