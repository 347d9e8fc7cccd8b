import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { AppError } from '../errors/app-error';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, AccessTokenVerifier, signAccessToken, verifyAccessToken } from './access-token';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';

describe('access tokens', () => {
  it('round-trips the account and its platform roles', async () => {
    const token = await signAccessToken(SECRET, { accountId: 'acc-1', roles: ['REVIEWER'], expiresInSeconds: 60 });

    await expect(verifyAccessToken(SECRET, token)).resolves.toEqual({ accountId: 'acc-1', platformRoles: ['REVIEWER'] });
  });

  it('is an HS256 JWT for the gateway, issued by identity, with sub and roles', async () => {
    const issuedAt = new Date('2030-01-01T00:00:00Z');
    const token = await signAccessToken(SECRET, { accountId: 'acc-1', roles: [], expiresInSeconds: 900, issuedAt });

    expect(decodeProtectedHeader(token).alg).toBe('HS256');
    expect(decodeJwt(token)).toEqual({
      sub: 'acc-1',
      roles: [],
      iss: ACCESS_TOKEN_ISSUER,
      aud: ACCESS_TOKEN_AUDIENCE,
      iat: issuedAt.getTime() / 1000,
      exp: issuedAt.getTime() / 1000 + 900,
    });
  });

  it('refuses a token signed with another secret as UNAUTHENTICATED', async () => {
    const token = await signAccessToken(`${SECRET}-other`, { accountId: 'acc-1', roles: [], expiresInSeconds: 60 });

    await expect(verifyAccessToken(SECRET, token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', category: 'unauthenticated' });
    await expect(verifyAccessToken(SECRET, token)).rejects.toBeInstanceOf(AppError);
  });
});

describe('access tokens from elsewhere', () => {
  const sign = (issuer: string, audience: string) =>
    new SignJWT({ roles: [] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('acc-1')
      .setIssuer(issuer)
      .setAudience(audience)
      .setExpirationTime('1m')
      .sign(new TextEncoder().encode(SECRET));

  it('refuses another issuer or another audience', async () => {
    await expect(verifyAccessToken(SECRET, await sign('someone-else', ACCESS_TOKEN_AUDIENCE))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(verifyAccessToken(SECRET, await sign(ACCESS_TOKEN_ISSUER, 'another-api'))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('session id claim', () => {
  it('carries the session id through sign and verify', async () => {
    const token = await signAccessToken('a-secret-of-at-least-thirty-two-characters', { accountId: 'a1', roles: [], expiresInSeconds: 60, sessionId: 'fam-1' });
    await expect(verifyAccessToken('a-secret-of-at-least-thirty-two-characters', token)).resolves.toEqual({ accountId: 'a1', platformRoles: [], sessionId: 'fam-1' });
  });
});

describe('AccessTokenVerifier (remembers tokens that passed)', () => {
  it('answers the same caller for a token it has seen, and refuses a bad one every time', async () => {
    const verifier = new AccessTokenVerifier(SECRET);
    const token = await signAccessToken(SECRET, { accountId: 'acc-1', roles: ['REVIEWER'], expiresInSeconds: 60, sessionId: 's-1' });
    const forged = await signAccessToken(`${SECRET}-other`, { accountId: 'acc-1', roles: ['REVIEWER'], expiresInSeconds: 60 });

    const first = await verifier.verify(token);
    expect(await verifier.verify(token)).toEqual(first);
    expect(first).toEqual({ accountId: 'acc-1', platformRoles: ['REVIEWER'], sessionId: 's-1' });
    await expect(verifier.verify(forged)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(verifier.verify(forged)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a remembered token once it has expired', async () => {
    const verifier = new AccessTokenVerifier(SECRET);
    // exp is 3 whole seconds ahead: valid now even on a busy machine (1 s of margin failed under CI load), then
    // waited out to just past it.
    const now = Math.floor(Date.now() / 1000);
    const token = await signAccessToken(SECRET, { accountId: 'acc-1', roles: [], expiresInSeconds: 60, issuedAt: new Date((now - 57) * 1000) });

    await expect(verifier.verify(token)).resolves.toMatchObject({ accountId: 'acc-1' });
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, (now + 3) * 1000 - Date.now()) + 100));
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringContaining('expired') });
  });
});
