import { isWorkspaceEventType, WEBHOOK_DISABLED, WebhookDisabledV1, WorkspaceEventType } from '@mpp/contracts';
import { Decider } from '@mpp/eventsourcing';
import { AppError, FieldError } from '@mpp/platform';
import { EVENT_TYPE_UNKNOWN, WEBHOOK_URL_INVALID, webhookNotFound } from '../integrations.errors';

// A webhook endpoint (DOMAIN.md 7): a workspace's URL, the event types it wants, and its signing secret, kept sealed
// (secret-box.ts): events hold nothing that signs. One stream per endpoint. Who may act on it (the workspace's Owner
// and Admins) is checked by the handlers against the workspace replica before they get here.

export const WEBHOOK_CREATED = 'integrations.WebhookCreated';
export const WEBHOOK_UPDATED = 'integrations.WebhookUpdated';
export const WEBHOOK_SECRET_ROTATED = 'integrations.WebhookSecretRotated';
/** Public (integrations.events.ts): identity mails the workspace's Owner. */
export { WEBHOOK_DISABLED };
export const WEBHOOK_DELETED = 'integrations.WebhookDeleted';

/** How long the secret before a rotation keeps signing (API.md): receivers switch within a day. */
export const PREVIOUS_SECRET_VALID_MS = 24 * 60 * 60 * 1000;
export const MAX_URL_LENGTH = 2000;
export const MAX_DESCRIPTION_LENGTH = 500;

export const webhookStreamId = (webhookId: string) => `Webhook-${webhookId}`;

type At = { at: string; by?: string };
export interface WebhookSettings {
  url: string;
  eventTypes: WorkspaceEventType[];
  description: string;
}

export type WebhookEvent =
  | { type: typeof WEBHOOK_CREATED; data: At & WebhookSettings & { webhookId: string; workspaceId: string; sealedSecret: string } }
  | { type: typeof WEBHOOK_UPDATED; data: At & Partial<WebhookSettings> & { enabled?: boolean } }
  | { type: typeof WEBHOOK_SECRET_ROTATED; data: At & { sealedSecret: string; previousValidUntil: string } }
  | { type: typeof WEBHOOK_DISABLED; data: WebhookDisabledV1 }
  | { type: typeof WEBHOOK_DELETED; data: At };

/** `allowHttp`: plain http URLs are taken only where private networks are allowed (development). */
export type WebhookCommand =
  | { type: 'CreateWebhook'; webhookId: string; workspaceId: string; settings: WebhookSettings; sealedSecret: string; allowHttp: boolean }
  | { type: 'UpdateWebhook'; changes: Partial<WebhookSettings> & { enabled?: boolean }; allowHttp: boolean }
  | { type: 'RotateWebhookSecret'; sealedSecret: string }
  | { type: 'DisableFailingWebhook' }
  | { type: 'DeleteWebhook' };

export type WebhookState =
  | { status: 'NONE' | 'DELETED' }
  | (WebhookSettings & {
      status: 'ACTIVE';
      webhookId: string;
      workspaceId: string;
      enabled: boolean;
      disabledReason?: 'MEMBER' | 'FAILING';
      createdAt: string;
      previousSecretValidUntil?: string;
    });

/** The URL's problem, or undefined: an absolute https URL (http too where allowed) without credentials. */
export function webhookUrlProblem(url: string, allowHttp: boolean): string | undefined {
  if (url.length > MAX_URL_LENGTH) return `at most ${MAX_URL_LENGTH} characters`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not an absolute URL';
  }
  if (parsed.protocol !== 'https:' && !(allowHttp && parsed.protocol === 'http:')) return allowHttp ? 'must be https or http' : 'must be https';
  if (parsed.username || parsed.password) return 'must not carry credentials';
  return undefined;
}

