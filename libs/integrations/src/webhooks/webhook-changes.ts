import { randomUUID } from 'node:crypto';
import { CreatedWebhook, NewWebhook, RequestMeta, WebhookChange, WebhookView } from '@mpp/contracts';
import { AggregateStore, SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { webhookNotFound } from '../integrations.errors';
import { requireOwnerOrAdmin } from '../workspace-access';
import { SecretBox } from './secret-box';
import { webhookDecider, WebhookState, webhookStreamId } from './webhook.decider';

// The webhook verbs' shared steps: who may act (the endpoint's workspace's Owner and Admins, read from its stream so a
// change is seen at once), and the view they answer with.

export type ExistingWebhook = Extract<WebhookState, { status: 'ACTIVE' }>;

/** The endpoint, when the caller is an Owner or Admin of its workspace; anyone else is told there is none. */
export async function requireWebhookAdmin(aggregates: AggregateStore, sql: SqlClient, webhookId: string, meta: RequestMeta): Promise<{ state: ExistingWebhook; version: number }> {
  const actor = signedIn(meta);
  const { state, version } = await aggregates.load(webhookDecider, webhookStreamId(webhookId));
  if (state.status !== 'ACTIVE') throw webhookNotFound();
  await requireOwnerOrAdmin(sql, state.workspaceId, actor.accountId, webhookNotFound);
  return { state, version };
}

export function webhookView(state: ExistingWebhook, now = new Date()): WebhookView {
  const { webhookId, workspaceId, url, eventTypes, description, enabled, disabledReason, createdAt, previousSecretValidUntil } = state;
  const previousValid = previousSecretValidUntil && Date.parse(previousSecretValidUntil) > now.getTime();
  return { webhookId, workspaceId, url, eventTypes, description, enabled, ...(disabledReason ? { disabledReason } : {}), createdAt, ...(previousValid ? { previousSecretValidUntil } : {}) };
}

export async function createWebhook(aggregates: AggregateStore, sql: SqlClient, box: SecretBox, allowHttp: boolean, request: NewWebhook, meta: RequestMeta): Promise<CreatedWebhook> {
  const actor = signedIn(meta);
  await requireOwnerOrAdmin(sql, request.workspaceId, actor.accountId);
  // Drawn here, not in the decider: the secret is answered once and only its sealed form is in the event (nor is it
  // in the command log: CreateWebhook is not replayable).
  const webhookId = randomUUID();
  const secret = SecretBox.newSecret();
  const settings = { url: request.url, eventTypes: request.eventTypes, description: request.description ?? '' };
  await aggregates.handle(webhookDecider, webhookStreamId(webhookId), { type: 'CreateWebhook', webhookId, workspaceId: request.workspaceId, settings, sealedSecret: box.seal(secret), allowHttp }, { metadata: meta, mustBeNew: true });
  return { webhookId, secret };
}

export async function updateWebhook(aggregates: AggregateStore, sql: SqlClient, allowHttp: boolean, change: WebhookChange, meta: RequestMeta): Promise<WebhookView> {
  const current = await requireWebhookAdmin(aggregates, sql, change.webhookId, meta);
  const { webhookId, ...changes } = change;
  const { state } = await aggregates.handle(webhookDecider, webhookStreamId(webhookId), { type: 'UpdateWebhook', changes, allowHttp }, { metadata: meta, from: current });
  return webhookView(state as ExistingWebhook);
}
