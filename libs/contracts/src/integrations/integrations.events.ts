// integrations' public events, on integrations.events (schema version 1): what identity mails a workspace's Owner
// about. Its other events (an endpoint's settings and sealed secrets) stay inside.

export const WEBHOOK_DISABLED = 'integrations.WebhookDisabled';

/** An endpoint that failed every delivery for 5 days was disabled (DOMAIN.md 7): its workspace's Owner is mailed. */
export interface WebhookDisabledV1 {
  webhookId: string;
  workspaceId: string;
  url: string;
  reason: 'FAILING';
  at: string;
}

export const INTEGRATIONS_PUBLIC_EVENTS: readonly string[] = [WEBHOOK_DISABLED];