function checkSettings(settings: Partial<WebhookSettings>, allowHttp: boolean): void {
  const errors: FieldError[] = [];
  if (settings.url !== undefined) {
    const problem = webhookUrlProblem(settings.url, allowHttp);
    if (problem) errors.push({ field: 'url', message: problem });
  }
  if (settings.eventTypes !== undefined) {
    const unknown = settings.eventTypes.filter((type) => !isWorkspaceEventType(type));
    if (unknown.length) throw AppError.badInput(`unknown event types: ${unknown.join(', ')} (GET /v1/event-types lists them)`, [{ field: 'eventTypes', message: 'unknown event type' }], EVENT_TYPE_UNKNOWN);
    if (settings.eventTypes.length === 0) errors.push({ field: 'eventTypes', message: 'name at least one event type' });
  }
  if (settings.description !== undefined && settings.description.length > MAX_DESCRIPTION_LENGTH) errors.push({ field: 'description', message: `at most ${MAX_DESCRIPTION_LENGTH} characters` });
  if (errors.length) throw AppError.badInput('the webhook is not valid', errors, errors[0].field === 'url' ? WEBHOOK_URL_INVALID : 'VALIDATION_FAILED');
}

const unique = <T>(values: T[]) => [...new Set(values)];

export const webhookDecider: Decider<WebhookState, WebhookCommand, WebhookEvent> = {
  initialState: () => ({ status: 'NONE' }),
  evolve(state, event) {
    switch (event.type) {
      case WEBHOOK_CREATED: {
        const { webhookId, workspaceId, url, eventTypes, description, at } = event.data;
        return { status: 'ACTIVE', webhookId, workspaceId, url, eventTypes, description, enabled: true, createdAt: at };
      }
      case WEBHOOK_UPDATED: {
        if (state.status !== 'ACTIVE') return state;
        const { url = state.url, eventTypes = state.eventTypes, description = state.description, enabled = state.enabled } = event.data;
        return { ...state, url, eventTypes, description, enabled, disabledReason: enabled ? undefined : event.data.enabled === false ? 'MEMBER' : state.disabledReason };
      }
      case WEBHOOK_SECRET_ROTATED:
        return state.status === 'ACTIVE' ? { ...state, previousSecretValidUntil: event.data.previousValidUntil } : state;
      case WEBHOOK_DISABLED:
        return state.status === 'ACTIVE' ? { ...state, enabled: false, disabledReason: 'FAILING' } : state;
      case WEBHOOK_DELETED:
        return { status: 'DELETED' };
    }
  },
  decide(command, state, { now, actor }) {
    const at = now.toISOString();
    const by = actor?.accountId;
    if (command.type === 'CreateWebhook') {
      if (state.status !== 'NONE') return [];
      checkSettings(command.settings, command.allowHttp);
      const { url, eventTypes, description } = command.settings;
      return [{ type: WEBHOOK_CREATED, data: { webhookId: command.webhookId, workspaceId: command.workspaceId, url, eventTypes: unique(eventTypes), description, sealedSecret: command.sealedSecret, at, ...(by ? { by } : {}) } }];
    }
    if (state.status !== 'ACTIVE') throw webhookNotFound();
    switch (command.type) {
      case 'UpdateWebhook': {
        checkSettings(command.changes, command.allowHttp);
        const { eventTypes, ...rest } = command.changes;
        const changes = { ...rest, ...(eventTypes ? { eventTypes: unique(eventTypes) } : {}) };
        return [{ type: WEBHOOK_UPDATED, data: { ...changes, at, ...(by ? { by } : {}) } }];
      }
      case 'RotateWebhookSecret':
        return [{ type: WEBHOOK_SECRET_ROTATED, data: { sealedSecret: command.sealedSecret, previousValidUntil: new Date(now.getTime() + PREVIOUS_SECRET_VALID_MS).toISOString(), at, ...(by ? { by } : {}) } }];
      case 'DisableFailingWebhook':
        return state.enabled ? [{ type: WEBHOOK_DISABLED, data: { webhookId: state.webhookId, workspaceId: state.workspaceId, url: state.url, reason: 'FAILING', at } }] : [];
      case 'DeleteWebhook':
        return [{ type: WEBHOOK_DELETED, data: { at, ...(by ? { by } : {}) } }];
    }
  },
};
