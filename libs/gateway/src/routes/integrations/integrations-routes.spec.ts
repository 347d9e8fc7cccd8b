import {
  CREATE_WEBHOOK,
  DELETE_WEBHOOK,
  LIST_WEBHOOK_DELIVERIES,
  LIST_WEBHOOKS,
  LIST_WORKSPACE_EVENTS,
  PING_WEBHOOK,
  REDELIVER_WEBHOOK_DELIVERY,
  ROTATE_WEBHOOK_SECRET,
  UPDATE_WEBHOOK,
  WORKSPACE_EVENT_TYPES,
} from '@mpp/contracts';
import { routesHarness } from '../../testing/routes-harness';

// The integrations routes (API.md Integrations) on the gateway conventions, talking to a scripted bus.

describe('integrations routes', () => {
  const { bus, server, token, expectSent: expectOnlySent, expectNotFound } = routesHarness('integrations');
  /** That request was the one sent since the last; the next check starts afresh. */
  const expectSent = (...args: Parameters<typeof expectOnlySent>) => {
    expectOnlySent(...args);
    bus.sent.length = 0;
  };
  let member: string;
  beforeAll(async () => {
    member = await token('acc-1', []);
  });

  it('POST /v1/workspaces/{id}/webhooks sends the endpoint and answers 201 with its secret; bad bodies are 400 and send nothing', async () => {
    bus.answer = async () => ({ webhookId: 'w-1', secret: 'whsec_x' });
    const body = { url: 'https://isv.example/hooks', eventTypes: ['order.placed', 'version.approved'], description: 'CI' };
    const res = await server().post('/v1/workspaces/ws-1/webhooks').set('Authorization', member).send(body);
    expect([res.status, res.body]).toEqual([201, { webhookId: 'w-1', secret: 'whsec_x' }]);
    expectSent(CREATE_WEBHOOK, { workspaceId: 'ws-1', ...body }, 'acc-1');
    for (const bad of [{ ...body, eventTypes: [] }, { ...body, eventTypes: ['order.shipped'] }, { ...body, url: 7 }, { ...body, url: `https://x.example/${'a'.repeat(2000)}` }, { ...body, extra: true }]) {
      const refused = await server().post('/v1/workspaces/ws-1/webhooks').set('Authorization', member).send(bad);
      expect([refused.status, refused.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect(bus.sent).toHaveLength(0);
  });

  it('the endpoint verbs send what they name and answer with their statuses', async () => {
    bus.answer = async () => ({ items: [] });
    expect((await server().get('/v1/workspaces/ws-1/webhooks').set('Authorization', member)).status).toBe(200);
    expectSent(LIST_WEBHOOKS, { workspaceId: 'ws-1' }, 'acc-1');
    bus.answer = async () => ({ webhookId: 'w-1', enabled: false });
    expect((await server().patch('/v1/webhooks/w-1').set('Authorization', member).send({ enabled: false })).status).toBe(200);
    expectSent(UPDATE_WEBHOOK, { webhookId: 'w-1', enabled: false }, 'acc-1');
    bus.answer = async () => ({ secret: 'whsec_y' });
    expect((await server().post('/v1/webhooks/w-1/rotate-secret').set('Authorization', member)).body).toEqual({ secret: 'whsec_y' });
    expectSent(ROTATE_WEBHOOK_SECRET, { webhookId: 'w-1' }, 'acc-1');
    bus.answer = async () => ({ deliveryId: 'd-1' });
    expect((await server().post('/v1/webhooks/w-1/ping').set('Authorization', member)).status).toBe(202);
    expectSent(PING_WEBHOOK, { webhookId: 'w-1' }, 'acc-1');
    expect((await server().post('/v1/webhooks/w-1/deliveries/d-1/redeliver').set('Authorization', member)).status).toBe(202);
    expectSent(REDELIVER_WEBHOOK_DELIVERY, { webhookId: 'w-1', deliveryId: 'd-1' }, 'acc-1');
    bus.answer = async () => ({ items: [] });
    expect((await server().get('/v1/webhooks/w-1/deliveries?status=FAILED').set('Authorization', member)).status).toBe(200);
    expectSent(LIST_WEBHOOK_DELIVERIES, { webhookId: 'w-1', status: 'FAILED' }, 'acc-1');
    expect((await server().get('/v1/webhooks/w-1/deliveries?status=LOST').set('Authorization', member)).status).toBe(400);
    for (const body of [{ url: null }, { eventTypes: null }, { description: null }, { enabled: null }, {}]) {
      const refused = await server().patch('/v1/webhooks/w-1').set('Authorization', member).send(body);
      expect([JSON.stringify(body), refused.status, refused.body.code]).toEqual([JSON.stringify(body), 400, 'VALIDATION_FAILED']);
    }
    expect(bus.sent).toHaveLength(0);
    bus.answer = async () => undefined;
    expect((await server().delete('/v1/webhooks/w-1').set('Authorization', member)).status).toBe(204);
    expectSent(DELETE_WEBHOOK, { webhookId: 'w-1' }, 'acc-1');
    expectNotFound(await server().delete('/v1/webhooks/no%20such').set('Authorization', member), 'WEBHOOK_NOT_FOUND');
    expectNotFound(await server().post('/v1/webhooks/w-1/deliveries/no%20such/redeliver').set('Authorization', member), 'DELIVERY_NOT_FOUND');
  });

  it('GET /v1/workspaces/{id}/events passes the cursor, the types and the limit; a type or limit out of bounds is 400', async () => {
    bus.answer = async () => ({ items: [], nextCursor: 'c2' });
    const res = await server().get('/v1/workspaces/ws-1/events?after=c1&types=order.placed,version.approved&limit=10').set('Authorization', member);
    expect([res.status, res.body]).toEqual([200, { items: [], nextCursor: 'c2' }]);
    expectSent(LIST_WORKSPACE_EVENTS, { workspaceId: 'ws-1', after: 'c1', types: ['order.placed', 'version.approved'], limit: 10 }, 'acc-1');
    await server().get('/v1/workspaces/ws-1/events').set('Authorization', member);
    expectSent(LIST_WORKSPACE_EVENTS, { workspaceId: 'ws-1', limit: 50 }, 'acc-1');
    for (const query of ['types=order.shipped', 'limit=101', 'limit=0']) {
      expect((await server().get(`/v1/workspaces/ws-1/events?${query}`).set('Authorization', member)).status).toBe(400);
    }
    expect((await server().get('/v1/workspaces/ws-1/events')).status).toBe(401);
    expect(bus.sent).toHaveLength(0);
  });

  it('GET /v1/event-types answers anyone from the contracts, with each payload schema', async () => {
    const res = await server().get('/v1/event-types');
    expect(res.status).toBe(200);
    expect(res.body.items.map((t: { type: string }) => t.type)).toEqual([...WORKSPACE_EVENT_TYPES, 'webhook.ping']);
    expect(res.body.items[0]).toMatchObject({ type: 'order.placed', payload: { type: 'object', required: expect.arrayContaining(['orderId']) } });
    expect(bus.sent).toHaveLength(0);
  });
});
