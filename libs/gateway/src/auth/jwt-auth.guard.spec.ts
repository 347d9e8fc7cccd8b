import request from 'supertest';
import { signAccessToken } from '@mpp/platform';
import { startTestGateway, TestGateway } from '../testing/test-gateway';

describe('authentication and roles', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.app.close());

  const get = (path: string, authorization?: string) => {
    const req = request(gw.app.getHttpServer()).get(path);
    return authorization === undefined ? req : req.set('Authorization', authorization);
  };

  async function expectUnauthenticated(authorization?: string) {
    const res = await get('/v1/things/t-1', authorization);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    return res;
  }

  it('refuses a request without a token', async () => {
    await expectUnauthenticated();
  });

  it('refuses a malformed Authorization header', async () => {
    await expectUnauthenticated('Basic dXNlcjpwYXNz');
    await expectUnauthenticated('Bearer not a token');
  });

  it('refuses a token with a bad signature', async () => {
    const forged = await signAccessToken('another-secret-of-at-least-32-characters!', { accountId: 'acc-1', roles: [], expiresInSeconds: 600 });
    await expectUnauthenticated(`Bearer ${forged}`);
  });

  it('refuses a garbled token', async () => {
    await expectUnauthenticated('Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.abc');
  });

  it('refuses an expired token and says so', async () => {
    const expired = await gw.token({ issuedAt: new Date(Date.now() - 3_600_000), expiresInSeconds: 60 });
    const res = await expectUnauthenticated(`Bearer ${expired}`);
    expect(res.body.detail).toMatch(/expired/);
  });

  it('accepts a valid token and passes the caller to the service', async () => {
    const token = await gw.token({ accountId: 'acc-42', roles: ['REVIEWER'] });
    const res = await get('/v1/things/t-1', `Bearer ${token}`);

    expect(res.status).toBe(200);
    expect(gw.bus.lastMeta().actor).toEqual({ accountId: 'acc-42', platformRoles: ['REVIEWER'] });
  });

  it('lets anyone call a @Public() route, and still identifies a caller who sends a token', async () => {
    expect((await get('/v1/things/public/ping')).body).toEqual({ pong: true, accountId: null });
    expect((await get('/v1/things/public/ping', 'Bearer garbage')).status).toBe(200);
    const token = await gw.token({ accountId: 'acc-7' });
    expect((await get('/v1/things/public/ping', `Bearer ${token}`)).body).toEqual({ pong: true, accountId: 'acc-7' });
  });

  it('refuses a caller without the role with 403 FORBIDDEN_ROLE', async () => {
    const res = await get('/v1/things/review/queue', `Bearer ${await gw.token({ roles: ['SOMETHING_ELSE'] })}`);

    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'FORBIDDEN_ROLE', status: 403 });
  });

  it('asks for authentication before checking roles', async () => {
    expect((await get('/v1/things/review/queue')).status).toBe(401);
  });

  it('serves a caller with the role', async () => {
    const res = await get('/v1/things/review/queue', `Bearer ${await gw.token({ roles: ['REVIEWER'] })}`);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [], nextCursor: null });
  });
});
