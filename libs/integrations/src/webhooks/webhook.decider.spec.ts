import { deciderSpecification, SPEC_NOW } from '@mpp/eventsourcing/testing';
import { fold } from '@mpp/eventsourcing';
import { SecretBox } from './secret-box';
import { PREVIOUS_SECRET_VALID_MS, WEBHOOK_CREATED, WEBHOOK_DELETED, WEBHOOK_DISABLED, WEBHOOK_SECRET_ROTATED, WEBHOOK_UPDATED, webhookDecider, WebhookCommand } from './webhook.decider';

const owner = { actor: { accountId: 'owner-1', platformRoles: [] } };
const spec = deciderSpecification(webhookDecider, owner);
const at = SPEC_NOW.toISOString();
const create = (settings: Partial<{ url: string; eventTypes: string[]; description: string }> = {}, allowHttp = false): WebhookCommand => ({
  type: 'CreateWebhook',
  webhookId: 'w1',
  workspaceId: 'ws-1',
  settings: { url: 'https://isv.example/hooks', eventTypes: ['order.placed', 'order.placed', 'version.approved'], description: 'CI', ...settings } as never,
  sealedSecret: 'sealed-1',
  allowHttp,
});
const created = spec.given().when(create()).events();

describe('webhook decider (DOMAIN.md 7)', () => {
  it('registers an endpoint with its sealed secret and each event type once; the same id again changes nothing', () => {
    expect(created).toEqual([
      { type: WEBHOOK_CREATED, data: { webhookId: 'w1', workspaceId: 'ws-1', url: 'https://isv.example/hooks', eventTypes: ['order.placed', 'version.approved'], description: 'CI', sealedSecret: 'sealed-1', at, by: 'owner-1' } },
    ]);
    spec.given(created).when(create()).then([]);
  });

  it('takes https only, http too where private networks are allowed, and never credentials in the URL', () => {
    spec.given().when(create({ url: 'http://isv.example/hooks' })).thenRefuses('WEBHOOK_URL_INVALID', 'bad_input');
    expect(spec.given().when(create({ url: 'http://127.0.0.1:8080/hooks' }, true)).decided()).toHaveLength(1);
    spec.given().when(create({ url: 'ftp://isv.example/x' }, true)).thenRefuses('WEBHOOK_URL_INVALID');
    spec.given().when(create({ url: 'https://user:pw@isv.example/x' })).thenRefuses('WEBHOOK_URL_INVALID');
    spec.given().when(create({ url: 'not a url' })).thenRefuses('WEBHOOK_URL_INVALID');
    spec.given().when(create({ url: `https://isv.example/${'a'.repeat(2000)}` })).thenRefuses('WEBHOOK_URL_INVALID');
  });

  it('refuses unknown or no event types and a long description', () => {
    spec.given().when(create({ eventTypes: ['order.placed', 'order.shipped'] })).thenRefuses('EVENT_TYPE_UNKNOWN', 'bad_input');
    spec.given().when(create({ eventTypes: ['webhook.ping'] })).thenRefuses('EVENT_TYPE_UNKNOWN');
    spec.given().when(create({ eventTypes: [] })).thenRefuses('VALIDATION_FAILED');
    spec.given().when(create({ description: 'x'.repeat(501) })).thenRefuses('VALIDATION_FAILED');
  });

  it('changes, disables by a member, enables again, and is disabled once after failing for days', () => {
    const update = (changes: object): WebhookCommand => ({ type: 'UpdateWebhook', changes, allowHttp: false });
    spec.given(created).when(update({ url: 'https://isv.example/v2', enabled: false })).then([{ type: WEBHOOK_UPDATED, data: { url: 'https://isv.example/v2', enabled: false, at, by: 'owner-1' } }]);
    const disabled = spec.given(created).when(update({ enabled: false })).events();
    expect(fold(webhookDecider, disabled)).toMatchObject({ enabled: false, disabledReason: 'MEMBER' });
    const failing = spec.given(created).when({ type: 'DisableFailingWebhook' }).events();
    expect(failing.at(-1)).toEqual({ type: WEBHOOK_DISABLED, data: { webhookId: 'w1', workspaceId: 'ws-1', url: 'https://isv.example/hooks', reason: 'FAILING', at } });
    expect(fold(webhookDecider, failing)).toMatchObject({ enabled: false, disabledReason: 'FAILING' });
    spec.given(failing).when({ type: 'DisableFailingWebhook' }).then([]);
    const enabled = spec.given(failing).when(update({ enabled: true })).events();
    expect(fold(webhookDecider, enabled)).toMatchObject({ enabled: true, disabledReason: undefined });
    spec.given(created).when(update({ url: 'http://isv.example' })).thenRefuses('WEBHOOK_URL_INVALID');
  });

  it('rotates the secret, the previous one signing 24 hours more; deleted, it is gone', () => {
    const rotated = spec.given(created).when({ type: 'RotateWebhookSecret', sealedSecret: 'sealed-2' }).events();
    const validUntil = new Date(SPEC_NOW.getTime() + PREVIOUS_SECRET_VALID_MS).toISOString();
    expect(rotated.at(-1)).toEqual({ type: WEBHOOK_SECRET_ROTATED, data: { sealedSecret: 'sealed-2', previousValidUntil: validUntil, at, by: 'owner-1' } });
    expect(fold(webhookDecider, rotated)).toMatchObject({ previousSecretValidUntil: validUntil });
    const deleted = spec.given(created).when({ type: 'DeleteWebhook' }).events();
    expect(deleted.at(-1)).toEqual({ type: WEBHOOK_DELETED, data: { at, by: 'owner-1' } });
    spec.given(deleted).when({ type: 'DeleteWebhook' }).thenRefuses('WEBHOOK_NOT_FOUND', 'not_found');
    spec.given().when({ type: 'RotateWebhookSecret', sealedSecret: 's' }).thenRefuses('WEBHOOK_NOT_FOUND');
  });
});

describe('secret box', () => {
  const box = new SecretBox('a-webhook-secrets-key-of-at-least-32-chars');

  it('seals a secret so that only the same key opens it, and a changed byte is refused', () => {
    const secret = SecretBox.newSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const sealed = box.seal(secret);
    expect(sealed).not.toContain(secret.slice(6));
    expect(box.seal(secret)).not.toBe(sealed);
    expect(box.open(sealed)).toBe(secret);
    expect(() => new SecretBox('another-webhook-secrets-key-of-32-chars!').open(sealed)).toThrow();
    const parts = sealed.split('.');
    const tampered = [...parts.slice(0, 3), Buffer.from(Buffer.from(parts[3], 'base64url').map((b, i) => (i === 0 ? b ^ 1 : b))).toString('base64url')].join('.');
    expect(() => box.open(tampered)).toThrow();
  });
});
