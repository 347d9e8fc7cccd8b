import {
  ACCEPT_ORDER,
  APPROVE_ORDER_CLOSURE,
  CANCEL_ORDER,
  CHANGE_AUTHORIZATION_SCOPES,
  CONFIRM_ORDER,
  GET_AUTHORIZATION_HISTORY,
  GET_ORDER,
  LIST_AUTHORIZATIONS,
  LIST_WORKSPACE_ORDERS,
  PLACE_ORDER,
  REJECT_ORDER,
  REJECT_ORDER_CLOSURE,
  REQUEST_ORDER_CLOSURE,
  REVOKE_AUTHORIZATION,
} from '@mpp/contracts';
import { AppError } from '@mpp/platform';
import { routesHarness } from '../../testing/routes-harness';

// The ordering routes on the gateway conventions, talking to a scripted bus.

describe('ordering routes', () => {
  const { bus, server, token, expectSent, expectInvalid, expectNotFound } = routesHarness('ordering');
  let caller: string;
  beforeAll(async () => {
    caller = await token('acc-1', []);
  });
  const post = (path: string, body?: object) => server().post(path).set('Authorization', caller).send(body);

  describe('POST /v1/orders', () => {
    it('places through ordering and answers 201 {orderId, status, version}', async () => {
      bus.answer = async () => ({ orderId: 'o-1', status: 'NEW', version: 1 });
      const res = await post('/v1/orders', { serviceId: 's-1', miniProgramId: 'mp-1', note: 'Stamps' });
      expect([res.status, res.body]).toEqual([201, { orderId: 'o-1', status: 'NEW', version: 1 }]);
      expectSent(PLACE_ORDER, { serviceId: 's-1', miniProgramId: 'mp-1', note: 'Stamps' });
    });

    it.each([
      ['serviceId', { miniProgramId: 'mp-1' }],
      ['serviceId', { serviceId: 'not an id!', miniProgramId: 'mp-1' }],
      ['miniProgramId', { serviceId: 's-1', miniProgramId: 7 }],
      ['note', { serviceId: 's-1', miniProgramId: 'mp-1', note: 'x'.repeat(2001) }],
      ['note', { serviceId: 's-1', miniProgramId: 'mp-1', note: null }],
    ])('refuses a bad %s with 400 and sends nothing', async (field, body) => {
      expectInvalid(await post('/v1/orders', body), field);
    });

    it('refuses an unsigned caller with 401', async () => {
      const res = await server().post('/v1/orders').send({ serviceId: 's-1', miniProgramId: 'mp-1' });
      expect(res.status).toBe(401);
      expect(bus.sent).toHaveLength(0);
    });

    it('passes ordering\'s refusal through as problem+json', async () => {
      bus.answer = async () => {
        throw AppError.rule('SERVICE_NOT_ONLINE', 'the service is no longer in the market');
      };
      const res = await post('/v1/orders', { serviceId: 's-1', miniProgramId: 'mp-1' });
      expect([res.status, res.body.code, res.headers['content-type']]).toEqual([422, 'SERVICE_NOT_ONLINE', expect.stringMatching(/^application\/problem\+json/)]);
    });
  });

  describe('the order\'s steps', () => {
    it.each([
      ['accept', undefined, ACCEPT_ORDER, {}],
      ['reject', { reason: 'Too busy' }, REJECT_ORDER, { reason: 'Too busy' }],
      ['confirm', {}, CONFIRM_ORDER, {}],
      ['confirm', { scopes: ['UPLOAD', 'RELEASE'] }, CONFIRM_ORDER, { scopes: ['UPLOAD', 'RELEASE'] }],
      ['cancel', {}, CANCEL_ORDER, {}],
      ['cancel', { reason: 'Budget' }, CANCEL_ORDER, { reason: 'Budget' }],
      ['closure-request', undefined, REQUEST_ORDER_CLOSURE, {}],
      ['closure-request/approve', undefined, APPROVE_ORDER_CLOSURE, {}],
      ['closure-request/reject', { reason: 'Not done' }, REJECT_ORDER_CLOSURE, { reason: 'Not done' }],
    ])('POST /v1/orders/o-1/%s sends %s %j to ordering and answers 200', async (path, body, type, fields) => {
      bus.answer = async () => ({ status: 'IN_DEVELOPMENT', version: 3 });
      const res = await post(`/v1/orders/o-1/${path}`, body);
      expect([res.status, res.headers.etag]).toEqual([200, '"3"']);
      expectSent(type, { orderId: 'o-1', ...fields });
    });

    it.each([
      ['reject', {}, 'reason'],
      ['reject', { reason: '   ' }, 'reason'],
      ['closure-request/reject', { reason: 'x'.repeat(1001) }, 'reason'],
      ['confirm', { scopes: [] }, 'scopes'],
      ['confirm', { scopes: ['UPLOAD', 'UPLOAD'] }, 'scopes'],
      ['confirm', { scopes: ['ROOT'] }, 'scopes'],
      ['confirm', { scopes: 'UPLOAD' }, 'scopes'],
      ['cancel', { reason: 5 }, 'reason'],
    ])('refuses POST %s with body %j: 400 naming %s', async (path, body, field) => {
      expectInvalid(await post(`/v1/orders/o-1/${path}`, body), field);
    });

    it('answers 404 ORDER_NOT_FOUND for an id that cannot exist, without asking ordering', async () => {
      expectNotFound(await post('/v1/orders/bad%20id/accept'), 'ORDER_NOT_FOUND');
    });
  });

  describe('reading orders', () => {
    it('reads an order as of a time or a version, with its ETag', async () => {
      bus.answer = async () => ({ orderId: 'o-1', status: 'NEW', version: 1 });
      const res = await server().get('/v1/orders/o-1?at=2026-11-01T10:00:00Z&version=1').set('Authorization', caller);
      expect([res.status, res.headers.etag]).toEqual([200, '"1"']);
      expectSent(GET_ORDER, { orderId: 'o-1', at: '2026-11-01T10:00:00Z', version: 1 });
    });

    it.each([
      ['at', 'yesterday'],
      ['version', '0'],
      ['version', 'two'],
    ])('refuses ?%s=%s with 400', async (field, value) => {
      expectInvalid(await server().get(`/v1/orders/o-1?${field}=${value}`).set('Authorization', caller), field);
    });

    it('lists a workspace\'s orders by status with the page size', async () => {
      bus.answer = async () => ({ items: [], nextCursor: null });
      const res = await server().get('/v1/workspaces/ws-1/orders?status=UNDER_APPROVAL&limit=5').set('Authorization', caller);
      expect(res.status).toBe(200);
      expectSent(LIST_WORKSPACE_ORDERS, { workspaceId: 'ws-1', status: 'UNDER_APPROVAL', limit: 5 });
    });

    it('refuses an unknown status filter with 400', async () => {
      expectInvalid(await server().get('/v1/workspaces/ws-1/orders?status=DONE').set('Authorization', caller), 'status');
    });
  });

  describe('authorizations', () => {
    it('lists by mini program, workspace and status', async () => {
      bus.answer = async () => ({ items: [], nextCursor: null });
      await server().get('/v1/authorizations?miniProgramId=mp-1&workspaceId=ws-1&status=ACTIVE').set('Authorization', caller);
      expectSent(LIST_AUTHORIZATIONS, { miniProgramId: 'mp-1', workspaceId: 'ws-1', status: 'ACTIVE', limit: 20 });
    });

    it('changes the scopes with If-Match passed on, and revokes', async () => {
      bus.answer = async () => ({ status: 'ACTIVE', scopes: ['UPLOAD'], version: 2 });
      const res = await server().put('/v1/authorizations/a-1/scopes').set('Authorization', caller).set('If-Match', '"1"').send({ scopes: ['UPLOAD'] });
      expect([res.status, res.headers.etag]).toEqual([200, '"2"']);
      expectSent(CHANGE_AUTHORIZATION_SCOPES, { authorizationId: 'a-1', scopes: ['UPLOAD'] });
      expect(bus.sent[0].message.meta.expectedVersion).toBe(1);
      bus.sent.length = 0;
      await post('/v1/authorizations/a-1/revoke');
      expectSent(REVOKE_AUTHORIZATION, { authorizationId: 'a-1' });
    });

    it('reads the history', async () => {
      bus.answer = async () => ({ items: [] });
      expect((await server().get('/v1/authorizations/a-1/history').set('Authorization', caller)).status).toBe(200);
      expectSent(GET_AUTHORIZATION_HISTORY, { authorizationId: 'a-1' });
    });

    it.each([[{}], [{ scopes: [] }], [{ scopes: ['UPLOAD', 'NOPE'] }]])('refuses scopes %j with 400', async (body) => {
      expectInvalid(await server().put('/v1/authorizations/a-1/scopes').set('Authorization', caller).send(body), 'scopes');
    });

    it.each([['?miniProgramId=a%20b', 'miniProgramId'], ['?status=PAUSED', 'status']])('refuses the filter %s with 400', async (query, field) => {
      expectInvalid(await server().get(`/v1/authorizations${query}`).set('Authorization', caller), field);
    });
  });
});
