import { StoredEvent } from '@mpp/eventsourcing';
import { CodeCipher } from '../credentials/code-cipher';
import { VERIFICATION_CODE_CONSUMED, VERIFICATION_CODE_ISSUED } from '../verification-codes/verification-code.decider';
import { composeIdentityMail, composeReceivedMail, workspaceOfReceivedMail } from './identity-mails';

const cipher = new CodeCipher('unit-secret');

const event = (type: string, data: Record<string, unknown>): StoredEvent => ({
  eventId: 'evt-1',
  type,
  data,
  metadata: { correlationId: 'c', occurredAt: '2030-01-01T00:00:00.000Z' },
  streamId: 's',
  streamPosition: 1,
  logPosition: '1:1',
  recordedAt: '2030-01-01T00:00:00.000Z',
});

const issued = (purpose: string, code: string) =>
  event(VERIFICATION_CODE_ISSUED, {
    email: 'ada@example.com',
    purpose,
    codeHash: 'h',
    codeId: 'code-1',
    codeCiphertext: cipher.encrypt(code),
    issuedAt: '2030-01-01T00:00:00.000Z',
    expiresAt: '2030-01-01T00:10:00.000Z',
  });

describe('composeIdentityMail', () => {
  it('mails a sign-up code', () => {
    const mail = composeIdentityMail(issued('SIGN_UP', '123456'), cipher);
    expect(mail).toMatchObject({ messageId: 'evt-1', to: 'ada@example.com', subject: 'Your Mini Program Platform sign-up code' });
    expect(mail?.text).toContain('123456');
    expect(mail?.text).toContain('valid for 10 minutes and can be used only once');
    expect(mail?.text).not.toContain('ignore');
  });

  it('mails a password reset code, saying it can be ignored', () => {
    const mail = composeIdentityMail(issued('RESET_PASSWORD', '654321'), cipher);
    expect(mail).toMatchObject({ messageId: 'evt-1', subject: 'Your password reset code' });
    expect(mail?.text).toContain('654321');
    expect(mail?.text).toContain('valid for 10 minutes');
    expect(mail?.text).toMatch(/did not ask .* ignore this email/);
  });

  it('never puts the sealed code in the mail', () => {
    const source = issued('SIGN_UP', '123456');
    const text = composeIdentityMail(source, cipher)?.text ?? '';
    expect(text).not.toContain(String(source.data.codeCiphertext));
  });

  it('composes nothing for events that call for no mail', () => {
    expect(composeIdentityMail(event(VERIFICATION_CODE_CONSUMED, { at: 'x' }), cipher)).toBeNull();
    expect(composeIdentityMail(event('identity.Unknown', {}), cipher)).toBeNull();
  });
});

describe('composeReceivedMail (events of other services, to a workspace\'s Owner)', () => {
  it('tells the Owner which endpoint was disabled after 5 days of failures and how to bring it back', () => {
    const disabled = event('integrations.WebhookDisabled', { webhookId: 'w-1', workspaceId: 'ws-1', url: 'https://isv.example/hooks', reason: 'FAILING', at: '2030-01-06T00:00:00.000Z' });
    expect(workspaceOfReceivedMail(disabled)).toBe('ws-1');
    const mail = composeReceivedMail(disabled, 'owner@example.com');
    expect(mail).toMatchObject({ messageId: 'evt-1', to: 'owner@example.com', subject: 'A webhook of your workspace was disabled' });
    expect(mail?.text).toContain('https://isv.example/hooks');
    expect(mail?.text).toContain('enabled: true');
  });

  it('composes nothing for other received events', () => {
    const other = event('ordering.OrderPlaced', { orderId: 'o-1' });
    expect(workspaceOfReceivedMail(other)).toBeUndefined();
    expect(composeReceivedMail(other, 'owner@example.com')).toBeNull();
  });
});
