import {
  APPROVE_SERVICE,
  ARCHIVE_SERVICE,
  CREATE_SERVICE,
  EDIT_SERVICE,
  GET_MARKET_SERVICE,
  GET_SERVICE,
  GET_SERVICE_HISTORY,
  HOST_APPS,
  INDUSTRIES,
  LIST_SERVICES_FOR_REVIEW,
  LIST_WORKSPACE_SERVICES,
  REJECT_SERVICE,
  SEARCH_MARKET,
  SUBMIT_SERVICE,
  WITHDRAW_SERVICE,
} from '@mpp/contracts';
import { AppError } from '@mpp/platform';
import { BAD_REASONS, routesHarness } from '../../testing/routes-harness';

// The real route module on the gateway conventions, talking to a scripted bus.

describe('catalog routes', () => {
  const { bus, server, token, lastSent, expectSent, expectInvalid, expectNotFound, expectReviewersOnly } = routesHarness('catalog');
  let isv: string;
  let reviewer: string;
  beforeAll(async () => {
    isv = await token('acc-1', []);
    reviewer = await token('rev-1', ['REVIEWER']);
  });

  const service = {
    name: 'Mini program starter kit',
    industry: 'RETAIL',
    type: 'MINI_PROGRAM_DEVELOPMENT',
    description: 'We build and launch your mini program in four weeks.',
    images: ['https://cdn.acme.example/kit-1.png', 'https://cdn.acme.example/kit-2.png'],
    applicableApps: ['GCASH', 'DANA'],
    payment: { model: 'FIXED', amount: 4990.5, currency: 'USD' },
    companyInfo: 'Acme builds mini programs.',
    details: 'Design, development, testing, release.',
    tutorial: 'Order, authorize, review.',
    successStory: 'Acme Coffee: 1M users.',
  };
  const view = { ...service, serviceId: 'svc-1', isvWorkspaceId: 'ws-1', status: 'DRAFT', createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z', version: 4 };
  const page = { items: [{ serviceId: 'svc-1' }], nextCursor: 'c2' };

  describe('POST /v1/workspaces/:id/services', () => {
    const create = (body: object, workspaceId = 'ws-1') => server().post(`/v1/workspaces/${workspaceId}/services`).set('Authorization', isv).send(body);

    it('creates through catalog as the caller and answers 201 {serviceId, status, version}', async () => {
      bus.answer = async () => ({ serviceId: 'svc-1', status: 'DRAFT', version: 1 });

      const res = await create(service);

      expect(res.status).toBe(201);
      expect(res.body).toEqual({ serviceId: 'svc-1', status: 'DRAFT', version: 1 });
      expectSent(CREATE_SERVICE, { ...service, workspaceId: 'ws-1' });
    });

    it('leaves the optional fields out', async () => {
      const { companyInfo: _c, details: _d, tutorial: _t, successStory: _s, ...required } = service;

      const res = await create({ ...required, type: 'MINI_PROGRAM_TEMPLATE', payment: { model: 'QUOTE' }, images: ['https://a.example/1.png'], applicableApps: ['ALIPAY_CN'] });

      expect(res.status).toBe(201);
      expect(lastSent().message.payload).toEqual({
        ...required,
        type: 'MINI_PROGRAM_TEMPLATE',
        payment: { model: 'QUOTE' },
        images: ['https://a.example/1.png'],
        applicableApps: ['ALIPAY_CN'],
        workspaceId: 'ws-1',
      });
    });

    it('passes a template service\'s templateId on, and leaves whether the type needs one to catalog', async () => {
      const res = await create({ ...service, type: 'MINI_PROGRAM_TEMPLATE', templateId: 'tpl-1' });

      expect(res.status).toBe(201);
      expectSent(CREATE_SERVICE, { ...service, type: 'MINI_PROGRAM_TEMPLATE', templateId: 'tpl-1', workspaceId: 'ws-1' });
      bus.answer = async () => {
        throw AppError.badInput('the service is not valid', [{ field: 'templateId', message: 'required for a MINI_PROGRAM_TEMPLATE service' }]);
      };
      const missing = await create({ ...service, type: 'MINI_PROGRAM_TEMPLATE' });
      expect([missing.status, missing.body.code, missing.body.errors]).toEqual([400, 'VALIDATION_FAILED', [{ field: 'templateId', message: 'required for a MINI_PROGRAM_TEMPLATE service' }]]);
      bus.answer = async () => {
        throw AppError.rule('TEMPLATE_NOT_FOUND', 'templateId is not one of this ISV workspace\'s templates');
      };
      const foreign = await create({ ...service, type: 'MINI_PROGRAM_TEMPLATE', templateId: 'tpl-of-another-isv' });
      expect([foreign.status, foreign.body.code]).toEqual([422, 'TEMPLATE_NOT_FOUND']);
    });

    it('accepts 5 images, every host app and the longest texts', async () => {
      const res = await create({
        ...service,
        name: 'n'.repeat(80),
        description: 'd'.repeat(2000),
        images: Array.from({ length: 5 }, (_, i) => `https://cdn.acme.example/${i}.png`),
        applicableApps: HOST_APPS.map((a) => a.id),
        companyInfo: 'c'.repeat(2000),
        details: 'x'.repeat(5000),
        payment: { model: 'FIXED', amount: 1e9, currency: 'JPY' },
      });

      expect(res.status).toBe(201);
    });

    it.each([
      ['name', 'missing', { name: undefined }],
      ['name', 'blank', { name: '   ' }],
      ['name', 'of 81 characters', { name: 'n'.repeat(81) }],
      ['industry', 'not in the list', { industry: 'MINING' }],
      ['industry', 'in lower case', { industry: 'retail' }],
      ['type', 'not a service type', { type: 'CONSULTING' }],
      ['description', 'empty', { description: '' }],
      ['description', 'of 2001 characters', { description: 'd'.repeat(2001) }],
      ['images', 'empty', { images: [] }],
      ['images', '6 images', { images: Array.from({ length: 6 }, (_, i) => `https://cdn.acme.example/${i}.png`) }],
      ['images', 'an http URL', { images: ['http://cdn.acme.example/1.png'] }],
      ['images', 'not a URL', { images: ['kit.png'] }],
      ['images', 'a URL of 501 characters', { images: [`https://cdn.acme.example/${'a'.repeat(476)}`] }],
      ['images', 'a string', { images: 'https://cdn.acme.example/1.png' }],
      ['applicableApps', 'empty', { applicableApps: [] }],
      ['applicableApps', 'missing', { applicableApps: undefined }],
      ['applicableApps', 'an unknown app', { applicableApps: ['GCASH', 'WECHAT'] }],
      ['applicableApps', 'repeated', { applicableApps: ['GCASH', 'GCASH'] }],
      ['payment', 'missing', { payment: undefined }],
      ['payment', 'a string', { payment: 'FREE' }],
      ['payment.model', 'unknown', { payment: { model: 'AUCTION' } }],
      ['payment.amount', 'zero', { payment: { model: 'FIXED', amount: 0, currency: 'USD' } }],
      ['payment.amount', 'negative', { payment: { model: 'FIXED', amount: -5, currency: 'USD' } }],
      ['payment.amount', 'above 1e9', { payment: { model: 'FIXED', amount: 1e9 + 1, currency: 'USD' } }],
      ['payment.amount', 'a string', { payment: { model: 'FIXED', amount: '10', currency: 'USD' } }],
      ['payment.currency', 'not in the list', { payment: { model: 'FIXED', amount: 10, currency: 'XYZ' } }],
      ['payment.currency', 'in lower case', { payment: { model: 'FIXED', amount: 10, currency: 'usd' } }],
      ['payment.discount', 'an unknown payment field', { payment: { model: 'FREE', discount: 5 } }],
      ['companyInfo', 'of 2001 characters', { companyInfo: 'c'.repeat(2001) }],
      ['companyInfo', 'null', { companyInfo: null }],
      ['details', 'of 5001 characters', { details: 'x'.repeat(5001) }],
      ['tutorial', 'of 5001 characters', { tutorial: 'x'.repeat(5001) }],
      ['successStory', 'of 5001 characters', { successStory: 'x'.repeat(5001) }],
      ['status', 'an unknown field', { status: 'ONLINE' }],
      ['workspaceId', 'an unknown field', { workspaceId: 'ws-2' }],
      ['templateId', 'not an id', { templateId: 'tpl/../1' }],
      ['templateId', 'a number', { templateId: 42 }],
      ['templateId', 'null', { templateId: null }],
      ['templateId', 'empty', { templateId: '' }],
    ])('refuses a %s that is %s', async (field, _case, change) => {
      expectInvalid(await create({ ...service, ...change }), field);
    });

    it('says what an image must be', async () => {
      const res = await create({ ...service, images: ['http://cdn.acme.example/1.png'] });

      expect(res.body.errors).toEqual([{ field: 'images', message: 'each image must be an https URL' }]);
    });

    it('leaves "amount and currency only with FIXED" to catalog', async () => {
      bus.answer = async () => {
        throw AppError.badInput('the service is not valid', [{ field: 'payment', message: 'amount and currency go only with FIXED' }]);
      };

      const res = await create({ ...service, payment: { model: 'FREE', amount: 10, currency: 'USD' } });

      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'payment', message: 'amount and currency go only with FIXED' }]);
      expect(lastSent().message.payload).toMatchObject({ payment: { model: 'FREE', amount: 10, currency: 'USD' } });
    });

    it('passes on 403 and 409 from catalog', async () => {
      bus.answer = async () => {
        throw AppError.forbidden('MERCHANTS_CANNOT_CREATE_SERVICES', 'only ISV workspaces offer services');
      };
      const forbidden = await create(service);
      expect(forbidden.status).toBe(403);
      expect(forbidden.body.code).toBe('MERCHANTS_CANNOT_CREATE_SERVICES');

      bus.answer = async () => {
        throw AppError.conflict('SERVICE_NAME_TAKEN', 'the ISV has a service of that name');
      };
      const conflict = await create(service);
      expect(conflict.status).toBe(409);
      expect(conflict.body.code).toBe('SERVICE_NAME_TAKEN');
    });

    it('needs a token', async () => {
      const res = await server().post('/v1/workspaces/ws-1/services').send(service);

      expect(res.status).toBe(401);
      expect(bus.sent).toHaveLength(0);
    });

    it('answers a bad workspace id with 404 WORKSPACE_NOT_FOUND', async () => {
      expectNotFound(await create(service, 'ws.1'), 'WORKSPACE_NOT_FOUND');
    });
  });

  describe('GET /v1/workspaces/:id/services', () => {
    it('lists the workspace\'s services with the default page size', async () => {
      bus.answer = async () => page;

      const res = await server().get('/v1/workspaces/ws-1/services').set('Authorization', isv);

      expect(res.status).toBe(200);
      expect(res.body).toEqual(page);
      expectSent(LIST_WORKSPACE_SERVICES, { workspaceId: 'ws-1', limit: 20 });
    });

    it('passes status, limit and cursor', async () => {
      await server().get('/v1/workspaces/ws-1/services?status=TURNED_DOWN&limit=5&cursor=c1').set('Authorization', isv);

      expectSent(LIST_WORKSPACE_SERVICES, { workspaceId: 'ws-1', limit: 5, cursor: 'c1', status: 'TURNED_DOWN' });
    });

    it('refuses an unknown status and a bad limit', async () => {
      expectInvalid(await server().get('/v1/workspaces/ws-1/services?status=REJECTED').set('Authorization', isv), 'status');
      expectInvalid(await server().get('/v1/workspaces/ws-1/services?limit=101').set('Authorization', isv), 'limit');
    });

    it('answers a bad workspace id with 404', async () => {
      expectNotFound(await server().get('/v1/workspaces/ws%201/services').set('Authorization', isv), 'WORKSPACE_NOT_FOUND');
    });
  });

  describe('GET /v1/services/:id', () => {
    it('answers the service with its version as ETag', async () => {
      bus.answer = async () => view;

      const res = await server().get('/v1/services/svc-1').set('Authorization', isv);

      expect(res.status).toBe(200);
      expect(res.body).toEqual(view);
      expect(res.headers.etag).toBe('"4"');
      expectSent(GET_SERVICE, { serviceId: 'svc-1' });
    });

    it('answers 304 when If-None-Match names the version', async () => {
      bus.answer = async () => view;

      const res = await server().get('/v1/services/svc-1').set('Authorization', isv).set('If-None-Match', '"4"');

      expect(res.status).toBe(304);
    });

    it.each([['svc_1'], ['svc%201'], ['a'.repeat(65)]])('answers 404 SERVICE_NOT_FOUND for the id %s without asking catalog', async (id) => {
      expectNotFound(await server().get(`/v1/services/${id}`).set('Authorization', isv), 'SERVICE_NOT_FOUND');
    });

    it('passes on 404 from catalog', async () => {
      bus.answer = async () => {
        throw AppError.notFound('SERVICE_NOT_FOUND', 'no such service');
      };

      const res = await server().get('/v1/services/svc-9').set('Authorization', isv);

      expect(res.status).toBe(404);
      expect(res.body.code).toBe('SERVICE_NOT_FOUND');
    });

    it('needs a token', async () => {
      expect((await server().get('/v1/services/svc-1')).status).toBe(401);
      expect(bus.sent).toHaveLength(0);
    });
  });

  describe('PATCH /v1/services/:id', () => {
    const patch = (body: object, id = 'svc-1') => server().patch(`/v1/services/${id}`).set('Authorization', isv).send(body);

    it('sends only the fields to change and answers 200 with the service', async () => {
      bus.answer = async () => ({ ...view, name: 'Kit 2', version: 5 });

      const res = await patch({ name: 'Kit 2', payment: { model: 'QUOTE' } });

      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ...view, name: 'Kit 2', version: 5 });
      expect(res.headers.etag).toBe('"5"');
      expectSent(EDIT_SERVICE, { serviceId: 'svc-1', changes: { name: 'Kit 2', payment: { model: 'QUOTE' } } });
      expect(Object.keys(lastSent().message.payload as object)).toEqual(['serviceId', 'changes']);
      expect(Object.keys((lastSent().message.payload as { changes: object }).changes)).toEqual(['name', 'payment']);
    });

    it('accepts every field', async () => {
      const res = await patch(service);

      expect(res.status).toBe(200);
      expectSent(EDIT_SERVICE, { serviceId: 'svc-1', changes: service });
    });

    it('passes a new templateId on', async () => {
      await patch({ templateId: 'tpl-2' });

      expectSent(EDIT_SERVICE, { serviceId: 'svc-1', changes: { templateId: 'tpl-2' } });
    });

    it('lets an optional text be emptied with ""', async () => {
      await patch({ successStory: '' });

      expectSent(EDIT_SERVICE, { serviceId: 'svc-1', changes: { successStory: '' } });
    });

    it('passes If-Match to catalog as the expected version', async () => {
      await patch({ description: 'Now in three weeks.' }).set('If-Match', '"4"');

      expect(bus.lastMeta().expectedVersion).toBe(4);
    });

    it('sends no expected version without If-Match', async () => {
      await patch({ description: 'Now in three weeks.' });

      expect(bus.lastMeta().expectedVersion).toBeUndefined();
    });

    it('refuses a malformed If-Match', async () => {
      const res = await patch({ name: 'Kit 2' }).set('If-Match', 'version four');

      expect(res.status).toBe(400);
      expect(res.body.code).toBe('INVALID_IF_MATCH');
      expect(bus.sent).toHaveLength(0);
    });

    it('passes on 412 STALE_VERSION from catalog', async () => {
      bus.answer = async () => {
        throw new AppError('STALE_VERSION', 'precondition_failed', 'the resource is at version 4, not 3');
      };

      const res = await patch({ name: 'Kit 2' }).set('If-Match', '"3"');

      expect(res.status).toBe(412);
      expect(res.body.code).toBe('STALE_VERSION');
    });

    it('refuses an empty body', async () => {
      const res = await patch({});

      expectInvalid(res, '(body)');
      expect(res.body.errors).toEqual([{ field: '(body)', message: 'send at least one field to change' }]);
      expectInvalid(await server().patch('/v1/services/svc-1').set('Authorization', isv), '(body)');
    });

    it.each([
      ['name', 'null', { name: null }],
      ['name', 'blank', { name: ' ' }],
      ['industry', 'not in the list', { industry: 'MINING' }],
      ['type', 'null', { type: null }],
      ['images', '6 images', { images: Array.from({ length: 6 }, (_, i) => `https://cdn.acme.example/${i}.png`) }],
      ['images', 'an http URL', { images: ['http://cdn.acme.example/1.png'] }],
      ['applicableApps', 'empty', { applicableApps: [] }],
      ['payment', 'null', { payment: null }],
      ['payment.model', 'missing', { payment: { amount: 10, currency: 'USD' } }],
      ['payment.currency', 'not in the list', { payment: { model: 'FIXED', amount: 10, currency: 'BTC' } }],
      ['details', 'of 5001 characters', { details: 'x'.repeat(5001) }],
      ['serviceId', 'an unknown field', { serviceId: 'svc-2' }],
      ['version', 'an unknown field', { name: 'Kit 2', version: 3 }],
    ])('refuses a %s that is %s', async (field, _case, body) => {
      expectInvalid(await patch(body), field);
    });

    it('answers a bad id with 404', async () => {
      expectNotFound(await patch({ name: 'Kit 2' }, 'svc!1'), 'SERVICE_NOT_FOUND');
    });
  });

  describe('POST /v1/services/:id/submit, /withdraw, /archive', () => {
    it.each([
      ['submit', SUBMIT_SERVICE, 'PENDING_REVIEW'],
      ['withdraw', WITHDRAW_SERVICE, 'WITHDRAWN'],
      ['archive', ARCHIVE_SERVICE, 'ARCHIVED'],
    ])('%s sends %s and answers 200 {status, version}', async (action, type, status) => {
      bus.answer = async () => ({ status, version: 6 });

      const res = await server().post(`/v1/services/svc-1/${action}`).set('Authorization', isv).set('If-Match', '5');

      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status, version: 6 });
      expect(res.headers.etag).toBe('"6"');
      expectSent(type, { serviceId: 'svc-1' });
      expect(bus.lastMeta().expectedVersion).toBe(5);
    });

    it('passes on 422 from catalog', async () => {
      bus.answer = async () => {
        throw AppError.rule('SERVICE_NOT_ONLINE', 'only an ONLINE service can be archived');
      };

      const res = await server().post('/v1/services/svc-1/archive').set('Authorization', isv);

      expect(res.status).toBe(422);
      expect(res.body.code).toBe('SERVICE_NOT_ONLINE');
    });

    it('answers a bad id with 404 and needs a token', async () => {
      expectNotFound(await server().post('/v1/services/svc%2F1/submit').set('Authorization', isv), 'SERVICE_NOT_FOUND');
      expect((await server().post('/v1/services/svc-1/submit')).status).toBe(401);
      expect(bus.sent).toHaveLength(0);
    });
  });

  describe('GET /v1/services/:id/history', () => {
    it('answers catalog\'s history, oldest first', async () => {
      const history = {
        items: [
          { type: 'ServiceCreated', status: 'DRAFT', actor: 'acc-1', at: '2025-01-01T00:00:00.000Z' },
          { type: 'ServiceRejected', status: 'TURNED_DOWN', actor: 'rev-1', at: '2025-01-02T00:00:00.000Z', reason: 'Add screenshots' },
        ],
      };
      bus.answer = async () => history;

      const res = await server().get('/v1/services/svc-1/history').set('Authorization', isv);

      expect(res.status).toBe(200);
      expect(res.body).toEqual(history);
      expectSent(GET_SERVICE_HISTORY, { serviceId: 'svc-1' });
    });

    it('answers a bad id with 404', async () => {
      expectNotFound(await server().get('/v1/services/svc*1/history').set('Authorization', isv), 'SERVICE_NOT_FOUND');
    });
  });

  describe('/v1/review/services', () => {
    it('lists services of a status for a reviewer', async () => {
      bus.answer = async () => page;

      const res = await server().get('/v1/review/services?status=PENDING_REVIEW&limit=10&cursor=c1').set('Authorization', reviewer);

      expect(res.status).toBe(200);
      expect(res.body).toEqual(page);
      expectSent(LIST_SERVICES_FOR_REVIEW, { status: 'PENDING_REVIEW', limit: 10, cursor: 'c1' }, 'rev-1');
    });

    it('lists every status without a filter', async () => {
      await server().get('/v1/review/services').set('Authorization', reviewer);

      expectSent(LIST_SERVICES_FOR_REVIEW, { limit: 20 }, 'rev-1');
    });

    it('refuses an unknown status', async () => {
      expectInvalid(await server().get('/v1/review/services?status=UNDER_REVIEW').set('Authorization', reviewer), 'status');
    });

    it('approves and answers 200 {status}', async () => {
      bus.answer = async () => ({ status: 'ONLINE' });

      const res = await server().post('/v1/review/services/svc-1/approve').set('Authorization', reviewer);

      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ONLINE' });
      expectSent(APPROVE_SERVICE, { serviceId: 'svc-1' }, 'rev-1');
    });

    it('rejects with the reason and answers 200 {status}', async () => {
      bus.answer = async () => ({ status: 'TURNED_DOWN' });

      const res = await server().post('/v1/review/services/svc-1/reject').set('Authorization', reviewer).send({ reason: 'Add screenshots' });

      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'TURNED_DOWN' });
      expectSent(REJECT_SERVICE, { serviceId: 'svc-1', reason: 'Add screenshots' }, 'rev-1');
    });

    it.each(BAD_REASONS)('refuses a reason that is %s', async (_case, body) => {
      expectInvalid(await server().post('/v1/review/services/svc-1/reject').set('Authorization', reviewer).send(body), 'reason');
    });

    it('passes on 422 from catalog', async () => {
      bus.answer = async () => {
        throw AppError.rule('SERVICE_NOT_UNDER_REVIEW', 'the service is not under review');
      };

      const res = await server().post('/v1/review/services/svc-1/approve').set('Authorization', reviewer);

      expect(res.status).toBe(422);
      expect(res.body.code).toBe('SERVICE_NOT_UNDER_REVIEW');
    });

    it.each([
      ['get', '/v1/review/services'],
      ['post', '/v1/review/services/svc-1/approve'],
      ['post', '/v1/review/services/svc-1/reject'],
    ] as const)('%s %s: 403 FORBIDDEN_ROLE for a non-reviewer, 401 without a token', (method, path) => expectReviewersOnly(method, path, isv));

    it('answers a bad id with 404', async () => {
      expectNotFound(await server().post('/v1/review/services/svc$1/approve').set('Authorization', reviewer), 'SERVICE_NOT_FOUND');
    });
  });

  describe('GET /v1/market/services', () => {
    const search = (query: string) => server().get(`/v1/market/services${query}`).set('Authorization', isv);

    it('searches with every filter', async () => {
      bus.answer = async () => page;

      const res = await search('?industry=FINANCE&type=MINI_PROGRAM_TEMPLATE&app=KAKAOPAY&q=coffee%20shop&limit=30&cursor=c1');

      expect(res.status).toBe(200);
      expect(res.body).toEqual(page);
      expectSent(SEARCH_MARKET, { industry: 'FINANCE', type: 'MINI_PROGRAM_TEMPLATE', app: 'KAKAOPAY', q: 'coffee shop', limit: 30, cursor: 'c1' });
    });

    it('searches everything with the default page size', async () => {
      await search('');

      expectSent(SEARCH_MARKET, { limit: 20 });
    });

    it.each([
      ['industry', 'not in the list', '?industry=MINING'],
      ['industry', 'empty', '?industry='],
      ['industry', 'given twice', '?industry=RETAIL&industry=TRAVEL'],
      ['type', 'in lower case', '?type=mini_program_template'],
      ['app', 'not a host app', '?app=WECHAT'],
      ['q', 'empty', '?q='],
      ['q', 'blank', '?q=%20%20'],
      ['q', 'of 101 characters', `?q=${'q'.repeat(101)}`],
      ['limit', '0', '?limit=0'],
      ['cursor', 'of 501 characters', `?cursor=${'c'.repeat(501)}`],
      ['sort', 'an unknown filter', '?sort=name'],
    ])('refuses a %s that is %s', async (field, _case, query) => {
      expectInvalid(await search(query), field);
    });

    it('needs a token', async () => {
      expect((await server().get('/v1/market/services')).status).toBe(401);
      expect(bus.sent).toHaveLength(0);
    });
  });

  describe('GET /v1/market/services/:id', () => {
    it('answers the detail with the ISV\'s public information', async () => {
      const detail = { ...service, serviceId: 'svc-1', isvWorkspaceId: 'ws-1', isv: { workspaceId: 'ws-1', name: 'Acme Ltd', logoUrl: '/v1/workspaces/ws-1/logo' } };
      bus.answer = async () => detail;

      const res = await server().get('/v1/market/services/svc-1').set('Authorization', isv);

      expect(res.status).toBe(200);
      expect(res.body).toEqual(detail);
      expectSent(GET_MARKET_SERVICE, { serviceId: 'svc-1' });
    });

    it('answers a bad id with 404 and needs a token', async () => {
      expectNotFound(await server().get('/v1/market/services/svc%3C1').set('Authorization', isv), 'SERVICE_NOT_FOUND');
      expect((await server().get('/v1/market/services/svc-1')).status).toBe(401);
      expect(bus.sent).toHaveLength(0);
    });
  });

  describe('reference lists', () => {
    it.each([
      ['/v1/industries', INDUSTRIES],
      ['/v1/host-apps', HOST_APPS],
    ])('%s answers the whole fixed list to anyone, without asking a service', async (path, list) => {
      const res = await server().get(path);

      expect(res.status).toBe(200);
      expect(res.body).toEqual({ items: list.map(({ id, name }) => ({ id, name })) });
      expect(res.body.items).toHaveLength(list.length);
      expect(res.headers['cache-control']).toMatch(/^public/);
      expect(bus.sent).toHaveLength(0);
    });

    it('still answers with a token', async () => {
      const res = await server().get('/v1/host-apps').set('Authorization', isv);

      expect(res.status).toBe(200);
      expect(res.body.items.map((a: { id: string }) => a.id)).toContain('GCASH');
    });
  });

  describe('OpenAPI', () => {
    it('documents the routes under Catalog and Service Market, the lists as public and the body rules', async () => {
      const doc = (await server().get('/docs/openapi.json')).body;

      expect(doc.paths['/v1/workspaces/{id}/services'].post.tags).toEqual(['Catalog']);
      expect(doc.paths['/v1/services/{id}'].patch.tags).toEqual(['Catalog']);
      expect(doc.paths['/v1/review/services/{id}/reject'].post.tags).toEqual(['Catalog']);
      expect(doc.paths['/v1/market/services'].get.tags).toEqual(['Service Market']);
      expect(doc.paths['/v1/industries'].get.security).toEqual([{}]);
      expect(doc.paths['/v1/host-apps'].get.security).toEqual([{}]);
      const create = doc.components.schemas.CreateServiceRequest;
      expect(create.required).toEqual(expect.arrayContaining(['name', 'industry', 'type', 'description', 'images', 'applicableApps', 'payment']));
      expect(create.required).not.toContain('details');
      expect(create.properties.images).toMatchObject({ maxItems: 5, minItems: 1 });
      expect(create.properties.industry.enum).toEqual(INDUSTRIES.map((i) => i.id));
      expect(doc.components.schemas.UpdateServiceRequest.required ?? []).toEqual([]);
      expect(doc.components.schemas.ServiceResponse.properties.version).toBeDefined();
      // A template service's template, in what is sent and in every answer that shows the service.
      expect(create.required).not.toContain('templateId');
      expect(create.properties.templateId).toMatchObject({ type: 'string', pattern: expect.any(String) });
      expect(doc.components.schemas.UpdateServiceRequest.properties.templateId).toBeDefined();
      for (const shown of ['ServiceResponse', 'ServiceContentResponse', 'MarketServiceResponse', 'MarketServiceDetailResponse']) {
        expect(doc.components.schemas[shown].properties.templateId).toMatchObject({ type: 'string' });
      }
      expect(doc.paths['/v1/market/services'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
        expect.arrayContaining(['industry', 'type', 'app', 'q', 'limit', 'cursor']),
      );
    });
  });
});
