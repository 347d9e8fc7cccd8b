import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import {
  COLLECT_USAGE,
  GET_PAGE_STATISTICS,
  GET_RETENTION,
  GET_STATISTICS,
  ISSUE_INGESTION_KEY,
  MINI_PROGRAM_CREATED,
  Reply,
  REVOKE_INGESTION_KEY,
  RequestActor,
  StatisticsView,
  UsageBatchAnswer,
  PageStatisticsView,
  RetentionView,
} from '@mpp/contracts';
import { formatLogPosition, PostgresSqlClient, rebuildIntoShadow, SqlEventStore } from '@mpp/eventsourcing';
import { apiKeyHash, createLogger } from '@mpp/platform';
import { RunningService, startService } from '@mpp/runtime';
import { createTestDatabase, eventually, received, seedWorkspaces } from '@mpp/testing';
import { insightsService } from '../insights.service';
import { addDays, Granularity, utcDate } from '../figures/periods';
import { CountedEvent, figuresByPeriod, firstDates, newVisitorsByDate, retention, tallyByDate, topPages, UsageEventType } from '../figures/usage-figures';
import { usageFiguresProjection } from '../figures/usage-figures.projection';
import { UsageEventInput } from '../figures/usage-event-check';
import { USAGE_RETENTION_DAYS, UsageLog } from './usage-log';

// The usage path of insights on PostgreSQL: a host app's batches checked event by event and counted once, the figures
// equal to what usage-figures.ts computes from what was sent, rebuilt equal from the log, old days dropped.

const operator: RequestActor = { accountId: 'operator', platformRoles: ['OPERATOR'] };
const merchant: RequestActor = { accountId: 'merchant-owner', platformRoles: [] };
const TYPES: UsageEventType[] = ['LAUNCH', 'PAGE_VIEW', 'SHARE', 'ERROR', 'SESSION_END'];

/** An event as a host app sends it: its instant as RFC 3339 text. */
type Sent = Omit<UsageEventInput, 'occurredAt'> & { occurredAt: string };

