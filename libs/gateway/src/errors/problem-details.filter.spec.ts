import request from 'supertest';
import { AppError, ERROR_STATUS, ErrorCategory } from '@mpp/platform';
import { startTestGateway, TestGateway } from '../testing/test-gateway';

describe('problem+json answers', () => {
  let gw: TestGateway;
  let auth: string;

  beforeAll(async () => {
    gw = await startTestGateway({ BODY_LIMIT_BYTES: '1024' });
    auth = `Bearer ${await gw.token()}`;
  });
  afterAll(() => gw.app.close());

  const http = () => request(gw.app.getHttpServer());

  it('answers an unknown route with 404 ROUTE_NOT_FOUND in the problem shape', async () => {
    const res = await http().get('/v1/nowhere').set('X-Correlation-Id', 'corr-404');

    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toEqual({
      type: 'urn:mpp:problem:ROUTE_NOT_FOUND',
      title: 'Not Found',
      status: 404,
      detail: 'No route matches GET /v1/nowhere.',
      code: 'ROUTE_NOT_FOUND',
      correlationId: 'corr-404',
    });
  });

  it.each(Object.entries(ERROR_STATUS) as [ErrorCategory, number][])('maps an AppError of category %s to %i', async (category, status) => {
    gw.bus.answer = async () => {
      throw new AppError('THING_REFUSED', category, 'The thing says no.');
    };
    const res = await http().get('/v1/things/t-1').set('Authorization', auth);

    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status, code: 'THING_REFUSED', correlationId: expect.any(String) });
    expect(typeof res.body.detail).toBe('string');
    // Clients back off and come back: every 503 says when.
    expect(res.headers['retry-after']).toBe(status === 503 ? '1' : undefined);
  });

  it('passes field errors of an AppError through', async () => {
    gw.bus.answer = async () => {
      throw AppError.badInput('Not valid.', [{ field: 'name', message: 'name is taken' }], 'NAME_TAKEN');
    };
    const res = await http().get('/v1/things/t-1').set('Authorization', auth);

    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'NAME_TAKEN', detail: 'Not valid.', errors: [{ field: 'name', message: 'name is taken' }] });
  });

  it('answers an unexpected error with a generic 500 and leaks nothing', async () => {
    const res = await http().get('/v1/things/fail/boom').set('Authorization', auth);

    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ status: 500, code: 'INTERNAL_ERROR', title: 'Internal Server Error' });
    expect(res.text).not.toContain('hunter2');
    expect(res.text).not.toMatch(/at .*\.ts:\d+/);
    const logged = gw.logLines().find((line) => line.correlationId === res.body.correlationId && line.msg === 'request failed');
    expect(JSON.stringify(logged)).toContain('hunter2');
  });

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const res = await http().post('/v1/things').set('Authorization', auth).set('Content-Type', 'application/json').send('{"name": ');

    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'MALFORMED_JSON', status: 400 });
  });

  it('answers a body over BODY_LIMIT_BYTES with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await http().post('/v1/things').set('Authorization', auth).send({ name: 'x'.repeat(2048) });

    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413, title: 'Payload Too Large' });
  });

  it('answers a body that is not JSON with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const res = await http().post('/v1/things').set('Authorization', auth).set('Content-Type', 'text/plain').send('name=x');

    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', status: 415 });
  });

  it('accepts application/*+json bodies', async () => {
    const res = await http().post('/v1/things/raw').set('Authorization', auth).set('Content-Type', 'application/merge-patch+json').send('{"a":1}');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ a: 1 });
  });
});
