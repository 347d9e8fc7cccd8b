import request from 'supertest';
import { startTestGateway, TestGateway } from '../testing/test-gateway';

describe('cursor lists', () => {
  let gw: TestGateway;
  let auth: string;

  beforeAll(async () => {
    gw = await startTestGateway();
    auth = `Bearer ${await gw.token()}`;
    gw.bus.answer = async (_service, message) => ({ items: [{ thingId: 't-1', name: 'lamp', version: 2 }], nextCursor: 'c2', query: message.payload });
  });
  afterAll(() => gw.app.close());

  const list = (query: string) => request(gw.app.getHttpServer()).get(`/v1/things${query}`).set('Authorization', auth);

  it('defaults limit to 20 and answers {items, nextCursor}', async () => {
    const res = await list('');

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ items: [{ thingId: 't-1' }], nextCursor: 'c2' });
    expect(gw.bus.sent.at(-1)?.message.payload).toEqual({ limit: 20 });
  });

  it('passes limit as a number and the cursor as given', async () => {
    await list('?limit=100&cursor=abc');

    expect(gw.bus.sent.at(-1)?.message.payload).toEqual({ limit: 100, cursor: 'abc' });
  });

  it.each([['0'], ['101'], ['2.5'], ['ten']])('refuses limit=%s', async (limit) => {
    const res = await list(`?limit=${limit}`);

    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors[0].field).toBe('limit');
  });

  it('refuses a cursor longer than 500 characters', async () => {
    const res = await list(`?cursor=${'c'.repeat(501)}`);

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'cursor', message: 'cursor must be shorter than or equal to 500 characters' }]);
  });
});
