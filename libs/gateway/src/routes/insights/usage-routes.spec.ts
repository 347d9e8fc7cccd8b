import { createHmac } from 'node:crypto';
import { COLLECT_USAGE, GET_PAGE_STATISTICS, GET_RETENTION, GET_STATISTICS } from '@mpp/contracts';
import { apiKeyHash } from '@mpp/platform';
import { routesHarness } from '../../testing/routes-harness';
import { TEST_USAGE_PSEUDONYM_KEY } from '../../testing/test-gateway';

// The usage and statistics routes (API.md "Statistics") on the gateway conventions, talking to a scripted bus.

const event = (over: object = {}) => ({
  eventId: '0b6f3a52-7c1e-4c7e-9a59-0f5f4c8a2d11',
  miniProgramId: 'mp-1',
  type: 'LAUNCH',
  userId: 'host-user-1',
  sessionId: 's-1',
  occurredAt: '2026-11-26T10:00:00Z',
  ...over,
});

describe('usage and statistics routes', () => {
  const { bus, server, token, lastSent, expectSent, expectInvalid } = routesHarness('insights');
  let member: string;
  beforeAll(async () => {
    member = await token('acc-1', []);
  });

  const collect = (body: unknown, key: string | null = 'mpp_ik_secret') => {
    const req = server().post('/v1/collect').set('Content-Type', 'application/json');
    return (key ? req.set('X-Ingestion-Key', key) : req).send(typeof body === 'string' ? body : JSON.stringify(body));
  };

  it('POST /v1/collect passes the key\'s hash and the events with pseudonymized users, and answers 202 with what insights counted', async () => {
    const answer = { accepted: 1, duplicates: 0, rejected: [{ index: 1, code: 'EVENT_INVALID' }] };
    bus.answer = async () => answer;
    const res = await collect({ events: [event(), event({ userId: 'u'.repeat(65) })] });
    expect([res.status, res.body]).toEqual([202, answer]);
    const { service, message } = lastSent();
    expect([service, message.type]).toEqual(['insights', COLLECT_USAGE]);
    const pseudonym = createHmac('sha256', TEST_USAGE_PSEUDONYM_KEY).update('host-user-1').digest('base64url');
    const { userId: _long, ...withoutUser } = event({ userId: 'u'.repeat(65) });
    expect(message.payload).toEqual({ keyHash: apiKeyHash('mpp_ik_secret'), events: [event({ userId: pseudonym }), withoutUser] });
    // Neither the key nor a user id went out.
    expect(JSON.stringify(message)).not.toMatch(/mpp_ik_secret|host-user-1/);
  });

  it('refuses the whole batch only when it is malformed as a whole, sending nothing', async () => {
    const refused = async (res: Awaited<ReturnType<typeof collect>>, status: number, code: string) => {
      expect([res.status, res.body.code]).toEqual([status, code]);
      expect(bus.sent).toHaveLength(0);
    };
    await refused(await collect({ events: [event()] }, null), 401, 'INGESTION_KEY_INVALID');
    await refused(await collect({ events: Array.from({ length: 501 }, () => event()) }), 400, 'TOO_MANY_EVENTS');
    await refused(await collect({ events: 'many' }), 400, 'VALIDATION_FAILED');
    await refused(await collect({}), 400, 'VALIDATION_FAILED');
    await refused(await collect('{"events": ['), 400, 'MALFORMED_JSON');
    // 512 KB on this route, whatever BODY_LIMIT_BYTES allows elsewhere.
    await refused(await collect({ events: [event({ page: 'p'.repeat(530 * 1024) })] }), 413, 'PAYLOAD_TOO_LARGE');
    const slashed = server().post('/v1/collect/').set('Content-Type', 'application/json').set('X-Ingestion-Key', 'mpp_ik_secret');
    await refused(await slashed.send(JSON.stringify({ events: [event({ page: 'p'.repeat(530 * 1024) })] })), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('GET statistics, pages and retention send the range to insights and answer what it says', async () => {
    const view = { items: [], uniqueVisitorsExact: true };
    bus.answer = async () => view;
    let res = await server().get('/v1/mini-programs/mp-1/statistics?from=2026-11-01&to=2026-11-30&granularity=week&hostApp=GCASH').set('Authorization', member);
    expect([res.status, res.body]).toEqual([200, view]);
    expectSent(GET_STATISTICS, { miniProgramId: 'mp-1', from: '2026-11-01', to: '2026-11-30', granularity: 'week', hostApp: 'GCASH' });

    bus.sent.length = 0;
    res = await server().get('/v1/mini-programs/mp-1/statistics?from=2026-11-01&to=2026-11-30').set('Authorization', member);
    expectSent(GET_STATISTICS, { miniProgramId: 'mp-1', from: '2026-11-01', to: '2026-11-30', granularity: 'day' });

    bus.sent.length = 0;
    bus.answer = async () => ({ items: [] });
    res = await server().get('/v1/mini-programs/mp-1/statistics/pages?from=2026-11-01&to=2026-11-30&limit=5').set('Authorization', member);
    expect(res.status).toBe(200);
    expectSent(GET_PAGE_STATISTICS, { miniProgramId: 'mp-1', from: '2026-11-01', to: '2026-11-30', limit: 5 });

    bus.sent.length = 0;
    res = await server().get('/v1/mini-programs/mp-1/statistics/retention?from=2026-11-01&to=2026-11-30').set('Authorization', member);
    expect(res.status).toBe(200);
    expectSent(GET_RETENTION, { miniProgramId: 'mp-1', from: '2026-11-01', to: '2026-11-30' });
  });

  it.each([
    ['no from', '?to=2026-11-30', 'from'],
    ['a from that is not a date', '?from=yesterday&to=2026-11-30', 'from'],
    ['an unknown granularity', '?from=2026-11-01&to=2026-11-30&granularity=year', 'granularity'],
    ['an unknown host app', '?from=2026-11-01&to=2026-11-30&hostApp=NOPE', 'hostApp'],
    ['a parameter statistics do not take', '?from=2026-11-01&to=2026-11-30&limit=5', 'limit'],
  ])('GET statistics with %s is 400 naming it, nothing sent', async (_case, query, field) => {
    expectInvalid(await server().get(`/v1/mini-programs/mp-1/statistics${query}`).set('Authorization', member), field);
  });

  it('the figures need a signed-in caller', async () => {
    expect((await server().get('/v1/mini-programs/mp-1/statistics?from=2026-11-01&to=2026-11-30')).status).toBe(401);
    expect(bus.sent).toHaveLength(0);
  });
});
