import { randomUUID } from 'node:crypto';
import { MeView, SessionTokens } from '@mpp/contracts';
import { ApiClient, eventually } from '../api-client';

interface Problem {
  code: string;
  status: number;
  errors?: { field: string }[];
}

/** Reads the mails that reached an address, newest first (the dev mailbox, or a real SMTP server's inbox). */
export type ReadMail = (to: string) => Promise<{ subject: string; text: string }[]>;

/** The newest code mailed to `to` whose subject matches. */
export async function mailedCode(readMail: ReadMail, to: string, subject: RegExp, notBefore = 0): Promise<string> {
  return eventually(async () => {
    const mails = (await readMail(to)).filter((m) => subject.test(m.subject));
    if (mails.length <= notBefore) return undefined;
    return /\b(\d{6})\b/.exec(mails[0].text)?.[1];
  }, 30_000, `a code mailed to ${to}`);
}

/**
 * Accounts as a user meets them: a code by email, sign-up, sign-in by email or username in any letter case,
 * refresh rotation and reuse, logout, lockout, and a forgotten password. Returns a signed-in client.
 */
export async function accountJourney(api: ApiClient, readMail: ReadMail) {
  const name = `u${randomUUID().slice(0, 8)}`;
  const email = `${name}@example.io`;
  expect((await api.post('/v1/verification-codes', { email: email.toUpperCase(), purpose: 'SIGN_UP' })).status).toBe(202);
  const tooSoon = await api.post<Problem>('/v1/verification-codes', { email, purpose: 'SIGN_UP' });
  expect([tooSoon.status, tooSoon.body.code]).toEqual([429, 'CODE_REQUESTED_TOO_SOON']);
  const code = await mailedCode(readMail, email, /sign-up code/);

  const account = { email, code, username: name, password: 'secret123', acceptTerms: true as const };
  const weak = await api.post<Problem>('/v1/accounts', { ...account, password: 'lettersonly' });
  expect([weak.status, weak.body.errors?.[0]?.field]).toEqual([400, 'password']);
  const wrong = await api.post<Problem>('/v1/accounts', { ...account, code: code === '000000' ? '000001' : '000000' });
  expect([wrong.status, wrong.body.code]).toEqual([400, 'INVALID_VERIFICATION_CODE']);
  const created = await api.post<{ accountId: string }>('/v1/accounts', account);
  expect(created.status).toBe(201);
  const reused = await api.post<Problem>('/v1/accounts', { ...account, username: `${name}x` });
  expect([reused.status, reused.body.code]).toEqual([400, 'INVALID_VERIFICATION_CODE']);

  // Another address, the same username in other letter case.
  const other = `${name}.other@example.io`;
  await api.post('/v1/verification-codes', { email: other, purpose: 'SIGN_UP' });
  const otherCode = await mailedCode(readMail, other, /sign-up code/);
  const taken = await api.post<Problem>('/v1/accounts', { ...account, email: other, code: otherCode, username: name.toUpperCase() });
  expect([taken.status, taken.body.code]).toEqual([409, 'USERNAME_TAKEN']);

  const byEmail = await api.post<SessionTokens>('/v1/sessions', { login: email.toUpperCase(), password: 'secret123' });
  expect(byEmail.status).toBe(201);
  const byUsername = await api.post<SessionTokens>('/v1/sessions', { login: name.toUpperCase(), password: 'secret123' });
  expect(byUsername.status).toBe(201);
  const me = await api.as(byEmail.body.accessToken).get<MeView>('/v1/me');
  expect(me.body).toEqual({ accountId: created.body.accountId, email, username: name, platformRoles: [], workspaces: [] });

  const rotated = await api.post<SessionTokens>('/v1/sessions/refresh', { refreshToken: byEmail.body.refreshToken });
  expect(rotated.status).toBe(201);
  const replay = await api.post<Problem>('/v1/sessions/refresh', { refreshToken: byEmail.body.refreshToken });
  expect([replay.status, replay.body.code]).toEqual([401, 'INVALID_REFRESH_TOKEN']);
  expect((await api.post('/v1/sessions/refresh', { refreshToken: rotated.body.refreshToken })).status).toBe(401);

  expect((await api.as(byUsername.body.accessToken).call('DELETE', '/v1/sessions/current')).status).toBe(204);
  expect((await api.post('/v1/sessions/refresh', { refreshToken: byUsername.body.refreshToken })).status).toBe(401);

  // Brute force: five wrong passwords lock the account; the right one is then refused like a wrong one.
  const unknown = await api.post<Problem>('/v1/sessions', { login: `nobody-${name}@example.io`, password: 'secret123' });
  for (let i = 0; i < 5; i++) expect((await api.post<Problem>('/v1/sessions', { login: name, password: 'wrong-pass-1' })).body).toMatchObject({ code: unknown.body.code, status: 401 });
  expect((await api.post<Problem>('/v1/sessions', { login: name, password: 'secret123' })).body.code).toBe('INVALID_CREDENTIALS');

  // Forgot password: a code, a new password, and the lock is gone.
  expect((await api.post('/v1/verification-codes', { email, purpose: 'RESET_PASSWORD' })).status).toBe(202);
  const resetCode = await mailedCode(readMail, email, /password reset code/);
  expect((await api.post('/v1/password-resets', { email, code: resetCode, newPassword: 'newsecret456' })).status).toBe(204);
  const signedIn = await api.post<SessionTokens>('/v1/sessions', { login: email, password: 'newsecret456' });
  expect(signedIn.status).toBe(201);
  return { accountId: created.body.accountId, email, username: name, client: api.as(signedIn.body.accessToken) };
}

/** A new account, signed in: the short path other journeys start from. */
export async function signUp(api: ApiClient, readMail: ReadMail, label = 'user') {
  const username = `${label}${randomUUID().slice(0, 8)}`;
  const email = `${username}@example.io`;
  await api.post('/v1/verification-codes', { email, purpose: 'SIGN_UP' });
  const code = await mailedCode(readMail, email, /sign-up code/);
  const created = await api.post<{ accountId: string }>('/v1/accounts', { email, code, username, password: 'secret123', acceptTerms: true });
  expect(created.status).toBe(201);
  const session = await api.post<SessionTokens>('/v1/sessions', { login: username, password: 'secret123' });
  return { accountId: created.body.accountId, email, username, token: session.body.accessToken, client: api.as(session.body.accessToken) };
}
