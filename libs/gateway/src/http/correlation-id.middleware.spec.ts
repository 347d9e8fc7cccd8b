import request from 'supertest';
import { startTestGateway, TestGateway } from '../testing/test-gateway';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('correlation ids', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.app.close());

  const ping = () => request(gw.app.getHttpServer()).get('/v1/things/public/ping');

  it('echoes the client X-Correlation-Id', async () => {
    const res = await ping().set('X-Correlation-Id', 'client-corr-1');

    expect(res.headers['x-correlation-id']).toBe('client-corr-1');
  });

  it('takes X-Request-Id when there is no X-Correlation-Id', async () => {
    const res = await ping().set('X-Request-Id', 'req-77');

    expect(res.headers['x-correlation-id']).toBe('req-77');
  });

  it('generates a UUID when the client sent none', async () => {
    const res = await ping();

    expect(res.headers['x-correlation-id']).toMatch(UUID);
  });

  it('replaces an ill-formed id with a generated one', async () => {
    const res = await ping().set('X-Correlation-Id', 'bad id with spaces {}');

    expect(res.headers['x-correlation-id']).toMatch(UUID);
  });

  it('puts the id in problem answers, and in the request log line with credentials redacted', async () => {
    const res = await request(gw.app.getHttpServer())
      .get('/v1/things/t-1')
      .set('X-Correlation-Id', 'corr-log-1')
      .set('Authorization', 'Bearer secret-token-value')
      .set('Cookie', 'session=secret-cookie-value');

    expect(res.status).toBe(401);
    expect(res.body.correlationId).toBe('corr-log-1');
    const line = gw.logLines().find((entry) => entry.correlationId === 'corr-log-1' && entry.msg === 'request completed');
    expect(line).toBeDefined();
    expect(JSON.stringify(line)).not.toContain('secret-token-value');
    expect(JSON.stringify(line)).not.toContain('secret-cookie-value');
    expect(line).toMatchObject({ req: { headers: { authorization: '[redacted]', cookie: '[redacted]' } } });
  });
});
