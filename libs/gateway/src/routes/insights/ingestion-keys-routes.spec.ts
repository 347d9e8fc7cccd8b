import { ISSUE_INGESTION_KEY, REVOKE_INGESTION_KEY } from '@mpp/contracts';
import { routesHarness } from '../../testing/routes-harness';

// The ingestion key routes (API.md "Statistics") on the gateway conventions, talking to a scripted bus.

describe('ingestion key routes', () => {
  const { bus, server, token, expectSent, expectNotFound } = routesHarness('insights');
  let operator: string;
  let reviewer: string;
  let member: string;
  beforeAll(async () => {
    operator = await token('op-1', ['OPERATOR']);
    reviewer = await token('rev-1', ['REVIEWER']);
    member = await token('acc-1', []);
  });

  it('POST by a platform operator sends the host app and answers 201 with the key, shown once', async () => {
    const issued = { keyId: 'k-1', hostApp: 'GCASH', key: 'mpp_ik_secret' };
    bus.answer = async () => issued;
    const res = await server().post('/v1/host-apps/GCASH/ingestion-keys').set('Authorization', operator);
    expect([res.status, res.body]).toEqual([201, issued]);
    expectSent(ISSUE_INGESTION_KEY, { hostApp: 'GCASH' }, 'op-1');
  });

  it('DELETE by a platform operator sends the key and answers 204', async () => {
    bus.answer = async () => undefined;
    const res = await server().delete('/v1/host-apps/GCASH/ingestion-keys/k-1').set('Authorization', operator);
    expect([res.status, res.text]).toEqual([204, '']);
    expectSent(REVOKE_INGESTION_KEY, { hostApp: 'GCASH', keyId: 'k-1' }, 'op-1');
  });

  it.each([
    ['a reviewer', () => reviewer],
    ['a workspace member', () => member],
  ])('%s gets 403 FORBIDDEN_ROLE on both, nothing sent', async (_who, caller) => {
    for (const res of [await server().post('/v1/host-apps/GCASH/ingestion-keys').set('Authorization', caller()), await server().delete('/v1/host-apps/GCASH/ingestion-keys/k-1').set('Authorization', caller())]) {
      expect([res.status, res.body.code]).toEqual([403, 'FORBIDDEN_ROLE']);
    }
    expect(bus.sent).toHaveLength(0);
  });

  it('answers 401 without a token and 404 for a host app or key id that cannot exist', async () => {
    expect((await server().post('/v1/host-apps/GCASH/ingestion-keys')).status).toBe(401);
    expectNotFound(await server().post('/v1/host-apps/gcash%20pay/ingestion-keys').set('Authorization', operator), 'HOST_APP_UNKNOWN');
    expectNotFound(await server().delete('/v1/host-apps/GCASH/ingestion-keys/no%20such').set('Authorization', operator), 'INGESTION_KEY_NOT_FOUND');
    expect(bus.sent).toHaveLength(0);
  });
});
