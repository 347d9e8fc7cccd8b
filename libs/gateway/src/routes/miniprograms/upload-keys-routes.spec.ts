import { AUTHENTICATE_UPLOAD_KEY, CHECK_UPLOAD, CREATE_UPLOAD_KEY, LIST_UPLOAD_KEYS, REVOKE_UPLOAD_KEY } from '@mpp/contracts';
import { AppError, apiKeyHash } from '@mpp/platform';
import { routesHarness } from '../../testing/routes-harness';

// The upload key routes (API.md Integrations), and an upload key presented on the upload route, talking to a scripted bus.

const KEY = 'mpp_uk_' + 'k'.repeat(43);

describe('upload key routes', () => {
  const { bus, server, token, expectSent, expectInvalid, expectNotFound } = routesHarness('miniprograms');
  let caller: string;
  beforeAll(async () => {
    caller = await token('acc-1', []);
  });

  it('POST sends the key settings and answers 201 with the key; GET lists; DELETE revokes with 204', async () => {
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    bus.answer = async () => ({ keyId: 'k-1', key: KEY });
    const created = await server().post('/v1/mini-programs/mp-1/upload-keys').set('Authorization', caller).send({ name: 'CI', ipAllowlist: ['203.0.113.0/24'], expiresAt });
    expect([created.status, created.body]).toEqual([201, { keyId: 'k-1', key: KEY }]);
    expectSent(CREATE_UPLOAD_KEY, { miniProgramId: 'mp-1', name: 'CI', ipAllowlist: ['203.0.113.0/24'], expiresAt });
    bus.sent.length = 0;
    bus.answer = async () => ({ items: [] });
    expect((await server().get('/v1/mini-programs/mp-1/upload-keys').set('Authorization', caller)).status).toBe(200);
    expectSent(LIST_UPLOAD_KEYS, { miniProgramId: 'mp-1' });
    bus.sent.length = 0;
    bus.answer = async () => undefined;
    expect((await server().delete('/v1/mini-programs/mp-1/upload-keys/k-1').set('Authorization', caller)).status).toBe(204);
    expectSent(REVOKE_UPLOAD_KEY, { miniProgramId: 'mp-1', keyId: 'k-1' });
    bus.sent.length = 0;
    expectNotFound(await server().delete('/v1/mini-programs/mp-1/upload-keys/no%20such').set('Authorization', caller), 'UPLOAD_KEY_NOT_FOUND');
    expectInvalid(await server().post('/v1/mini-programs/mp-1/upload-keys').set('Authorization', caller).send({ name: 'CI', ipAllowlist: 'any', expiresAt }), 'ipAllowlist');
    expectInvalid(await server().post('/v1/mini-programs/mp-1/upload-keys').set('Authorization', caller).send({ name: 'CI', ipAllowlist: [], expiresAt: 'tomorrow' }), 'expiresAt');
  });

  it('takes an upload key on the upload route: its hash, the mini program and the address go to miniprograms, then the upload goes on as its maker', async () => {
    bus.answer = async (_service, message) => {
      if (message.type === AUTHENTICATE_UPLOAD_KEY) return { accountId: 'ci-maker', keyId: 'k-1' };
      throw new AppError('VERSION_EXISTS', 'conflict', 'stop here');
    };
    const res = await server().post('/v1/mini-programs/mp-1/versions').set('Authorization', `Bearer ${KEY}`).field('version', '1.0.0').field('description', 'd').attach('package', Buffer.from('PK'), 'p.zip');
    expect([res.status, res.body.code]).toEqual([409, 'VERSION_EXISTS']);
    expect(bus.sent.map((s) => s.message.type)).toEqual([AUTHENTICATE_UPLOAD_KEY, CHECK_UPLOAD]);
    expect(bus.sent[0].message.payload).toEqual({ keyHash: apiKeyHash(KEY), miniProgramId: 'mp-1', ip: expect.stringMatching(/127\.0\.0\.1|::1/) });
    expect(JSON.stringify(bus.sent)).not.toContain(KEY);
    expect(bus.sent[1].message.meta.actor).toMatchObject({ accountId: 'ci-maker', platformRoles: [] });
  });

  it("answers the key's refusal as it is, and refuses an upload key on any other route with 401", async () => {
    bus.answer = async () => {
      throw AppError.forbidden('IP_NOT_ALLOWED', 'not from here');
    };
    const refused = await server().post('/v1/mini-programs/mp-1/versions').set('Authorization', `Bearer ${KEY}`).field('version', '1.0.0');
    expect([refused.status, refused.body.code]).toEqual([403, 'IP_NOT_ALLOWED']);
    bus.sent.length = 0;
    for (const res of [await server().get('/v1/mini-programs/mp-1').set('Authorization', `Bearer ${KEY}`), await server().post('/v1/mini-programs/mp-1/upload-keys').set('Authorization', `Bearer ${KEY}`).send({})]) {
      expect([res.status, res.body.code]).toEqual([401, 'UNAUTHENTICATED']);
    }
    expect(bus.sent).toHaveLength(0);
  });
});

describe('the address an upload key is checked against', () => {
  const presentedFrom = async (harness: ReturnType<typeof routesHarness>, forwardedFor: string) => {
    harness.bus.sent.length = 0;
    harness.bus.answer = async () => {
      throw AppError.forbidden('IP_NOT_ALLOWED', 'stop here');
    };
    await harness.server().post('/v1/mini-programs/mp-1/versions').set('Authorization', `Bearer ${KEY}`).set('X-Forwarded-For', forwardedFor).field('version', '1.0.0');
    return (harness.bus.sent[0].message.payload as { ip: string }).ip;
  };

  describe('with no trusted proxies (the default)', () => {
    const harness = routesHarness('miniprograms');
    it('is the peer\'s, whatever X-Forwarded-For says', async () => {
      expect(await presentedFrom(harness, '203.0.113.7')).toMatch(/127\.0\.0\.1|::1/);
    });
  });

  describe('behind a trusted proxy (TRUSTED_PROXIES=loopback)', () => {
    const harness = routesHarness('miniprograms', { TRUSTED_PROXIES: 'loopback' });
    it("is X-Forwarded-For's client, the first address no trusted proxy added", async () => {
      expect(await presentedFrom(harness, '203.0.113.7')).toBe('203.0.113.7');
      expect(await presentedFrom(harness, '198.51.100.4, 127.0.0.1')).toBe('198.51.100.4');
    });
  });
});
