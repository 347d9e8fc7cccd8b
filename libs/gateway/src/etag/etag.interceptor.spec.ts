import request from 'supertest';
import { startTestGateway, TestGateway } from '../testing/test-gateway';

describe('ETag and If-None-Match', () => {
  let gw: TestGateway;
  let auth: string;

  beforeAll(async () => {
    gw = await startTestGateway();
    auth = `Bearer ${await gw.token()}`;
  });
  afterAll(() => gw.app.close());

  const get = () => request(gw.app.getHttpServer()).get('/v1/things/t-1').set('Authorization', auth);

  beforeEach(() => {
    gw.bus.answer = async () => ({ thingId: 't-1', name: 'lamp', version: 3 });
  });

  it('tags a resource with its version', async () => {
    const res = await get();

    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"3"');
    expect(res.body).toEqual({ thingId: 't-1', name: 'lamp', version: 3 });
  });

  it('answers 304 with no body when If-None-Match matches', async () => {
    const res = await get().set('If-None-Match', '"3"');

    expect(res.status).toBe(304);
    expect(res.text ?? '').toBe('');
    expect(res.headers.etag).toBe('"3"');
  });

  it('answers 304 also to a client that sends Cache-Control: no-cache, as fetch() does', async () => {
    const res = await get().set('If-None-Match', '"3"').set('Cache-Control', 'no-cache').set('Pragma', 'no-cache');

    expect(res.status).toBe(304);
  });

  it('answers 304 to If-None-Match: *', async () => {
    expect((await get().set('If-None-Match', '*')).status).toBe(304);
  });

  it('also matches a weak validator or one in a list', async () => {
    expect((await get().set('If-None-Match', 'W/"3"')).status).toBe(304);
    expect((await get().set('If-None-Match', '"1", "3"')).status).toBe(304);
  });

  it('answers 200 with the resource when the client holds an older version', async () => {
    const res = await get().set('If-None-Match', '"2"');

    expect(res.status).toBe(200);
    expect(res.body.version).toBe(3);
  });

  it('sets no ETag on answers without a version', async () => {
    gw.bus.answer = async () => ({ items: [], nextCursor: null });
    const res = await request(gw.app.getHttpServer()).get('/v1/things').set('Authorization', auth);

    expect(res.status).toBe(200);
    expect(res.headers.etag).toBeUndefined();
  });

  it('never answers 304 to a write', async () => {
    gw.bus.answer = async () => ({ thingId: 't-1', version: 3 });
    const res = await request(gw.app.getHttpServer()).put('/v1/things/t-1/name').set('Authorization', auth).set('If-None-Match', '"3"').send({ name: 'x' });

    expect(res.status).toBe(200);
  });

  it('tags the answer of a write with the new version', async () => {
    gw.bus.answer = async () => ({ thingId: 't-1', version: 4 });
    const res = await request(gw.app.getHttpServer()).put('/v1/things/t-1/name').set('Authorization', auth).set('If-Match', '"3"').send({ name: 'x' });

    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"4"');
  });
});
