import { RequestMessage, SessionTokens } from '@mpp/contracts';
import { PostgresSqlClient, SqlEventStore } from '@mpp/eventsourcing';
import { createLogger, verifyAccessToken } from '@mpp/platform';
import { RunningService, startService } from '@mpp/runtime';
import { createTestDatabase } from '@mpp/testing';
import { DevMailbox } from '../email/dev-mailbox';
import { AccountClaims } from './account-claims';
import { digest } from '../credentials/identifiers';
import { identityService } from '../identity.service';
import { verificationCodeStreamId } from '../verification-codes/verification-code.decider';

const JWT_SECRET = 'identity-int-secret-of-at-least-32-chars';

describe('identity accounts on PostgreSQL (through its request router)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sql: PostgresSqlClient;
  let service: RunningService;
  let store: SqlEventStore;

  beforeAll(async () => {
    process.env.JWT_SECRET = JWT_SECRET;
    db = await createTestDatabase('identity');
    sql = new PostgresSqlClient({ connectionString: db.url });
    store = await new SqlEventStore(sql).init();
    service = await startService(identityService, { sql, store, logger: createLogger('identity-int', 'silent') });
  });
  afterAll(async () => {
    await service.stop();
    await sql.close();
    await db.drop();
  });

  const send = (type: string, payload: unknown, actor?: { accountId: string; sessionId?: string }) => {
    if (type === 'identity.RequestVerificationCode') lastRequest = Date.now() - 5;
    return service.router.handle({ type, payload, meta: { correlationId: 'c', actor: actor && { platformRoles: [], ...actor } } } as RequestMessage);
  };
  const ok = async <T>(type: string, payload: unknown, actor?: { accountId: string; sessionId?: string }) => {
    const reply = await send(type, payload, actor);
    if (!reply.ok) throw new Error(`${type} refused: ${JSON.stringify(reply.error)}`);
    return reply.result as T;
  };
  const refusal = async (type: string, payload: unknown, actor?: { accountId: string; sessionId?: string }) => {
    const reply = await send(type, payload, actor);
    if (reply.ok) throw new Error(`${type} was accepted`);
    return reply.error;
  };
  /** The newest code the mailer delivered to the address (the dev mailbox: no SMTP_URL here). */
  const mailedCode = async (email: string, purpose: 'SIGN_UP' | 'RESET_PASSWORD') => {
    const subject = purpose === 'SIGN_UP' ? /sign-up code/ : /password reset code/;
    const mailbox = await new DevMailbox(sql).init();
    for (let i = 0; i < 200; i++) {
      const [mail] = (await mailbox.list(email)).filter((m) => subject.test(m.subject));
      if (mail && Date.parse(mail.sentAt) >= lastRequest) return /\b(\d{6})\b/.exec(mail.text)?.[1] ?? '';
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no code mailed to ${email}`);
  };
  let lastRequest = 0;

  it('signs up with a mailed code, signs in by email or username in any case, rotates and reuses refresh tokens, and logs out', async () => {
    await ok('identity.RequestVerificationCode', { email: 'Ann@Example.io', purpose: 'SIGN_UP' });
    expect(await refusal('identity.RequestVerificationCode', { email: 'ann@example.io', purpose: 'SIGN_UP' })).toMatchObject({ code: 'CODE_REQUESTED_TOO_SOON', category: 'rate_limited' });
    const code = await mailedCode('ann@example.io', 'SIGN_UP');
    // Only the hash is left readable: the code's key was shredded when the mail went out.
    const [issued] = await store.readStream(verificationCodeStreamId('SIGN_UP', digest('ann@example.io')));
    expect(JSON.stringify(issued)).not.toContain(code);
    const { rows } = await sql.query(`SELECT 1 FROM verification_code_keys WHERE code_id = $1`, [issued.data.codeId]);
    expect(rows).toEqual([]);

    const wrongCode = code === '000000' ? '000001' : '000000';
    expect(await refusal('identity.RegisterAccount', { email: 'ann@example.io', code: wrongCode, username: 'ann', password: 'secret123', acceptTerms: true })).toMatchObject({ code: 'INVALID_VERIFICATION_CODE' });
    const { accountId } = await ok<{ accountId: string }>('identity.RegisterAccount', { email: 'ANN@example.io', code, username: 'ann', password: 'secret123', acceptTerms: true });
    expect(await refusal('identity.RegisterAccount', { email: 'ann@example.io', code, username: 'ann2', password: 'secret123', acceptTerms: true })).toMatchObject({ code: 'INVALID_VERIFICATION_CODE' });

    // An Idempotency-Key on a sign-in is ignored: passwords and tokens never land in the replay log.
    const keyed = await service.router.handle({ type: 'identity.StartSession', payload: { login: 'ann', password: 'secret123' }, meta: { correlationId: 'c', commandId: 'k1' } });
    expect(keyed.ok).toBe(true);
    expect((await sql.query(`SELECT count(*)::int AS n FROM command_log`)).rows[0]).toEqual({ n: 0 });
    const byEmail = await ok<SessionTokens>('identity.StartSession', { login: 'ann@EXAMPLE.io', password: 'secret123' });
    const byUsername = await ok<SessionTokens>('identity.StartSession', { login: 'ANN', password: 'secret123' });
    expect(byUsername.expiresIn).toBe(900);
    const actor = await verifyAccessToken(JWT_SECRET, byEmail.accessToken);
    expect(actor).toMatchObject({ accountId, platformRoles: [] });
    expect(await ok('identity.GetMe', {}, actor)).toEqual({ accountId, email: 'ann@example.io', username: 'ann', platformRoles: [], workspaces: [] });

    const rotated = await ok<SessionTokens>('identity.RefreshSession', { refreshToken: byEmail.refreshToken });
    expect(rotated.refreshToken).not.toBe(byEmail.refreshToken);
    expect(await refusal('identity.RefreshSession', { refreshToken: byEmail.refreshToken })).toMatchObject({ code: 'INVALID_REFRESH_TOKEN', category: 'unauthenticated' });
    // The reuse ended the family: the newest token of it is dead too.
    expect(await refusal('identity.RefreshSession', { refreshToken: rotated.refreshToken })).toMatchObject({ code: 'INVALID_REFRESH_TOKEN' });

    await ok('identity.EndSession', {}, await verifyAccessToken(JWT_SECRET, byUsername.accessToken));
    expect(await refusal('identity.RefreshSession', { refreshToken: byUsername.refreshToken })).toMatchObject({ code: 'INVALID_REFRESH_TOKEN' });
    expect(await refusal('identity.RefreshSession', { refreshToken: 'garbage' })).toMatchObject({ code: 'INVALID_REFRESH_TOKEN' });
  });

  it('refuses a taken email or username in another case, and a burnt code', async () => {
    await ok('identity.RequestVerificationCode', { email: 'bob@example.io', purpose: 'SIGN_UP' });
    const code = await mailedCode('bob@example.io', 'SIGN_UP');
    expect(await refusal('identity.RegisterAccount', { email: 'bob@example.io', code, username: 'ANN', password: 'secret123', acceptTerms: true })).toMatchObject({ code: 'USERNAME_TAKEN', category: 'conflict' });
    await ok('identity.RegisterAccount', { email: 'bob@example.io', code, username: 'bob', password: 'secret123', acceptTerms: true });

    // The same address in other letter case is the same address (a second sign-up code would wait a minute).
    const claims = new AccountClaims(store);
    await expect(claims.claim('email', 'BOB@Example.IO', 'someone-else', 'c')).rejects.toMatchObject({ code: 'EMAIL_TAKEN', category: 'conflict' });
    expect(await claims.find('email', ' Bob@EXAMPLE.io ')).toBe(await claims.find('email', 'bob@example.io'));

    await ok('identity.RequestVerificationCode', { email: 'ANN@example.io', purpose: 'SIGN_UP' }).catch(() => undefined);
    await ok('identity.RequestVerificationCode', { email: 'carol@example.io', purpose: 'SIGN_UP' });
    const carolCode = await mailedCode('carol@example.io', 'SIGN_UP');
    const wrong = carolCode === '111111' ? '222222' : '111111';
    for (let i = 0; i < 5; i++) {
      expect(await refusal('identity.RegisterAccount', { email: 'carol@example.io', code: wrong, username: 'carol', password: 'secret123', acceptTerms: true })).toMatchObject({ code: 'INVALID_VERIFICATION_CODE' });
    }
    expect(await refusal('identity.RegisterAccount', { email: 'carol@example.io', code: carolCode, username: 'carol', password: 'secret123', acceptTerms: true })).toMatchObject({ code: 'INVALID_VERIFICATION_CODE' });
    expect(await refusal('identity.RegisterAccount', { email: 'x@example.io', code: '123456', username: 'x', password: 'lettersonly', acceptTerms: true })).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('locks after 5 failed logins with the same answer as an unknown login, and a password reset ends every session', async () => {
    const unknown = await refusal('identity.StartSession', { login: 'nobody@example.io', password: 'secret123' });
    for (let i = 0; i < 5; i++) expect(await refusal('identity.StartSession', { login: 'bob', password: 'wrong-pass1' })).toEqual(unknown);
    expect(await refusal('identity.StartSession', { login: 'bob', password: 'secret123' })).toEqual(unknown);

    // A reset unlocks bob.
    await ok('identity.RequestVerificationCode', { email: 'bob@example.io', purpose: 'RESET_PASSWORD' });
    await ok('identity.ResetPassword', { email: 'bob@example.io', code: await mailedCode('bob@example.io', 'RESET_PASSWORD'), newPassword: 'newsecret456' });
    await ok<SessionTokens>('identity.StartSession', { login: 'bob', password: 'newsecret456' });
    expect(await refusal('identity.StartSession', { login: 'bob', password: 'secret123' })).toEqual(unknown);

    // A reset ends every session that started before it: ann's two sessions stop refreshing.
    const first = await ok<SessionTokens>('identity.StartSession', { login: 'ann', password: 'secret123' });
    const second = await ok<SessionTokens>('identity.StartSession', { login: 'ann@example.io', password: 'secret123' });
    await ok('identity.RequestVerificationCode', { email: 'ann@example.io', purpose: 'RESET_PASSWORD' });
    await ok('identity.ResetPassword', { email: 'ann@example.io', code: await mailedCode('ann@example.io', 'RESET_PASSWORD'), newPassword: 'brandnew789' });
    for (const session of [first, second]) {
      expect(await refusal('identity.RefreshSession', { refreshToken: session.refreshToken })).toMatchObject({ code: 'INVALID_REFRESH_TOKEN' });
    }
    const fresh = await ok<SessionTokens>('identity.StartSession', { login: 'ann', password: 'brandnew789' });
    await ok<SessionTokens>('identity.RefreshSession', { refreshToken: fresh.refreshToken });

    // Reset for an address with no account: the same refusal as a wrong code.
    await ok('identity.RequestVerificationCode', { email: 'ghost@example.io', purpose: 'RESET_PASSWORD' });
    expect(await refusal('identity.ResetPassword', { email: 'ghost@example.io', code: await mailedCode('ghost@example.io', 'RESET_PASSWORD'), newPassword: 'secret123x' })).toMatchObject({ code: 'INVALID_VERIFICATION_CODE' });
  });
});
