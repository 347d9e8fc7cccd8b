import request from 'supertest';
import { startTestGateway, TestGateway } from '../testing/test-gateway';

describe('request validation', () => {
  let gw: TestGateway;
  let auth: string;

  beforeAll(async () => {
    gw = await startTestGateway();
    auth = `Bearer ${await gw.token()}`;
  });
  afterAll(() => gw.app.close());

  const post = (body: object) => request(gw.app.getHttpServer()).post('/v1/things').set('Authorization', auth).send(body);

  it('refuses an unknown field with 400 VALIDATION_FAILED naming it', async () => {
    const res = await post({ name: 'n', color: 'red' });

    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', status: 400, errors: [{ field: 'color', message: 'property color should not exist' }] });
  });

  it('names nested fields by their dotted path', async () => {
    const res = await post({ name: 'n', address: { city: 42, street: 'x' } });

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'address.city', message: 'city must be a string' },
        { field: 'address.street', message: 'property street should not exist' },
      ]),
    );
  });

  it('refuses a missing required field', async () => {
    const res = await post({});

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual(expect.arrayContaining([{ field: 'name', message: 'name must be a string' }]));
  });

  it('refuses a PUT without a body, and validates a POST without one as {}', async () => {
    const sent = gw.bus.sent.length;
    const put = await request(gw.app.getHttpServer()).put('/v1/things/t-1/name').set('Authorization', auth);
    expect(put.status).toBe(400);
    expect(put.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: '(body)', message: 'a JSON body is required' }] });
    const post = await request(gw.app.getHttpServer()).post('/v1/things').set('Authorization', auth);
    expect(post.status).toBe(400);
    expect(post.body.errors).toEqual(expect.arrayContaining([{ field: 'name', message: 'name must be a string' }]));
    expect(gw.bus.sent).toHaveLength(sent);
  });

  it('passes only the whitelisted, validated body to the service', async () => {
    const res = await post({ name: 'lamp', address: { city: 'Lyon' } });

    expect(res.status).toBe(201);
    expect(gw.bus.sent.at(-1)?.message.payload).toEqual({ name: 'lamp', address: { city: 'Lyon' } });
  });
});
