import request from 'supertest';
import { startTestGateway, TestGateway } from '../testing/test-gateway';

describe('request timeout', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway({ REQUEST_TIMEOUT_MS: '50' });
  });
  afterAll(() => gw.app.close());

  it('answers 503 REQUEST_TIMEOUT when the service takes longer than REQUEST_TIMEOUT_MS', async () => {
    gw.bus.answer = () => new Promise((resolve) => setTimeout(() => resolve({ version: 1 }), 500));
    const res = await request(gw.app.getHttpServer()).get('/v1/things/t-1').set('Authorization', `Bearer ${await gw.token()}`);

    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ code: 'REQUEST_TIMEOUT', status: 503 });
  });
});
