import { EXPEDITE_VERSION, GET_REVIEW_QUOTA, SET_REVIEW_QUOTA } from '@mpp/contracts';
import { AppError } from '@mpp/platform';
import { routesHarness } from '../../testing/routes-harness';

// The review quota and expedite routes on the gateway conventions, talking to a scripted bus.

describe('review quota routes', () => {
  const { bus, server, token, expectSent, expectInvalid, expectNotFound } = routesHarness('miniprograms');
  let member: string;
  let operator: string;
  let reviewer: string;
  beforeAll(async () => {
    member = await token('acc-1', []);
    operator = await token('op-1', ['OPERATOR']);
    reviewer = await token('rev-1', ['REVIEWER']);
  });
  const quota = { workspaceId: 'ws-1', month: '2026-11', limit: 2, used: 1, remaining: 1, expedite: { limit: 3, used: 0, remaining: 3 } };

  it('GET sends the workspace and answers its quota', async () => {
    bus.answer = async () => quota;
    const res = await server().get('/v1/workspaces/ws-1/review-quota').set('Authorization', member);
    expect([res.status, res.body]).toEqual([200, quota]);
    expectSent(GET_REVIEW_QUOTA, { workspaceId: 'ws-1' });
  });

  it('PUT by a platform operator sends the limit and answers 200 with the quota', async () => {
    bus.answer = async () => quota;
    const res = await server().put('/v1/workspaces/ws-1/review-quota').set('Authorization', operator).send({ limit: 2 });
    expect([res.status, res.body]).toEqual([200, quota]);
    expectSent(SET_REVIEW_QUOTA, { workspaceId: 'ws-1', limit: 2 }, 'op-1');
  });

  it.each([
    ['a workspace member', () => member],
    ['a reviewer', () => reviewer],
  ])('PUT by %s is 403 FORBIDDEN_ROLE, nothing sent', async (_who, caller) => {
    const res = await server().put('/v1/workspaces/ws-1/review-quota').set('Authorization', caller()).send({ limit: 2 });
    expect([res.status, res.body.code]).toEqual([403, 'FORBIDDEN_ROLE']);
    expect(bus.sent).toHaveLength(0);
  });

  it.each([[{}], [{ limit: -1 }], [{ limit: 100_001 }], [{ limit: 1.5 }], [{ limit: '5' }], [{ limit: 5, extra: true }]])('PUT refuses %j with 400', async (body) => {
    const res = await server().put('/v1/workspaces/ws-1/review-quota').set('Authorization', operator).send(body);
    expect(res.status).toBe(400);
    expect(bus.sent).toHaveLength(0);
  });

  it('PUT names the limit when it is out of range', async () => {
    expectInvalid(await server().put('/v1/workspaces/ws-1/review-quota').set('Authorization', operator).send({ limit: 100_001 }), 'limit');
  });

  it('answers 404 for a workspace id that cannot exist', async () => {
    expectNotFound(await server().get('/v1/workspaces/no%20such/review-quota').set('Authorization', member), 'WORKSPACE_NOT_FOUND');
  });

  it('POST expedite sends the version and answers 200 {expedited: true}', async () => {
    bus.answer = async () => ({ expedited: true });
    const res = await server().post('/v1/mini-programs/mp-1/versions/1.0.0/expedite').set('Authorization', member);
    expect([res.status, res.body]).toEqual([200, { expedited: true }]);
    expectSent(EXPEDITE_VERSION, { miniProgramId: 'mp-1', version: '1.0.0' });
  });

  it('passes on the 429 of a used-up quota as problem+json', async () => {
    bus.answer = async () => {
      throw AppError.rateLimited('EXPEDITE_QUOTA_EXHAUSTED', 'used up');
    };
    const res = await server().post('/v1/mini-programs/mp-1/versions/1.0.0/expedite').set('Authorization', member);
    expect([res.status, res.body.code]).toEqual([429, 'EXPEDITE_QUOTA_EXHAUSTED']);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('documents the routes in the OpenAPI document', async () => {
    const doc = (await server().get('/docs/openapi.json')).body;
    expect(doc.paths['/v1/workspaces/{id}/review-quota'].put.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/SetReviewQuotaRequest' });
    expect(doc.components.schemas.SetReviewQuotaRequest.properties.limit).toMatchObject({ minimum: 0, maximum: 100_000 });
    expect(doc.paths['/v1/workspaces/{id}/review-quota'].get.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ReviewQuotaResponse' });
    expect(doc.components.schemas.ReviewQuotaResponse.required).toEqual(expect.arrayContaining(['month', 'limit', 'used', 'remaining', 'expedite']));
    expect(doc.paths['/v1/mini-programs/{id}/versions/{version}/expedite'].post.responses['200']).toBeDefined();
  });

  it('answers 401 without a token', async () => {
    expect((await server().get('/v1/workspaces/ws-1/review-quota')).status).toBe(401);
    expect((await server().post('/v1/mini-programs/mp-1/versions/1.0.0/expedite')).status).toBe(401);
  });
});
