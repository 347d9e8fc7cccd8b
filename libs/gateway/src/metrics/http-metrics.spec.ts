import request from 'supertest';
import { startTestGateway, TestGateway } from '../testing/test-gateway';

describe('/metrics', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.app.close());

  const scrape = async () => {
    const res = await request(gw.app.getHttpServer()).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text;
  };

  it('serves the process metrics in Prometheus text format without a token', async () => {
    const text = await scrape();

    expect(text).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(text).toContain('# TYPE nodejs_heap_size_used_bytes gauge');
  });

  it('counts requests by method, route pattern and status', async () => {
    const auth = `Bearer ${await gw.token()}`;
    await request(gw.app.getHttpServer()).get('/v1/things/t-123').set('Authorization', auth);
    await request(gw.app.getHttpServer()).get('/v1/things/t-456');
    await request(gw.app.getHttpServer()).get('/no/such/path/42');

    const text = await scrape();

    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(text).toContain('http_request_duration_seconds_count{method="GET",route="/v1/things/:id",status="200"} 1');
    expect(text).toContain('http_request_duration_seconds_count{method="GET",route="/v1/things/:id",status="401"} 1');
    expect(text).toContain('http_request_duration_seconds_count{method="GET",route="unmatched",status="404"} 1');
    expect(text).not.toContain('t-123');
  });
});
