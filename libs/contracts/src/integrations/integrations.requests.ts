// Requests the gateway sends to integrations (DOMAIN.md 7, API.md Integrations).
import type { Answers } from '../messaging/request-map';
import type { WorkspaceRef } from '../identity/workspaces.requests';
import type { WorkspaceEvent, WorkspaceEventType } from './workspace-events';

export const CREATE_WEBHOOK = 'integrations.CreateWebhook';
export const LIST_WEBHOOKS = 'integrations.ListWebhooks';
export const UPDATE_WEBHOOK = 'integrations.UpdateWebhook';
export const DELETE_WEBHOOK = 'integrations.DeleteWebhook';
export const ROTATE_WEBHOOK_SECRET = 'integrations.RotateWebhookSecret';
export const PING_WEBHOOK = 'integrations.PingWebhook';
export const LIST_WEBHOOK_DELIVERIES = 'integrations.ListWebhookDeliveries';
export const REDELIVER_WEBHOOK_DELIVERY = 'integrations.RedeliverWebhookDelivery';
export const LIST_WORKSPACE_EVENTS = 'integrations.ListWorkspaceEvents';

export interface WebhookRef {
  webhookId: string;
}

export interface NewWebhook extends WorkspaceRef {
  url: string;
  eventTypes: WorkspaceEventType[];
  description?: string;
}

export interface WebhookChange extends WebhookRef {
  url?: string;
  eventTypes?: WorkspaceEventType[];
  description?: string;
  enabled?: boolean;
}

/** A signing secret (`whsec_…`), answered once: only its sealed form is kept. */
export interface WebhookSecret {
  secret: string;
}

export interface CreatedWebhook extends WebhookRef, WebhookSecret {}

export interface WebhookView {
  webhookId: string;
  workspaceId: string;
  url: string;
  eventTypes: WorkspaceEventType[];
  description: string;
  enabled: boolean;
  /** Why it is disabled: by a member (MEMBER), or after failing every delivery for 5 days (FAILING). */
  disabledReason?: 'MEMBER' | 'FAILING';
  createdAt: string;
  /** Until when the secret before the last rotation still signs too. */
  previousSecretValidUntil?: string;
}

export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'FAILED';
export const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['PENDING', 'DELIVERED', 'FAILED'];

export interface DeliveryAttempt {
  at: string;
  statusCode?: number;
  durationMs: number;
  error?: string;
  /** The first 1 KB of the answer's body. */
  response?: string;
}

export interface DeliveryView {
  deliveryId: string;
  eventId: string;
  eventType: string;
  status: DeliveryStatus;
  attempts: DeliveryAttempt[];
  /** When the next attempt is due (PENDING only). */
  nextAttemptAt?: string;
}

export interface DeliveriesQuery extends WebhookRef {
  status?: DeliveryStatus;
}

export interface DeliveryRef extends WebhookRef {
  deliveryId: string;
}

export interface WorkspaceEventsQuery extends WorkspaceRef {
  /** A previous page's `nextCursor`: the events after it. */
  after?: string;
  types?: WorkspaceEventType[];
  limit: number;
}

export interface WorkspaceEventsPage {
  items: WorkspaceEvent[];
  /** Pass as `after` for the events that follow (the same cursor again when there are none yet). */
  nextCursor: string;
}

/** integrations' requests. */
export interface IntegrationsRequests {
  [CREATE_WEBHOOK]: Answers<NewWebhook, CreatedWebhook>;
  [LIST_WEBHOOKS]: Answers<WorkspaceRef, { items: WebhookView[] }>;
  [UPDATE_WEBHOOK]: Answers<WebhookChange, WebhookView>;
  [DELETE_WEBHOOK]: Answers<WebhookRef, void>;
  [ROTATE_WEBHOOK_SECRET]: Answers<WebhookRef, WebhookSecret>;
  [PING_WEBHOOK]: Answers<WebhookRef, { deliveryId: string }>;
  [LIST_WEBHOOK_DELIVERIES]: Answers<DeliveriesQuery, { items: DeliveryView[] }>;
  [REDELIVER_WEBHOOK_DELIVERY]: Answers<DeliveryRef, { deliveryId: string }>;
  [LIST_WORKSPACE_EVENTS]: Answers<WorkspaceEventsQuery, WorkspaceEventsPage>;
}
