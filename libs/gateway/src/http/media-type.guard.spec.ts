import request from 'supertest';
import { testGatewayHarness } from '../testing/test-gateway';

// Each route reads the media types it declares (JSON unless @Accepts says otherwise) and refuses any other body.

describe('request body media types', () => {
  const { gw, auth, http } = testGatewayHarness();
  const expectUnsupported = (res: request.Response) => {
    expect(res.status).toBe(415);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(gw().bus.sent).toHaveLength(0);
  };

  it.each([['image/png'], ['image/jpeg'], ['multipart/form-data; boundary=x'], ['text/plain'], ['application/x-www-form-urlencoded']])(
    'refuses a %s body on a JSON route with 415, never reading it as no body',
    async (type) => {
      expectUnsupported(await http().put('/v1/things/t-1/name').set('Authorization', auth()).set('Content-Type', type).send(Buffer.from('name=x')));
    },
  );

  it('refuses a body without a Content-Type with 415', async () => {
    const res = await http().post('/v1/things').set('Authorization', auth()).serialize((body) => body).send(Buffer.from('{"name":"x"}'));
    expectUnsupported(res);
  });

  it('refuses a body on a route that reads none, when it is not JSON', async () => {
    expectUnsupported(await http().get('/v1/things/t-1').set('Authorization', auth()).set('Content-Type', 'image/png').send(Buffer.from('x')));
  });

  it('lets a route declare what it reads instead of JSON, and refuses JSON there', async () => {
    expect((await http().put('/v1/things/t-1/picture').set('Authorization', auth()).set('Content-Type', 'image/png').send(Buffer.from('png'))).status).toBe(204);
    expectUnsupported(await http().put('/v1/things/t-1/picture').set('Authorization', auth()).send({ name: 'x' }));
  });

  it('takes an empty body of any type for no body: a JSON route that needs one answers 400, not 415', async () => {
    const res = await http().put('/v1/things/t-1/name').set('Authorization', auth()).set('Content-Type', 'image/png').send(Buffer.alloc(0));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: '(body)', message: 'a JSON body is required' }] });
  });

  it('documents what a route reads, and 415 on every operation that takes a body', async () => {
    const doc = (await http().get('/docs/openapi.json')).body;
    expect(Object.keys(doc.paths['/v1/things/{id}/picture'].put.requestBody.content)).toEqual(['image/png']);
    expect(Object.keys(doc.paths['/v1/things'].post.requestBody.content)).toEqual(['application/json']);
    expect(doc.paths['/v1/things/{id}/picture'].put.responses['415'].content['application/problem+json']).toBeDefined();
    expect(doc.paths['/v1/things'].post.responses['415']).toBeDefined();
    expect(doc.paths['/v1/things'].get.responses['415']).toBeUndefined();
  });
});
