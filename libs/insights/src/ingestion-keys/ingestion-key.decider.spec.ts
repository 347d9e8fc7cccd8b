import { deciderSpecification, SPEC_NOW } from '@mpp/eventsourcing/testing';
import { INGESTION_KEY_ISSUED, INGESTION_KEY_REVOKED, ingestionKeyDecider, ingestionKeyHash, newIngestionKey } from './ingestion-key.decider';

const operator = { actor: { accountId: 'op-1', platformRoles: ['OPERATOR'] } };
const spec = deciderSpecification(ingestionKeyDecider, operator);
const key = newIngestionKey();
const issue = { type: 'IssueIngestionKey', keyId: 'k1', hostApp: 'GCASH', keyHash: ingestionKeyHash(key) } as const;
const issued = spec.given().when(issue).events();

describe('ingestion key decider (DOMAIN.md 6)', () => {
  it('issues a key for a host app to an operator, keeping only its hash', () => {
    expect(issued).toEqual([{ type: INGESTION_KEY_ISSUED, data: { keyId: 'k1', hostApp: 'GCASH', keyHash: ingestionKeyHash(key), by: 'op-1', at: SPEC_NOW.toISOString() } }]);
    expect(JSON.stringify(issued)).not.toContain(key);
    expect(key).toMatch(/^mpp_ik_[A-Za-z0-9_-]{43}$/);
    expect(newIngestionKey()).not.toBe(key);
    spec.given(issued).when(issue).then([]);
  });

  it('refuses anyone but an operator, and a host app the platform does not list', () => {
    spec.given().when(issue, { actor: { accountId: 'u1', platformRoles: ['REVIEWER'] } }).thenRefuses('FORBIDDEN_ROLE', 'forbidden');
    spec.given().when(issue, { actor: undefined }).thenRefuses('FORBIDDEN_ROLE', 'forbidden');
    spec.given().when({ ...issue, hostApp: 'NOT_AN_APP' }).thenRefuses('HOST_APP_UNKNOWN', 'not_found');
  });

  it('revokes a key once under its own host app; another host app or an unknown key is not found', () => {
    spec.given(issued).when({ type: 'RevokeIngestionKey', hostApp: 'GCASH' }).then([{ type: INGESTION_KEY_REVOKED, data: { keyId: 'k1', hostApp: 'GCASH', by: 'op-1', at: SPEC_NOW.toISOString() } }]);
    const revoked = spec.given(issued).when({ type: 'RevokeIngestionKey', hostApp: 'GCASH' }).events();
    spec.given(revoked).when({ type: 'RevokeIngestionKey', hostApp: 'GCASH' }).then([]);
    spec.given(issued).when({ type: 'RevokeIngestionKey', hostApp: 'DANA' }).thenRefuses('INGESTION_KEY_NOT_FOUND', 'not_found');
    spec.given().when({ type: 'RevokeIngestionKey', hostApp: 'GCASH' }).thenRefuses('INGESTION_KEY_NOT_FOUND', 'not_found');
  });
});