describe('insights: usage collected, counted once, figured (PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sql: PostgresSqlClient;
  let service: RunningService;
  let gcashKey: string;

  const ask = async <T,>(type: string, payload: object, actor?: RequestActor): Promise<Reply<T>> =>
    (await service.router.handle({ type, payload, meta: { correlationId: randomUUID(), ...(actor ? { actor } : {}) } })) as Reply<T>;
  const ok = async <T,>(type: string, payload: object, actor?: RequestActor): Promise<T> => {
    const reply = await ask<T>(type, payload, actor);
    if (!reply.ok) throw new Error(`${type} refused: ${reply.error.code} ${reply.error.message}`);
    return reply.result;
  };
  const collect = (key: string, events: unknown[]) => ask<UsageBatchAnswer>(COLLECT_USAGE, { keyHash: apiKeyHash(key), events });
  /**
   * Waits until the figures projection has applied everything in the log: up to its last event, which the log's own
   * head reaches only once no older transaction is open anywhere in the database (until then the head, and the
   * projection with it, stop short of it).
   */
  const figuresCaughtUp = () =>
    eventually(
      async () => {
        const { rows } = await sql.query<{ position: string | null }>(`SELECT position FROM checkpoints WHERE name = 'usage-figures'`);
        const { rows: last } = await sql.query<{ tx_id: string; position: number }>(`SELECT transaction_id::text AS tx_id, position FROM usage_events ORDER BY transaction_id DESC, position DESC LIMIT 1`);
        const end = last[0] ? formatLogPosition({ transactionId: last[0].tx_id, globalPosition: Number(last[0].position) }) : null;
        return rows[0]?.position === end ? true : undefined;
      },
      10_000,
      'the figures caught up with the usage log',
    );

  beforeAll(async () => {
    db = await createTestDatabase('insights_usage');
    sql = new PostgresSqlClient({ connectionString: db.url });
    const store = await new SqlEventStore(sql).init();
    service = await startService(insightsService, { sql, store, logger: createLogger('insights-usage-int', 'silent') });
    await seedWorkspaces(service, sql, [{ workspaceId: 'm-1', type: 'MERCHANT', owner: merchant.accountId }]);
    const at = new Date().toISOString();
    await service.inbox.receive([
      received('miniprograms', MINI_PROGRAM_CREATED, 'MiniProgram-mp-1', { miniProgramId: 'mp-1', ownerWorkspaceId: 'm-1', name: 'Cafe', description: 'd', category: 'FOOD_AND_BEVERAGE', targetApps: ['GCASH', 'DANA'], at }),
      received('miniprograms', MINI_PROGRAM_CREATED, 'MiniProgram-mp-2', { miniProgramId: 'mp-2', ownerWorkspaceId: 'm-1', name: 'Shop', description: 'd', category: 'RETAIL', targetApps: ['DANA'], at }),
    ]);
    await eventually(async () => ((await sql.query(`SELECT 1 FROM known_mini_programs`)).rows.length === 2 ? true : undefined), 10_000, 'the mini programs known');
    gcashKey = (await ok<{ key: string }>(ISSUE_INGESTION_KEY, { hostApp: 'GCASH' }, operator)).key;
    await eventually(async () => ((await collect(gcashKey, [])).ok ? true : undefined), 10_000, 'the key known');
  });
  afterAll(async () => {
    await service?.stop();
    await sql?.close();
    await db?.drop();
  });

  it('answers each event of a batch on its own, counts a repeat once, and refuses a batch without a live key', async () => {
    const now = Date.now();
    const event = (over: Partial<Sent> = {}): Sent => ({
      eventId: randomUUID(),
      miniProgramId: 'mp-1',
      type: 'LAUNCH',
      userId: 'u-outcomes',
      sessionId: 's-outcomes',
      occurredAt: new Date(now - 60_000).toISOString(),
      ...over,
    });
    const good = [event(), event({ type: 'PAGE_VIEW', page: 'pages/index' }), event({ type: 'SESSION_END', durationMs: 5_000 })];
    const batch = [
      ...good,
      good[0],
      event({ miniProgramId: 'mp-unknown' }),
      event({ miniProgramId: 'mp-2' }),
      event({ occurredAt: new Date(now - 8 * 86_400_000).toISOString() }),
      event({ occurredAt: new Date(now + 10 * 60_000).toISOString() }),
      { ...event(), type: 'CLICK' },
      'not an event',
    ];
    const answer = await collect(gcashKey, batch);
    expect(answer).toEqual({
      ok: true,
      result: {
        accepted: 3,
        duplicates: 1,
        rejected: [
          { index: 4, code: 'MINI_PROGRAM_UNKNOWN' },
          { index: 5, code: 'HOST_APP_NOT_TARGET' },
          { index: 6, code: 'EVENT_TOO_OLD' },
          { index: 7, code: 'EVENT_IN_FUTURE' },
          { index: 8, code: 'EVENT_INVALID' },
          { index: 9, code: 'EVENT_INVALID' },
        ],
      },
    });
    // The same batch again: nothing new.
    expect(await collect(gcashKey, batch)).toMatchObject({ ok: true, result: { accepted: 0, duplicates: 4 } });
    const { rows } = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM usage_events WHERE visitor = 'GCASH:u-outcomes'`);
    expect(Number(rows[0].n)).toBe(3);

    expect(await collect('mpp_ik_unknown', good)).toMatchObject({ ok: false, error: { code: 'INGESTION_KEY_INVALID', category: 'unauthenticated' } });
    const revoked = await ok<{ key: string; keyId: string }>(ISSUE_INGESTION_KEY, { hostApp: 'GCASH' }, operator);
    await eventually(async () => ((await collect(revoked.key, [])).ok ? true : undefined), 10_000, 'the second key known');
    await ok(REVOKE_INGESTION_KEY, { hostApp: 'GCASH', keyId: revoked.keyId }, operator);
    await eventually(async () => ((await collect(revoked.key, [event()])).ok ? undefined : true), 10_000, 'the revoke applied');
    expect(await collect(revoked.key, [event()])).toMatchObject({ ok: false, error: { code: 'INGESTION_KEY_INVALID' } });
  });

  it('figures by day, week and month, top pages and retention equal what the pure figures compute from what was sent, and a rebuild equals them', async () => {
    const today = utcDate(new Date());
    // Events of the last 7 days from a few users, drawn by fast-check (a fixed seed: the same events every run).
    const drawn = fc.sample(
      fc.record({
        type: fc.constantFrom(...TYPES),
        user: fc.integer({ min: 0, max: 11 }),
        session: fc.integer({ min: 0, max: 7 }),
        page: fc.constantFrom('pages/index', 'pages/menu', 'pages/cart', 'pages/pay'),
        daysAgo: fc.integer({ min: 0, max: 6 }),
        minute: fc.integer({ min: 0, max: 60 * 23 }),
        durationMs: fc.integer({ min: 0, max: 600_000 }),
      }),
      { seed: 20261126, numRuns: 700 },
    );
    const sent: Sent[] = drawn.map((d) => {
      const day = addDays(today, -d.daysAgo);
      // Today's events lie in the past: at most a minute ago.
      const at = Math.min(Date.parse(`${day}T00:00:00Z`) + d.minute * 60_000, Date.now() - 60_000);
      return {
        eventId: randomUUID(),
        miniProgramId: 'mp-1',
        type: d.type,
        userId: `user-${d.user}`,
        sessionId: `session-${d.daysAgo}-${d.session}`,
        ...(d.type === 'PAGE_VIEW' ? { page: d.page } : {}),
        ...(d.type === 'SESSION_END' ? { durationMs: d.durationMs } : {}),
        occurredAt: new Date(at).toISOString(),
      };
    });
    // In batches of at most 500, with a retry of the first batch in between.
    const first = await collect(gcashKey, sent.slice(0, 500));
    expect(first).toMatchObject({ ok: true, result: { accepted: 500, duplicates: 0, rejected: [] } });
    expect(await collect(gcashKey, sent.slice(0, 500))).toMatchObject({ ok: true, result: { accepted: 0, duplicates: 500 } });
    expect(await collect(gcashKey, sent.slice(500))).toMatchObject({ ok: true, result: { accepted: sent.length - 500, duplicates: 0 } });
    await figuresCaughtUp();

    // What the figures must be: usage-figures.ts over every accepted event of mp-1 (the first test's included).
    const { rows: all } = await sql.query<{ type: UsageEventType; visitor: string; session_id: string; page: string | null; duration_ms: number | null; occurred_at: Date }>(
      `SELECT type, visitor, session_id, page, duration_ms, occurred_at FROM usage_events WHERE mini_program_id = 'mp-1'`,
    );
    expect(all.filter((r) => r.session_id.startsWith('session-')).length).toBe(sent.length);
    const counted: CountedEvent[] = all.map((r) => ({ type: r.type, date: utcDate(r.occurred_at), visitor: r.visitor, sessionId: r.session_id, page: r.page ?? undefined, durationMs: r.duration_ms ?? undefined }));
    // The pure functions see session ids per host app as the service does (one host app here).
    const tallies = tallyByDate(counted);
    const firsts = firstDates(counted);
    const from = addDays(today, -40);
    for (const granularity of ['day', 'week', 'month'] as Granularity[]) {
      const view = await ok<StatisticsView>(GET_STATISTICS, { miniProgramId: 'mp-1', from, to: today, granularity }, merchant);
      expect([granularity, view]).toEqual([granularity, { items: figuresByPeriod(tallies, newVisitorsByDate(firsts), from, today, granularity), uniqueVisitorsExact: true }]);
    }
    const gcashOnly = await ok<StatisticsView>(GET_STATISTICS, { miniProgramId: 'mp-1', from, to: today, granularity: 'week', hostApp: 'GCASH' }, merchant);
    expect(gcashOnly.items).toEqual(figuresByPeriod(tallies, newVisitorsByDate(firsts), from, today, 'week'));
    const dana = await ok<StatisticsView>(GET_STATISTICS, { miniProgramId: 'mp-1', from, to: today, granularity: 'month', hostApp: 'DANA' }, merchant);
    expect(dana.items.every((p) => p.opens === 0 && p.uniqueVisitors === 0)).toBe(true);

    const pages = await ok<PageStatisticsView>(GET_PAGE_STATISTICS, { miniProgramId: 'mp-1', from, to: today, limit: 3 }, merchant);
    expect(pages.items).toEqual(topPages(counted, 3));
    const cohorts = await ok<RetentionView>(GET_RETENTION, { miniProgramId: 'mp-1', from: addDays(today, -10), to: today }, merchant);
    const dates = Array.from({ length: 11 }, (_, i) => addDays(today, i - 10));
    expect(cohorts.items).toEqual(retention(firsts, tallies, dates, today));
    expect(cohorts.items.some((c) => c.newVisitors > 0 && c.day1 !== null && c.day1 > 0)).toBe(true);

    // Ranges and host apps API.md refuses; a stranger sees no such mini program.
    const refusal = async (payload: object, actor = merchant) => {
      const reply = await ask(GET_STATISTICS, { miniProgramId: 'mp-1', from, to: today, granularity: 'day', ...payload }, actor);
      return reply.ok ? 'ACCEPTED' : reply.error.code;
    };
    expect(await refusal({ from: today, to: addDays(today, -1) })).toBe('FROM_AFTER_TO');
    expect(await refusal({ from: addDays(today, -367) })).toBe('RANGE_TOO_LONG');
    expect(await refusal({ from: '2026-02-30' })).toBe('INVALID_DATE');
    expect(await refusal({ hostApp: 'ALIPAY_HK' })).toBe('HOST_APP_NOT_TARGET');
    expect(await refusal({}, { accountId: 'stranger', platformRoles: [] })).toBe('MINI_PROGRAM_NOT_FOUND');

    // Every figure rebuilt from the usage log equals the live one.
    const tables = usageFiguresProjection.tables;
    const snapshot = async () => {
      const out: Record<string, unknown[]> = {};
      for (const table of tables) out[table] = (await sql.query(`SELECT * FROM ${table}`)).rows.map((r) => JSON.stringify(r)).sort();
      return out;
    };
    const live = await snapshot();
    await rebuildIntoShadow(sql, await UsageLog.open(sql), usageFiguresProjection, { batchSize: 1000 });
    expect(await snapshot()).toEqual(live);
  });

  it(`drops whole days of raw events older than the ${USAGE_RETENTION_DAYS} kept, and keeps the rest`, async () => {
    const log = await UsageLog.open(sql);
    const today = utcDate(new Date());
    const expired = addDays(today, -USAGE_RETENTION_DAYS);
    const lastKept = addDays(today, 1 - USAGE_RETENTION_DAYS);
    const row = (day: string) => ({ eventId: randomUUID(), miniProgramId: 'mp-1', hostApp: 'GCASH', type: 'LAUNCH' as const, visitor: 'GCASH:old', sessionId: 's-old', occurredAt: `${day}T12:00:00.000Z`, day });
    await log.append([row(expired), row(lastKept)]);
    expect(await log.dropExpired(today)).toEqual([expired]);
    const { rows } = await sql.query<{ day: string }>(`SELECT day::text AS day FROM usage_events WHERE visitor = 'GCASH:old'`);
    expect(rows.map((r) => r.day)).toEqual([lastKept]);
    expect(await log.dropExpired(today)).toEqual([]);
  });
});
