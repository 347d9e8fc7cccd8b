import request from 'supertest';
import { parseIdempotencyKey, parseIfMatch } from './request-meta';
import { startTestGateway, TestGateway } from '../testing/test-gateway';

describe('If-Match', () => {
  it.each([
    ['"3"', 3],
    ['W/"3"', 3],
    ['3', 3],
    ['"0"', 0],
    [' "12" ', 12],
  ])('reads %s as version %i', (header, version) => {
    expect(parseIfMatch(header)).toBe(version);
  });

  it.each([['*'], ['"abc"'], ['"3", "4"'], ['-1'], ['"3'], ['W/3'], ['']])('refuses %j with INVALID_IF_MATCH', (header) => {
    expect(() => parseIfMatch(header)).toThrow(expect.objectContaining({ code: 'INVALID_IF_MATCH', category: 'bad_input' }));
  });

  it('is absent when the header is', () => {
    expect(parseIfMatch(undefined)).toBeUndefined();
  });
});

describe('Idempotency-Key', () => {
  it('accepts 1 to 200 visible ASCII characters', () => {
    expect(parseIdempotencyKey('k')).toBe('k');
    expect(parseIdempotencyKey('0f8fad5b-d9cb-469f-a165-70867728950e')).toBe('0f8fad5b-d9cb-469f-a165-70867728950e');
    expect(parseIdempotencyKey('~'.repeat(200))).toBe('~'.repeat(200));
  });

  it.each([[''], ['a'.repeat(201)], ['has space'], ['tab\tkey'], ['clé']])('refuses %j with INVALID_IDEMPOTENCY_KEY', (key) => {
    expect(() => parseIdempotencyKey(key)).toThrow(expect.objectContaining({ code: 'INVALID_IDEMPOTENCY_KEY', category: 'bad_input' }));
  });
});

describe('RequestMeta sent to the service', () => {
  let gw: TestGateway;
  let auth: string;

  beforeAll(async () => {
    gw = await startTestGateway();
    auth = `Bearer ${await gw.token({ accountId: 'acc-9', roles: ['REVIEWER'] })}`;
  });
  afterAll(() => gw.app.close());

  const rename = () => request(gw.app.getHttpServer()).put('/v1/things/t-1/name').set('Authorization', auth).send({ name: 'new' });

  it('carries correlationId, actor, commandId and expectedVersion', async () => {
    const res = await rename().set('X-Correlation-Id', 'corr-1').set('Idempotency-Key', 'key-1').set('If-Match', 'W/"7"');

    expect(res.status).toBe(200);
    expect(gw.bus.lastMeta()).toEqual({
      correlationId: 'corr-1',
      actor: { accountId: 'acc-9', platformRoles: ['REVIEWER'] },
      commandId: 'key-1',
      expectedVersion: 7,
    });
  });

  it('leaves commandId and expectedVersion out when the client sent neither', async () => {
    await rename();

    expect(gw.bus.lastMeta()).not.toHaveProperty('commandId');
    expect(gw.bus.lastMeta()).not.toHaveProperty('expectedVersion');
  });

  it('answers a bad Idempotency-Key with 400 INVALID_IDEMPOTENCY_KEY and sends nothing', async () => {
    const before = gw.bus.sent.length;
    const res = await rename().set('Idempotency-Key', 'x'.repeat(201));

    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'INVALID_IDEMPOTENCY_KEY', status: 400 });
    expect(gw.bus.sent.length).toBe(before);
  });

  it('answers a bad If-Match with 400 INVALID_IF_MATCH', async () => {
    const res = await rename().set('If-Match', '"v7"');

    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'INVALID_IF_MATCH', status: 400 });
  });
});
