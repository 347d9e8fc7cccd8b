import { randomUUID } from 'node:crypto';
import { RequestMessage } from '@mpp/contracts';
import { AggregateStore, Decider, PostgresSqlClient, SqlClient, SqlEventStore } from '@mpp/eventsourcing';
import { PgliteSqlClient } from '@mpp/eventsourcing/pglite';
import { AppError, createLogger } from '@mpp/platform';
import { createTestDatabase } from '@mpp/testing';
import { RequestRouter } from './request-router';

const logger = createLogger('router-int', 'silent');

// A counter: each Add appends one event; a refused Add (over 3) appends nothing.
type Added = { type: 'Added'; data: { by: number } };
const counter: Decider<number, { by: number }, Added> = {
  initialState: () => 0,
  evolve: (total, event) => total + event.data.by,
  decide: (command, total) => {
    if (total + command.by > 3) throw AppError.rule('TOO_MANY', 'at most 3');
    return [{ type: 'Added', data: { by: command.by } }];
  },
};

const request = (commandId: string | undefined, by = 1, accountId = 'acc-1'): RequestMessage => ({
  type: 'test.Add',
  payload: { by },
  meta: { correlationId: randomUUID(), commandId, actor: { accountId, platformRoles: [] } },
});

async function eventCount(store: SqlEventStore, streamId: string): Promise<number> {
  return (await store.readStream(streamId)).length;
}

/** The same rules on both databases the services run on. */
function routerSuite(name: string, open: () => Promise<{ sql: SqlClient; close(): Promise<void> }>) {
  describe(`the request router with Idempotency-Keys on ${name}`, () => {
    let sql: SqlClient;
    let close: () => Promise<void>;
    let store: SqlEventStore;
    let router: RequestRouter;
    let streamId: string;
    /** What the handler does after its append: nothing, or fail as a crash or a lost database would. */
    let afterAppend: () => Promise<void>;

    beforeEach(async () => {
      ({ sql, close } = await open());
      store = await new SqlEventStore(sql).init();
      const aggregates = new AggregateStore(store);
      router = await new RequestRouter('ordering', sql, logger).init();
      streamId = `counter-${randomUUID()}`;
      afterAppend = async () => undefined;
      router.register('test.Add', async (m) => {
        const { version } = await aggregates.handle(counter, streamId, m.payload as { by: number }, { metadata: { correlationId: m.meta.correlationId } });
        await afterAppend();
        return { version };
      });
    });
    afterEach(() => close());

    it('replays the answer of a key without running the command again', async () => {
      const key = randomUUID();
      const first = await router.handle(request(key));
      expect(first).toEqual({ ok: true, result: { version: 1 } });
      expect(await router.handle(request(key))).toEqual(first);
      expect(await eventCount(store, streamId)).toBe(1);
      expect(await router.handle(request(key, 2))).toMatchObject({ ok: false, error: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    });

    it('keeps neither the events nor the claim of a command that failed after its append, so its retry applies it once', async () => {
      const key = randomUUID();
      afterAppend = async () => {
        throw new Error('the process died here');
      };
      expect(await router.handle(request(key))).toMatchObject({ ok: false, error: { code: 'INTERNAL_ERROR' } });
      expect(await eventCount(store, streamId)).toBe(0);
      afterAppend = async () => undefined;
      expect(await router.handle(request(key))).toEqual({ ok: true, result: { version: 1 } });
      expect(await router.handle(request(key))).toEqual({ ok: true, result: { version: 1 } });
      expect(await eventCount(store, streamId)).toBe(1);
    });

    it('answers 503 SERVICE_UNAVAILABLE, not 500, when the database fails transiently, and keeps nothing', async () => {
      const key = randomUUID();
      afterAppend = async () => {
        throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
      };
      expect(await router.handle(request(key))).toMatchObject({ ok: false, error: { code: 'SERVICE_UNAVAILABLE', category: 'unavailable' } });
      expect(await eventCount(store, streamId)).toBe(0);
    });

    it('records a refusal and replays it; the refused command changed nothing', async () => {
      await router.handle(request(undefined, 3));
      const key = randomUUID();
      const refused = await router.handle(request(key, 1));
      expect(refused).toMatchObject({ ok: false, error: { code: 'TOO_MANY' } });
      expect(await router.handle(request(key, 1))).toEqual(refused);
      expect(await eventCount(store, streamId)).toBe(1);
    });

    it('runs concurrent requests under one key once: the others wait for it and replay its answer', async () => {
      const key = randomUUID();
      const replies = await Promise.all(Array.from({ length: 5 }, () => router.handle(request(key))));
      expect(replies).toEqual(Array.from({ length: 5 }, () => ({ ok: true, result: { version: 1 } })));
      expect(await eventCount(store, streamId)).toBe(1);
    });

    it('scopes keys by caller', async () => {
      const key = randomUUID();
      await router.handle(request(key, 1, 'acc-1'));
      expect(await router.handle(request(key, 1, 'acc-2'))).toEqual({ ok: true, result: { version: 2 } });
    });
  });
}

routerSuite('PostgreSQL', async () => {
  const db = await createTestDatabase('router');
  const sql = new PostgresSqlClient({ connectionString: db.url });
  return { sql, close: async () => (await sql.close(), await db.drop()) };
});

routerSuite('PGlite', async () => {
  const sql = new PgliteSqlClient();
  return { sql, close: () => sql.close() };
});

describe('a PostgreSQL connection lost in the middle of a transaction', () => {
  it('fails that transaction with a transient error instead of crashing the process, and the next query reconnects', async () => {
    const db = await createTestDatabase('router_kill');
    const sql = new PostgresSqlClient({ connectionString: db.url });
    const admin = new PostgresSqlClient({ connectionString: db.url });
    try {
      const router = await new RequestRouter('ordering', sql, logger).init();
      router.register('test.Add', async () => {
        const { rows } = await sql.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        // The server ends this very connection, as a PostgreSQL restart does (57P01).
        await admin.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
        await sql.query('SELECT 1');
        return {};
      });
      const reply = await router.handle(request(randomUUID()));
      expect(reply).toMatchObject({ ok: false, error: { category: 'unavailable', code: 'SERVICE_UNAVAILABLE' } });
      expect((await sql.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await sql.close();
      await admin.close();
      await db.drop();
    }
  });
});
