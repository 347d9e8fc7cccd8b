import request from 'supertest';
import { testGatewayHarness } from '../testing/test-gateway';
import { MAX_INPUT_DEPTH } from './parsed-input';

// The JSON body parser over HTTP: what it refuses before any route, pipe or validator sees the body.

describe('JSON bodies', () => {
  const { gw, auth, http } = testGatewayHarness();

  const post = (json: string, path = '/v1/things') => http().post(path).set('Authorization', auth()).set('Content-Type', 'application/json').send(json);
  const expectProblem = (res: request.Response, code: string) => {
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe(code);
    expect(gw().bus.sent).toHaveLength(0);
  };

  it.each([
    ['objects', '{"a":'.repeat(5000) + '1' + '}'.repeat(5000)],
    ['arrays', '['.repeat(5000) + ']'.repeat(5000)],
  ])('refuses 5,000 levels of %s with 400 JSON_TOO_DEEP', async (_kind, json) => {
    expectProblem(await post(json), 'JSON_TOO_DEEP');
  });

  it('reads a body nested MAX_INPUT_DEPTH levels deep', async () => {
    const json = '{"a":'.repeat(MAX_INPUT_DEPTH - 1) + '[]' + '}'.repeat(MAX_INPUT_DEPTH - 1);
    const res = await post(json, '/v1/things/raw');
    expect(res.status).toBe(200);
    expectProblem(await post(`[${json}]`, '/v1/things/raw'), 'JSON_TOO_DEEP');
  });

  it.each([
    ['a lone surrogate', '{"name":"a\\ud800b"}', 'name'],
    ['NUL', '{"name":"n","address":{"city":"Ly\\u0000on"}}', 'address.city'],
    ['a lone surrogate in a name', '{"name":"n","\\udfff":1}', '\udfff'],
  ])('refuses %s with 400 MALFORMED_TEXT naming the field', async (_case, json, field) => {
    const res = await post(json);
    expectProblem(res, 'MALFORMED_TEXT');
    expect(res.body.errors).toEqual([{ field, message: expect.any(String) }]);
  });

  it('reads bytes that are not UTF-8 as U+FFFD, which is well-formed text', async () => {
    const bytes = Buffer.concat([Buffer.from('{"a":"x'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]);
    const res = await http().post('/v1/things/raw').set('Authorization', auth()).type('json').serialize((body) => body).send(bytes);
    expect([res.status, res.body]).toEqual([200, { a: 'x\ufffd\ufffd\ufffd' }]);
  });

  it('takes an empty JSON body for no body at all, never for {}', async () => {
    const res = await post('', '/v1/things/raw');
    expect([res.status, res.text]).toEqual([200, '']);
  });
});
