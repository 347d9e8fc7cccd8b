import { testGatewayHarness } from '../testing/test-gateway';

describe('query strings', () => {
  const { gw, auth, http } = testGatewayHarness();
  beforeEach(() => {
    gw().bus.answer = async () => ({ items: [], nextCursor: null });
  });

  const list = (query: string) => http().get(`/v1/things?${query}`).set('Authorization', auth());

  it.each([
    ['a value', 'cursor=a%00b', 'cursor'],
    ['a repeated value', 'cursor=a&cursor=%00', 'cursor.1'],
    ['a name', 'cur%00sor=x', 'cur\0sor'],
  ])('refuses NUL in %s with 400 MALFORMED_TEXT naming the parameter', async (_case, query, field) => {
    const res = await list(query);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'MALFORMED_TEXT', errors: [{ field, message: expect.any(String) }] });
    expect(gw().bus.sent).toHaveLength(0);
  });

  it.each([
    ['a percent-encoded lone surrogate', 'q=x%ED%A0%80y', 'q'],
    ['bytes that are not UTF-8', 'limit=5&cursor=%FF', 'cursor'],
    ['a stray %', 'cursor=50%', 'cursor'],
  ])('refuses %s with 400 MALFORMED_TEXT, never reading it as U+FFFD', async (_case, query, field) => {
    const res = await list(query);
    expect([res.status, res.body.code, res.body.errors]).toEqual([400, 'MALFORMED_TEXT', [{ field, message: 'must be percent-encoded UTF-8' }]]);
    expect(gw().bus.sent).toHaveLength(0);
  });

  it('takes percent-encoded UTF-8 and + as a space', async () => {
    const res = await list('cursor=caf%C3%A9+%F0%9F%98%80');
    expect(res.status).toBe(200);
    expect(gw().bus.sent[0].message.payload).toMatchObject({ cursor: 'café 😀' });
  });

  it('answers a path id that does not decode (a lone surrogate) with 400 BAD_REQUEST', async () => {
    const undecodable = await http().get('/v1/things/a%ED%A0%80').set('Authorization', auth());
    expect([undecodable.status, undecodable.body.code]).toEqual([400, 'BAD_REQUEST']);
    expect(gw().bus.sent).toHaveLength(0);
  });
});
