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
    let aggregates: AggregateStore;

    beforeEach(async () => {
      ({ sql, close } = await open());
      store = await new SqlEventStore(sql).init();
      aggregates = new AggregateStore(store);
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

    describe('requests sent together (a batch job\'s items)', () => {
      const addTo = (stream: string, by: number, commandId = randomUUID()): RequestMessage => ({ ...request(commandId, by), type: 'test.AddTo', payload: { stream, by } });
      let failing: string | undefined;
      beforeEach(() => {
        failing = undefined;
        router.register('test.AddTo', async (m) => {
          const { stream, by } = m.payload as { stream: string; by: number };
          const { version } = await aggregates.handle(counter, stream, { by }, { metadata: { correlationId: m.meta.correlationId } });
          if (stream === failing) throw new Error('the process died here');
          return { version };
        });
      });

      it('answers each as alone: its events, its refusal recorded, its key replayed together or alone', async () => {
        const streams = [1, 2, 3, 4].map(() => `counter-${randomUUID()}`);
        const group = streams.map((stream, i) => addTo(stream, i === 2 ? 5 : 1));
        const replies = await router.handleTogether(group);
        expect(replies).toEqual([{ ok: true, result: { version: 1 } }, { ok: true, result: { version: 1 } }, expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'TOO_MANY' }) }), { ok: true, result: { version: 1 } }]);
        expect(await Promise.all(streams.map((s) => eventCount(store, s)))).toEqual([1, 1, 0, 1]);
        // Where the database pipelines, the four were one transaction (their answers share its id); else one each.
        const { rows } = await sql.query<{ n: number }>(`SELECT count(DISTINCT xmin::text)::int AS n FROM command_log WHERE key = ANY($1::text[])`, [group.map((m) => `acc-1:${m.meta.commandId}`)]);
        expect(rows[0].n).toBe(sql.pipelined ? 1 : 4);
        expect(await router.handleTogether(group)).toEqual(replies);
        expect(await router.handle(group[3])).toEqual(replies[3]);
        expect(await Promise.all(streams.map((s) => eventCount(store, s)))).toEqual([1, 1, 0, 1]);
      });

      it('keeps nothing of a group that fails as a whole (a conflict, a request dying after its append) and answers each alone, once', async () => {
        const shared = `counter-${randomUUID()}`;
        const [other, dying] = [`counter-${randomUUID()}`, `counter-${randomUUID()}`];
        failing = dying;
        const group = [addTo(shared, 1), addTo(shared, 1), addTo(other, 1), addTo(dying, 1)];
        const replies = await router.handleTogether(group);
        expect(replies.slice(0, 2).map((r) => (r.ok ? (r.result as { version: number }).version : r)).sort()).toEqual([1, 2]);
        expect(replies[2]).toEqual({ ok: true, result: { version: 1 } });
        expect(replies[3]).toMatchObject({ ok: false, error: { code: 'INTERNAL_ERROR' } });
        expect([await eventCount(store, shared), await eventCount(store, other), await eventCount(store, dying)]).toEqual([2, 1, 0]);
        failing = undefined;
        const again = await router.handleTogether(group);
        expect(again.slice(0, 3)).toEqual(replies.slice(0, 3));
        expect(again[3]).toEqual({ ok: true, result: { version: 1 } });
        expect([await eventCount(store, shared), await eventCount(store, other), await eventCount(store, dying)]).toEqual([2, 1, 1]);
      });
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
