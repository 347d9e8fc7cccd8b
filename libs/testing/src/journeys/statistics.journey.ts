import { randomUUID } from 'node:crypto';
import type { Schema } from '@mpp/client';
import { ApiClient, ApiPath, eventually, outsideContract } from '../api-client';
import { ReadMail } from './account.journey';
import { approvedWorkspace, miniProgram, onlineService } from './onboarding';

type Problem = { code?: string };
type Figures = { period: string; opens: number; pageViews: number; uniqueVisitors: number; newVisitors: number; sessions: number; avgSessionMs: number; shares: number; errors: number };
type Statistics = { items: Figures[]; uniqueVisitorsExact: boolean };
const DAY_MS = 86_400_000;
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * DOMAIN.md 6 through the gateway: a host app reports a batch with its ingestion key; each event is answered on its
 * own; the figures a merchant reads equal, to the unit, what this journey computes from what it sent; the same batch
 * again changes nothing; an ISV reads them with STATISTICS only; a revoked key is refused. Returns what the caller
 * may check further (the ids the host app sent, which must be stored nowhere).
 */
export async function statisticsJourney(api: ApiClient, readMail: ReadMail, reviewer: ApiClient, operator: ApiClient) {
  const merchant = await approvedWorkspace(api, readMail, reviewer, 'MERCHANT', 'counted');
  const stranger = await approvedWorkspace(api, readMail, reviewer, 'MERCHANT', 'nosy');
  const isv = await approvedWorkspace(api, readMail, reviewer, 'ISV', 'analyst');
  const otherIsv = await approvedWorkspace(api, readMail, reviewer, 'ISV', 'builder');
  const mp = await miniProgram(merchant, 'Counted cafe');
  const danaOnly = (await merchant.client.post<{ miniProgramId: string }>(`/v1/workspaces/${merchant.workspaceId}/mini-programs`, { name: 'Dana corner', description: 'For DANA only.', category: 'RETAIL', targetApps: ['DANA'] })).body.miniProgramId;
  const authorize = async (who: typeof isv, scopes: Schema<'ConfirmOrderRequest'>['scopes']) => {
    const serviceId = await onlineService(who, reviewer, `Figures ${who.workspaceId.slice(0, 8)}`);
    const placed = await eventually(async () => {
      const r = await merchant.client.post<{ orderId: string }>('/v1/orders', { serviceId, miniProgramId: mp });
      return r.status === 201 ? r : undefined;
    }, 30_000, 'ordering knowing the service and the mini program');
    await who.client.post(`/v1/orders/${placed.body.orderId}/accept`);
    const confirmed = await merchant.client.post<{ authorizationId: string }>(`/v1/orders/${placed.body.orderId}/confirm`, { scopes });
    expect(confirmed.status).toBe(200);
    return confirmed.body.authorizationId;
  };
  const analystAuthorization = await authorize(isv, ['UPLOAD', 'STATISTICS']);
  await authorize(otherIsv, ['UPLOAD']);

  const gcash = await operator.post<{ keyId: string; key: string }>('/v1/host-apps/GCASH/ingestion-keys');
  expect(gcash.status).toBe(201);
  // Batches with events the contract refuses, on purpose: each is answered on its own.
  const collect = (events: unknown[], key = gcash.body.key) => api.call<{ accepted: number; duplicates: number; rejected: { index: number; code: string }[] } & Problem>('POST', '/v1/collect', { body: outsideContract({ events }), headers: { 'x-ingestion-key': key } });

  // Two days: "today" a second ago, "yesterday" a day before that (dates taken from the instants, so midnight is no matter).
  const now = Date.now() - 1_000;
  const [today, yesterday] = [dateOf(now), dateOf(now - DAY_MS)];
  const users = { a: `host-user-${randomUUID()}`, b: `host-user-${randomUUID()}`, c: `host-user-${randomUUID()}` };
  const event = (user: string, session: string, type: string, at: number, extra: object = {}) => ({
    eventId: randomUUID(),
    miniProgramId: mp,
    type,
    userId: user,
    sessionId: session,
    occurredAt: new Date(at).toISOString(),
    ...extra,
  });
  const good = [
    event(users.c, 's-c1', 'LAUNCH', now - DAY_MS),
    event(users.c, 's-c1', 'ERROR', now - DAY_MS),
    event(users.a, 's-a1', 'LAUNCH', now),
    event(users.a, 's-a1', 'PAGE_VIEW', now, { page: 'pages/index' }),
    event(users.a, 's-a1', 'PAGE_VIEW', now, { page: 'pages/menu' }),
    event(users.a, 's-a1', 'SESSION_END', now, { durationMs: 30_000 }),
    event(users.b, 's-b1', 'LAUNCH', now),
    event(users.b, 's-b1', 'PAGE_VIEW', now, { page: 'pages/index' }),
    event(users.b, 's-b1', 'SHARE', now),
    event(users.b, 's-b1', 'SESSION_END', now, { durationMs: 10_001 }),
    event(users.c, 's-c2', 'LAUNCH', now),
  ];
  const batch = [
    ...good,
    good[2],
    event(users.a, 's-a1', 'LAUNCH', now, { miniProgramId: randomUUID() }),
    event(users.a, 's-a1', 'LAUNCH', now, { miniProgramId: danaOnly }),
    event(users.a, 's-a1', 'LAUNCH', now - 8 * DAY_MS),
    event(users.a, 's-a1', 'LAUNCH', now + 10 * 60_000),
    event(users.a, 's-a1', 'PAGE_VIEW', now),
  ];
  const rejected = [
    { index: 12, code: 'MINI_PROGRAM_UNKNOWN' },
    { index: 13, code: 'HOST_APP_NOT_TARGET' },
    { index: 14, code: 'EVENT_TOO_OLD' },
    { index: 15, code: 'EVENT_IN_FUTURE' },
    { index: 16, code: 'EVENT_INVALID' },
  ];

  // insights learns the mini program from miniprograms' events: until then its events are MINI_PROGRAM_UNKNOWN.
  const figuresPath = `/v1/mini-programs/${mp}/statistics?from=${yesterday}&to=${today}` as const;
  await eventually(async () => ((await merchant.client.get(figuresPath)).status === 200 ? true : undefined), 30_000, 'insights knowing the mini program');
  await eventually(async () => ((await collect([])).status === 202 ? true : undefined), 30_000, 'insights knowing the key');
  const answer = await collect(batch);
  expect([answer.status, answer.body]).toEqual([202, { accepted: good.length, duplicates: 1, rejected }]);

  // What the figures must be, from what was sent: yesterday c (new) opened and hit an error; today a and b (new)
  // and c (back) opened; a viewed two pages, b one; b shared; a's and b's sessions ended after 30 s and 10.001 s.
  const expected: Figures[] = [
    { period: yesterday, opens: 1, pageViews: 0, uniqueVisitors: 1, newVisitors: 1, sessions: 1, avgSessionMs: 0, shares: 0, errors: 1 },
    { period: today, opens: 3, pageViews: 3, uniqueVisitors: 3, newVisitors: 2, sessions: 3, avgSessionMs: 20_001, shares: 1, errors: 0 },
  ];
  const figures = await eventually(async () => {
    const r = await merchant.client.get<Statistics>(figuresPath);
    return r.body.items?.[1]?.opens === 3 && r.body.items[1].sessions === 3 ? r.body : undefined;
  }, 30_000, 'today\'s figures counted');
  expect(figures).toEqual({ items: expected, uniqueVisitorsExact: true });
  const pages = await merchant.client.get<{ items: unknown[] }>(`/v1/mini-programs/${mp}/statistics/pages?from=${yesterday}&to=${today}`);
  expect(pages.body.items).toEqual([
    { page: 'pages/index', pageViews: 2, uniqueVisitors: 2 },
    { page: 'pages/menu', pageViews: 1, uniqueVisitors: 1 },
  ]);
  const cohorts = await merchant.client.get<{ items: unknown[] }>(`/v1/mini-programs/${mp}/statistics/retention?from=${yesterday}&to=${today}`);
  expect(cohorts.body.items).toEqual([
    { cohortDate: yesterday, newVisitors: 1, day1: 1, day7: null, day30: null },
    { cohortDate: today, newVisitors: 2, day1: null, day7: null, day30: null },
  ]);

  // The same batch again (a retry whose answer was lost): nothing counted twice.
  const again = await collect(batch);
  expect([again.status, again.body]).toEqual([202, { accepted: 0, duplicates: good.length + 1, rejected }]);
  expect((await merchant.client.get<Statistics>(figuresPath)).body.items).toEqual(expected);

  // Readers: the ISV holding STATISTICS, not the one without it, not another merchant; bad ranges and host apps.
  expect((await isv.client.get<Statistics>(figuresPath)).body.items).toEqual(expected);
  const refusal = async (client: ApiClient, path: ApiPath<'GET'>) => {
    const r = await client.get<Problem>(path);
    return [r.status, r.body.code];
  };
  // Insights learns the other ISV's grant (without STATISTICS) from ordering's events, on its own time: until then it
  // knows that ISV no more than a stranger (404); once it does, the refusal names the missing scope.
  const scopeRefusal = await eventually(async () => {
    const answer = await refusal(otherIsv.client, figuresPath);
    return answer[0] === 404 ? undefined : answer;
  }, 30_000, "insights knowing the other ISV's authorization");
  expect(scopeRefusal).toEqual([403, 'SCOPE_NOT_GRANTED']);
  expect(await refusal(stranger.client, figuresPath)).toEqual([404, 'MINI_PROGRAM_NOT_FOUND']);
  expect(await refusal(merchant.client, `/v1/mini-programs/${mp}/statistics?from=${today}&to=${yesterday}`)).toEqual([400, 'FROM_AFTER_TO']);
  expect(await refusal(merchant.client, `/v1/mini-programs/${mp}/statistics?from=${dateOf(now - 367 * DAY_MS)}&to=${today}`)).toEqual([400, 'RANGE_TOO_LONG']);
  expect(await refusal(merchant.client, `${figuresPath}&hostApp=DANA`)).toEqual([400, 'HOST_APP_NOT_TARGET']);
  expect((await api.get(figuresPath)).status).toBe(401);
  expect((await merchant.client.post(`/v1/authorizations/${analystAuthorization}/revoke`)).status).toBe(200);
  await eventually(async () => ((await isv.client.get(figuresPath)).status === 404 ? true : undefined), 30_000, 'insights seeing the revoke');

  // A revoked key: the whole batch refused.
  expect((await operator.call('DELETE', `/v1/host-apps/GCASH/ingestion-keys/${gcash.body.keyId}`)).status).toBe(204);
  // The probe is an event nothing counts (an unknown mini program): one accepted before insights sees the revoke changes no figure.
  const refused = await eventually(async () => {
    const r = await collect([event(users.a, 's-a2', 'LAUNCH', Date.now() - 1_000, { miniProgramId: randomUUID() })]);
    return r.status === 401 ? r : undefined;
  }, 30_000, 'insights seeing the key revoked');
  expect(refused.body.code).toBe('INGESTION_KEY_INVALID');
  expect((await merchant.client.get<Statistics>(figuresPath)).body.items).toEqual(expected);
  return { miniProgramId: mp, userIds: Object.values(users), key: gcash.body.key };
}
