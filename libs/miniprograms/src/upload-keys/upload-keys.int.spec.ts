import { AUTHENTICATE_UPLOAD_KEY, AuthorizationScope, CREATE_UPLOAD_KEY, CreatedUploadKey, LIST_UPLOAD_KEYS, REVOKE_UPLOAD_KEY, UploadKeyView } from '@mpp/contracts';
import { apiKeyHash } from '@mpp/platform';
import { RunningService } from '@mpp/runtime';
import { eventually } from '@mpp/testing';
import { accepted, authorizationEvent, createMiniProgram, errorCode, isv, isvOperator, isvWorkspace, merchant, merchantWorkspace, miniProgramProjected, Miniprograms, otherIsv, otherIsvWorkspace, request, seedWorkspaces, startMiniprograms } from '../testing';

// Upload keys through the real service on PostgreSQL (DOMAIN.md 7): who makes them, at most 5 active, and what the
// gateway is answered when a CI presents one: allowed and refused addresses, another mini program, revoked, expired,
// and an ISV's key after its authorization ends.

const merchantDev = { accountId: 'merchant-dev', platformRoles: [] };
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe('miniprograms: upload keys (PostgreSQL)', () => {
  let world: Miniprograms;
  let service: RunningService;
  let miniProgramId: string;
  let otherProgramId: string;

  const grant = (type: 'AuthorizationGranted' | 'AuthorizationRevoked', scopes: AuthorizationScope[], status: 'ACTIVE' | 'REVOKED' = 'ACTIVE') =>
    service.inbox.receive([authorizationEvent(type, { authorizationId: 'a-keys', miniProgramId, merchantWorkspaceId: 'm-1', isvWorkspaceId: 'i-1', scopes, status })]);
  const create = (actor: typeof merchant, fields: object = {}, programId = miniProgramId) =>
    accepted<CreatedUploadKey>(service, CREATE_UPLOAD_KEY, { miniProgramId: programId, name: 'CI', ipAllowlist: ['203.0.113.0/24', '2001:db8::/32'], expiresAt: inDays(30), ...fields }, merchant === actor ? merchant : actor);
  /** What the gateway is answered for a presented key: the account it uploads as, or the refusal's code. */
  const present = async (key: string, ip: string, programId = miniProgramId) => {
    const reply = await request(service, AUTHENTICATE_UPLOAD_KEY, { keyHash: apiKeyHash(key), miniProgramId: programId, ip }, merchant);
    return reply.ok ? (reply.result as { accountId: string }).accountId : reply.error.code;
  };
  /** Waits until the key can be looked up by its hash (the upload-keys projection). */
  const usable = (key: string) => eventually(async () => ((await present(key, '203.0.113.9')) === 'UPLOAD_KEY_INVALID' ? undefined : true), 10_000, 'the key projected');

  beforeAll(async () => {
    world = await startMiniprograms('miniprograms_upload_keys');
    ({ service } = world);
    await seedWorkspaces(service, world.sql, [{ ...merchantWorkspace, members: [{ accountId: merchantDev.accountId, role: 'DEVELOPER' }] }, { ...isvWorkspace, members: [{ accountId: isvOperator.accountId, role: 'OPERATOR' }] }, otherIsvWorkspace]);
    miniProgramId = await createMiniProgram(service, merchant, 'm-1', 'Keyed cafe');
    otherProgramId = await createMiniProgram(service, merchant, 'm-1', 'Other cafe');
    await miniProgramProjected(world.sql, otherProgramId);
  });
  afterAll(() => world.stop());

  it("answers a key from its allowlist's addresses as the account that made it, and refuses other addresses and mini programs", async () => {
    const { key, keyId } = await create(merchant);
    expect(key).toMatch(/^mpp_uk_[A-Za-z0-9_-]{43}$/);
    await usable(key);
    expect(await present(key, '203.0.113.77')).toBe(merchant.accountId);
    expect(await present(key, '::ffff:203.0.113.5')).toBe(merchant.accountId);
    expect(await present(key, '2001:db8::1')).toBe(merchant.accountId);
    expect(await present(key, '198.51.100.1')).toBe('IP_NOT_ALLOWED');
    expect(await present(key, '127.0.0.1')).toBe('IP_NOT_ALLOWED');
    expect(await present(key, 'not-an-address')).toBe('IP_NOT_ALLOWED');
    expect(await present(key, '203.0.113.77', otherProgramId)).toBe('KEY_NOT_FOR_MINI_PROGRAM');
    expect(await present(`${key}x`, '203.0.113.77')).toBe('UPLOAD_KEY_INVALID');
    const [listed] = (await accepted<{ items: UploadKeyView[] }>(service, LIST_UPLOAD_KEYS, { miniProgramId }, merchant)).items.filter((k) => k.keyId === keyId);
    expect(listed).toMatchObject({ keyId, name: 'CI', status: 'ACTIVE', lastUsedIp: '2001:db8::1', workspaceId: 'm-1' });
    expect(JSON.stringify(listed)).not.toContain(key.slice(7));

    await accepted(service, REVOKE_UPLOAD_KEY, { miniProgramId, keyId }, merchant);
    await eventually(async () => ((await present(key, '203.0.113.77')) === 'UPLOAD_KEY_INVALID' ? true : undefined), 10_000, 'the revoke projected');
    expect((await accepted<{ items: UploadKeyView[] }>(service, LIST_UPLOAD_KEYS, { miniProgramId }, merchant)).items.find((k) => k.keyId === keyId)?.status).toBe('REVOKED');
    await accepted(service, REVOKE_UPLOAD_KEY, { miniProgramId, keyId }, merchant);
  });

  it('lets anywhere-keys through from any address, and a key that has expired nowhere', async () => {
    const anywhere = await create(merchant, { ipAllowlist: [], allowAnyIp: true });
    await usable(anywhere.key);
    expect(await present(anywhere.key, '198.51.100.1')).toBe(merchant.accountId);
    const soon = await create(merchant, { expiresAt: new Date(Date.now() + 3_000).toISOString(), allowAnyIp: true });
    await usable(soon.key);
    await eventually(async () => ((await present(soon.key, '198.51.100.1')) === 'UPLOAD_KEY_INVALID' ? true : undefined), 10_000, 'the key expired');
    expect((await accepted<{ items: UploadKeyView[] }>(service, LIST_UPLOAD_KEYS, { miniProgramId }, merchant)).items.find((k) => k.keyId === soon.keyId)?.status).toBe('EXPIRED');
    for (const key of [anywhere, soon]) await accepted(service, REVOKE_UPLOAD_KEY, { miniProgramId, keyId: key.keyId }, merchant);
  });

  it("lets an ISV with UPLOAD make keys that die with its authorization; others make none, and an ISV sees only its own", async () => {
    expect(await errorCode(service, CREATE_UPLOAD_KEY, { miniProgramId, name: 'CI', ipAllowlist: [], allowAnyIp: true, expiresAt: inDays(1) }, isv)).toBe('MINI_PROGRAM_NOT_FOUND');
    await grant('AuthorizationGranted', ['UPLOAD']);
    const isvKey = await eventually(async () => {
      const reply = await request(service, CREATE_UPLOAD_KEY, { miniProgramId, name: 'ISV CI', ipAllowlist: [], allowAnyIp: true, expiresAt: inDays(1) }, isv);
      return reply.ok ? (reply.result as CreatedUploadKey) : undefined;
    }, 10_000, 'the authorization known');
    await usable(isvKey.key);
    expect(await present(isvKey.key, '198.51.100.1')).toBe(isv.accountId);
    const isvList = (await accepted<{ items: UploadKeyView[] }>(service, LIST_UPLOAD_KEYS, { miniProgramId }, isv)).items;
    expect(isvList.map((k) => k.workspaceId)).toEqual(['i-1']);
    expect(await errorCode(service, CREATE_UPLOAD_KEY, { miniProgramId, name: 'x', ipAllowlist: [], allowAnyIp: true, expiresAt: inDays(1) }, merchantDev)).toBe('FORBIDDEN_ROLE');
    expect(await errorCode(service, LIST_UPLOAD_KEYS, { miniProgramId }, otherIsv)).toBe('MINI_PROGRAM_NOT_FOUND');
    // The merchant's keys are not the ISV's to revoke.
    const merchantKey = await create(merchant, { allowAnyIp: true, ipAllowlist: [] });
    expect(await errorCode(service, REVOKE_UPLOAD_KEY, { miniProgramId, keyId: merchantKey.keyId }, isv)).toBe('UPLOAD_KEY_NOT_FOUND');

    await grant('AuthorizationRevoked', ['UPLOAD'], 'REVOKED');
    await eventually(async () => ((await present(isvKey.key, '198.51.100.1')) === 'UPLOAD_KEY_INVALID' ? true : undefined), 10_000, "the ISV's key dead");
    expect(await present(merchantKey.key, '198.51.100.1')).toBe(merchant.accountId);
    await accepted(service, REVOKE_UPLOAD_KEY, { miniProgramId, keyId: merchantKey.keyId }, merchant);
  });

  it('keeps at most 5 active per mini program, even when asked at once, and refuses bad fields', async () => {
    const create = (i: number) => request(service, CREATE_UPLOAD_KEY, { miniProgramId: otherProgramId, name: `k${i}`, ipAllowlist: ['10.0.0.0/8'], expiresAt: inDays(10) }, merchant);
    const made = await Promise.all(Array.from({ length: 7 }, (_, i) => create(i)));
    // Seven at once: at most five made; the others refused, for the limit or (their retries spent on the others'
    // appends) as a conflict to try again.
    expect(made.filter((r) => r.ok).length).toBeLessThanOrEqual(5);
    for (const r of made) if (!r.ok) expect(['TOO_MANY_UPLOAD_KEYS', 'CONCURRENT_MODIFICATION']).toContain(r.error.code);
    // Tried again one by one, they reach five active exactly, and the next is refused for the limit.
    let next = 7;
    for (let reply = await create(next); reply.ok; reply = await create(++next));
    const refusal = await create(++next);
    expect(refusal.ok ? 'made' : refusal.error.code).toBe('TOO_MANY_UPLOAD_KEYS');
    const listed = (await accepted<{ items: UploadKeyView[] }>(service, LIST_UPLOAD_KEYS, { miniProgramId: otherProgramId }, merchant)).items;
    expect(listed.filter((k) => k.status === 'ACTIVE')).toHaveLength(5);
    const bad = (fields: object) => errorCode(service, CREATE_UPLOAD_KEY, { miniProgramId, name: 'CI', ipAllowlist: ['10.0.0.0/8'], expiresAt: inDays(10), ...fields }, merchant);
    expect(await bad({ ipAllowlist: [] })).toBe('VALIDATION_FAILED');
    expect(await bad({ ipAllowlist: ['10.0.0.0/33'] })).toBe('VALIDATION_FAILED');
    expect(await bad({ ipAllowlist: ['intranet'] })).toBe('VALIDATION_FAILED');
    expect(await bad({ expiresAt: inDays(367) })).toBe('VALIDATION_FAILED');
    expect(await bad({ expiresAt: inDays(-1) })).toBe('VALIDATION_FAILED');
  });
});
