import request from 'supertest';
import { startTestGateway, TestGateway } from '../testing/test-gateway';

describe('health probes', () => {
  let ready = true;
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway({}, [
      { name: 'requestBus', check: async () => undefined },
      {
        name: 'catalog',
        check: async () => {
          if (!ready) throw new Error('no reply from catalog');
        },
      },
    ]);
  });
  afterAll(() => gw.app.close());

  const get = (path: string) => request(gw.app.getHttpServer()).get(path);

  it('answers /health/live with 200 without a token', async () => {
    const res = await get('/health/live');

    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
  });

  it('answers /health/ready with 200 when every check passes', async () => {
    ready = true;
    const res = await get('/health/ready');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', checks: { requestBus: { status: 'up' }, catalog: { status: 'up' } } });
  });

  it('answers /health/ready with 503 naming the failed check', async () => {
    ready = false;
    const res = await get('/health/ready');

    expect(res.status).toBe(503);
    expect(res.body).toEqual({
      status: 'error',
      checks: { requestBus: { status: 'up' }, catalog: { status: 'down', error: 'no reply from catalog' } },
    });
    // Nest's Logger inside a request writes through pino with the request's correlation id.
    const warning = gw.logLines().find((line) => line.msg === 'not ready');
    expect(warning).toMatchObject({ context: 'HealthController', correlationId: res.headers['x-correlation-id'] });
  });

  it('keeps /health/live at 200 while not ready', async () => {
    ready = false;
    expect((await get('/health/live')).status).toBe(200);
  });
});
