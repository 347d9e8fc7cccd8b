import { randomUUID } from 'node:crypto';
import { AggregateStore, PostgresSqlClient, SqlEventStore } from '@mpp/eventsourcing';
import { createTestDatabase } from '@mpp/testing';
import { PasswordHasher } from '../credentials/password-hasher';
import { useVerificationCode } from './use-verification-code';
import { verificationCodeDecider, verificationCodeStreamId } from './verification-code.decider';
import { digest } from '../credentials/identifiers';

/** Codes expire after 10 minutes: checked on the real store with the clock moved on, not by waiting. */
describe('verification code expiry (PostgreSQL, controlled clock)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sql: PostgresSqlClient;
  beforeAll(async () => {
    db = await createTestDatabase('code_expiry');
    sql = new PostgresSqlClient({ connectionString: db.url });
  });
  afterAll(async () => {
    await sql.close();
    await db.drop();
  });

  it('accepts the code before 10 minutes and refuses it after', async () => {
    const store = await new SqlEventStore(sql).init();
    const hasher = new PasswordHasher({ N: 2 ** 10, r: 8, p: 1, maxmem: 32 * 1024 * 1024 });
    const t0 = Date.now();
    const at = (ms: number) => new AggregateStore(store, () => new Date(t0 + ms));
    const meta = { correlationId: 'c' };
    const issue = async (email: string) =>
      at(0).handle(
        verificationCodeDecider,
        verificationCodeStreamId('SIGN_UP', digest(email)),
        { type: 'RequestVerificationCode', email, purpose: 'SIGN_UP', codeHash: await hasher.hash('123456'), codeId: randomUUID(), codeCiphertext: 'x' },
        { metadata: meta },
      );
    await issue('late@example.io');
    await expect(useVerificationCode(at(10 * 60_000), hasher, 'SIGN_UP', 'late@example.io', '123456', meta)).rejects.toMatchObject({ code: 'INVALID_VERIFICATION_CODE' });
    await issue('early@example.io');
    await expect(useVerificationCode(at(9 * 60_000), hasher, 'SIGN_UP', 'early@example.io', '123456', meta)).resolves.toBeUndefined();
  });
});
