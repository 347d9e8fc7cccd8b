import { randomUUID } from 'node:crypto';
import { ApiClient } from '../api-client';

type Problem = { code?: string };
type IssuedKey = { keyId: string; hostApp: string; key: string };
const refusal = (response: { status: number; body: Problem }) => [response.status, response.body.code];

/**
 * A platform operator issues a host app's ingestion key and revokes it (DOMAIN.md 6, API.md Statistics): the key
 * answered once (never kept for an Idempotency-Key replay: a retry issues another), only operators, only listed
 * host apps, a key revoked once under its own host app.
 */
export async function ingestionKeysJourney(api: ApiClient, operator: ApiClient, notOperator: ApiClient) {
  const issue = () => operator.call<IssuedKey>('POST', '/v1/host-apps/GCASH/ingestion-keys', { headers: { 'idempotency-key': 'same-key-twice' } });
  const issued = await issue();
  expect(issued.status).toBe(201);
  expect(issued.body).toEqual({ keyId: expect.stringMatching(/^[0-9a-f-]{36}$/), hostApp: 'GCASH', key: expect.stringMatching(/^mpp_ik_[A-Za-z0-9_-]{43}$/) });
  const other = await issue();
  expect([other.status, other.body.keyId === issued.body.keyId, other.body.key === issued.body.key]).toEqual([201, false, false]);

  expect(refusal(await notOperator.call<Problem>('POST', '/v1/host-apps/GCASH/ingestion-keys'))).toEqual([403, 'FORBIDDEN_ROLE']);
  expect((await api.call('POST', '/v1/host-apps/GCASH/ingestion-keys')).status).toBe(401);
  expect(refusal(await operator.call<Problem>('POST', '/v1/host-apps/NOT_AN_APP/ingestion-keys'))).toEqual([404, 'HOST_APP_UNKNOWN']);

  const path = `/v1/host-apps/GCASH/ingestion-keys/${issued.body.keyId}` as const;
  expect(refusal(await operator.call<Problem>('DELETE', `/v1/host-apps/DANA/ingestion-keys/${issued.body.keyId}`))).toEqual([404, 'INGESTION_KEY_NOT_FOUND']);
  expect(refusal(await notOperator.call<Problem>('DELETE', path))).toEqual([403, 'FORBIDDEN_ROLE']);
  expect((await operator.call('DELETE', path)).status).toBe(204);
  expect((await operator.call('DELETE', path)).status).toBe(204);
  expect(refusal(await operator.call<Problem>('DELETE', `/v1/host-apps/GCASH/ingestion-keys/${randomUUID()}`))).toEqual([404, 'INGESTION_KEY_NOT_FOUND']);
  return { revoked: issued.body, active: other.body };
}
