import { deciderSpecification, SPEC_NOW } from '@mpp/eventsourcing/testing';
import { allowedFrom, cidrProblem, UPLOAD_KEY_CREATED, UPLOAD_KEY_REVOKED, uploadKeysDecider, UploadKeysCommand } from './upload-keys.decider';

const spec = deciderSpecification(uploadKeysDecider, { actor: { accountId: 'owner-1', platformRoles: [] } });
const inDays = (days: number) => new Date(SPEC_NOW.getTime() + days * 86_400_000).toISOString();
const create = (keyId: string, over: object = {}): UploadKeysCommand => ({
  type: 'CreateUploadKey',
  miniProgramId: 'mp-1',
  key: { keyId, name: ' CI ', keyHash: `h-${keyId}`, ipAllowlist: ['10.0.0.0/8', '10.0.0.0/8'], allowAnyIp: false, expiresAt: inDays(30), createdBy: 'owner-1', workspaceId: 'm-1', side: 'MERCHANT', ...over },
});

describe('upload keys decider (DOMAIN.md 7)', () => {
  it('records a key by its hash, its name trimmed and each range once; the same key id again changes nothing', () => {
    const created = spec.given().when(create('k1')).events();
    expect(created).toEqual([
      { type: UPLOAD_KEY_CREATED, data: { miniProgramId: 'mp-1', keyId: 'k1', name: 'CI', keyHash: 'h-k1', ipAllowlist: ['10.0.0.0/8'], allowAnyIp: false, expiresAt: inDays(30), createdBy: 'owner-1', workspaceId: 'm-1', side: 'MERCHANT', at: SPEC_NOW.toISOString(), by: 'owner-1' } },
    ]);
    spec.given(created).when(create('k1')).then([]);
  });

  it('keeps at most 5 active: revoked and expired keys leave room', () => {
    const five = ['a', 'b', 'c', 'd', 'e'].flatMap((id) => spec.given().when(create(id)).decided());
    spec.given(five).when(create('f')).thenRefuses('TOO_MANY_UPLOAD_KEYS', 'rule_violation');
    const revoked = [...five, { type: UPLOAD_KEY_REVOKED, data: { keyId: 'a', at: SPEC_NOW.toISOString() } }] as const;
    expect(spec.given([...revoked]).when(create('f')).decided()).toHaveLength(1);
    const expired = spec.given().when(create('old', { expiresAt: inDays(1) })).decided();
    const later = { now: new Date(SPEC_NOW.getTime() + 2 * 86_400_000) };
    const withExpired = [...expired, ...['b', 'c', 'd', 'e'].flatMap((id) => spec.given().when(create(id)).decided())];
    expect(spec.given(withExpired).when(create('f', { expiresAt: inDays(30) }), later).decided()).toHaveLength(1);
  });

  it('refuses an empty allowlist without allowAnyIp, bad ranges, a past or far expiry', () => {
    spec.given().when(create('k', { ipAllowlist: [] })).thenRefuses('VALIDATION_FAILED');
    expect(spec.given().when(create('k', { ipAllowlist: [], allowAnyIp: true })).decided()).toHaveLength(1);
    spec.given().when(create('k', { ipAllowlist: ['10.0.0.0/33'] })).thenRefuses('VALIDATION_FAILED');
    spec.given().when(create('k', { expiresAt: inDays(0) })).thenRefuses('VALIDATION_FAILED');
    spec.given().when(create('k', { expiresAt: inDays(367) })).thenRefuses('VALIDATION_FAILED');
    spec.given().when(create('k', { name: '  ' })).thenRefuses('VALIDATION_FAILED');
  });

  it("lets the merchant revoke any key and an ISV only its own; a revoked key stays revoked", () => {
    const isvKey = spec.given().when(create('k1', { side: 'ISV', workspaceId: 'i-1' })).events();
    spec.given(isvKey).when({ type: 'RevokeUploadKey', keyId: 'k1', side: 'ISV', workspaceId: 'i-2' }).thenRefuses('UPLOAD_KEY_NOT_FOUND', 'not_found');
    const revoked = spec.given(isvKey).when({ type: 'RevokeUploadKey', keyId: 'k1', side: 'MERCHANT', workspaceId: 'm-1' }).events();
    expect(revoked.at(-1)).toEqual({ type: UPLOAD_KEY_REVOKED, data: { keyId: 'k1', at: SPEC_NOW.toISOString(), by: 'owner-1' } });
    spec.given(revoked).when({ type: 'RevokeUploadKey', keyId: 'k1', side: 'ISV', workspaceId: 'i-1' }).then([]);
    spec.given().when({ type: 'RevokeUploadKey', keyId: 'constructor', side: 'MERCHANT', workspaceId: 'm-1' }).thenRefuses('UPLOAD_KEY_NOT_FOUND');
  });
});

describe('upload key allowlists', () => {
  it('matches addresses in CIDRs and single addresses, IPv4 inside IPv6 as IPv4, and nothing else', () => {
    expect(allowedFrom('10.1.2.3', ['10.0.0.0/8'])).toBe(true);
    expect(allowedFrom('::ffff:10.1.2.3', ['10.0.0.0/8'])).toBe(true);
    expect(allowedFrom('10.1.2.3', ['::ffff:10.0.0.0/104'])).toBe(true);
    expect(allowedFrom('192.0.2.5', ['192.0.2.5'])).toBe(true);
    expect(allowedFrom('192.0.2.6', ['192.0.2.5'])).toBe(false);
    expect(allowedFrom('2001:db8::5', ['2001:db8::/32', '10.0.0.0/8'])).toBe(true);
    expect(allowedFrom('2001:db9::5', ['2001:db8::/32'])).toBe(false);
    expect(allowedFrom('11.0.0.1', ['10.0.0.0/8'])).toBe(false);
    expect(allowedFrom('garbage', ['0.0.0.0/0'])).toBe(false);
    expect(cidrProblem('10.0.0.0/8')).toBeUndefined();
    expect(cidrProblem('10.0.0.0/40')).toMatch(/not an address or a CIDR/);
  });
});
