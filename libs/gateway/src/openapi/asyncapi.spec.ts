import request from 'supertest';
import { startTestGateway, TestGateway } from '../testing/test-gateway';

describe('AsyncAPI document route', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.app.close());

  it('serves the AsyncAPI 3 document of the Kafka topics at /docs/asyncapi.json, without a token', async () => {
    const res = await request(gw.app.getHttpServer()).get('/docs/asyncapi.json');

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual(expect.objectContaining({ asyncapi: '3.0.0', info: expect.objectContaining({ version: '0.0.1-test' }) }));
    expect(res.body.channels['ordering.events'].messages).toHaveProperty(['ordering.OrderPlaced']);
  });
});
