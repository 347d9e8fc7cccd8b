import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { ProjectionRunner, SqlEventStore } from '@mpp/eventsourcing';
import { PgliteSqlClient } from '@mpp/eventsourcing/pglite';
import { SMTPServer } from 'smtp-server';
import { CodeCipher } from '../credentials/code-cipher';
import { VERIFICATION_CODE_ISSUED, VerificationCodeIssuedData } from '../verification-codes/verification-code.decider';
import { composeIdentityMail } from './identity-mails';
import { mailer } from './mailer';
import { SmtpMailTransport } from './smtp-mail-transport';

interface Received {
  rcptTo: string[];
  headers: Record<string, string>;
  text: string;
}

/** Headers (unfolded, lower-case names) and the decoded text of a single-part message. */
function parseMessage(raw: string): Omit<Received, 'rcptTo'> {
  const split = raw.indexOf('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = raw.slice(split + 4);
  if (/quoted-printable/i.test(headers['content-transfer-encoding'] ?? '')) {
    body = Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
  }
  return { headers, text: body.replace(/\r\n/g, '\n') };
}

/** An SMTP server on a free local port that keeps what it accepts and refuses the next `refuse` messages. */
async function startSmtpServer() {
  const state = { received: [] as Received[], attempts: 0, refuse: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        state.attempts++;
        if (state.refuse > 0) {
          state.refuse--;
          return callback(Object.assign(new Error('mailbox busy, try again later'), { responseCode: 451 }));
        }
        state.received.push({ rcptTo: session.envelope.rcptTo.map((r) => r.address), ...parseMessage(Buffer.concat(chunks).toString('utf8')) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return { state, url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('mailer worker over SMTP', () => {
  const cipher = new CodeCipher('test-secret');
  let sql: PgliteSqlClient;
  let store: SqlEventStore;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let transport: SmtpMailTransport;

  beforeEach(async () => {
    sql = new PgliteSqlClient();
    store = await new SqlEventStore(sql).init();
    smtp = await startSmtpServer();
    transport = new SmtpMailTransport({ url: smtp.url, from: 'Mini Program Platform <no-reply@mpp.local>' });
  });
  afterEach(async () => {
    transport.close();
    await smtp.close();
    await sql.close();
  });

  const worker = () => mailer(transport, (event) => composeIdentityMail(event, cipher));
  const runner = (errors: unknown[] = []) => new ProjectionRunner(sql, store, worker(), { maxAttempts: Infinity, onError: (e) => errors.push(e) }).init();
  const sentRows = async () => (await sql.query<{ event_id: string }>(`SELECT event_id FROM sent_emails ORDER BY event_id`)).rows.map((r) => r.event_id);

  async function issueCode(email: string, purpose: VerificationCodeIssuedData['purpose'], code: string): Promise<string> {
    const eventId = randomUUID();
    const now = new Date();
    const data: VerificationCodeIssuedData = {
      email,
      purpose,
      codeHash: 'not-checked-here',
      codeId: randomUUID(),
      codeCiphertext: cipher.encrypt(code),
      issuedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + 10 * 60_000).toISOString(),
    };
    await store.append(`VerificationCode-${purpose}-${randomUUID()}`, [
      { eventId, type: VERIFICATION_CODE_ISSUED, data: data as unknown as Record<string, unknown>, metadata: { correlationId: randomUUID(), occurredAt: now.toISOString() } },
    ], { expectedVersion: 'no_stream' });
    return eventId;
  }

  it('sends the code once, and never again for the same event', async () => {
    const eventId = await issueCode('ada@example.com', 'SIGN_UP', '482913');
    await store.append('Other-1', [{ eventId: randomUUID(), type: 'identity.SomethingElse', data: {}, metadata: { correlationId: 'c', occurredAt: new Date().toISOString() } }], { expectedVersion: 'any' });

    expect(await (await runner()).catchUp()).toBe(2);
    expect(smtp.state.received).toHaveLength(1);
    const [mail] = smtp.state.received;
    expect(mail.rcptTo).toEqual(['ada@example.com']);
    expect(mail.headers['subject']).toBe('Your Mini Program Platform sign-up code');
    expect(mail.headers['message-id']).toBe(`<${eventId}@mpp.local>`);
    expect(mail.headers['from']).toContain('no-reply@mpp.local');
    expect(mail.text).toContain('482913');
    expect(mail.text).toContain('10 minutes');
    expect(await sentRows()).toEqual([eventId]);

    // A new runner (a restart) finds nothing to do; even with its checkpoint reset, the event is not mailed again.
    expect(await (await runner()).catchUp()).toBe(0);
    await sql.query(`UPDATE checkpoints SET position = NULL WHERE name = 'mailer'`);
    expect(await (await runner()).catchUp()).toBe(2);
    expect(smtp.state.received).toHaveLength(1);
    expect(smtp.state.attempts).toBe(1);
  });

  it('retries a refused send and records nothing until it goes through', async () => {
    const eventId = await issueCode('Grace@Example.com', 'RESET_PASSWORD', '007123');
    smtp.state.refuse = 1;
    const errors: unknown[] = [];
    const atFailure: Promise<{ sent: number; checkpoint: string | null }>[] = [];
    const run = await new ProjectionRunner(sql, store, worker(), {
      maxAttempts: Infinity,
      onError: (error) => {
        errors.push(error);
        // Runs after the failed transaction rolled back and before the retry: what did it leave behind?
        atFailure.push(
          sql
            .query<{ sent: number; checkpoint: string | null }>(
              `SELECT (SELECT count(*)::int FROM sent_emails) AS sent, (SELECT position FROM checkpoints WHERE name = 'mailer') AS checkpoint`,
            )
            .then(({ rows }) => rows[0]),
        );
      },
    }).init();

    expect(await run.catchUp()).toBe(1);
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(String(errors[0])).toMatch(/451|try again/);
    expect(await Promise.all(atFailure)).toContainEqual({ sent: 0, checkpoint: null });
    expect(smtp.state.attempts).toBe(2);
    expect(smtp.state.received).toHaveLength(1);
    const [mail] = smtp.state.received;
    expect(mail.rcptTo.map((a) => a.toLowerCase())).toEqual(['grace@example.com']);
    expect(mail.headers['subject']).toBe('Your password reset code');
    expect(mail.headers['message-id']).toBe(`<${eventId}@mpp.local>`);
    expect(mail.text).toContain('007123');
    expect(mail.text).toMatch(/did not ask .* ignore this email/);
    expect(await sentRows()).toEqual([eventId]);

    expect(await (await runner()).catchUp()).toBe(0);
    expect(smtp.state.received).toHaveLength(1);
  });

  it('sends one mail per event of a batch', async () => {
    const ids = [await issueCode('a@example.com', 'SIGN_UP', '111111'), await issueCode('b@example.com', 'SIGN_UP', '222222')];
    expect(await (await runner()).catchUp()).toBe(2);
    expect(smtp.state.received.map((m) => m.rcptTo[0])).toEqual(['a@example.com', 'b@example.com']);
    expect(await sentRows()).toEqual([...ids].sort());
  });
});
