import { AGGREGATE_STORE, LOGGER, ServiceDefinition } from '@mpp/application';
import { INTEGRATIONS_PUBLIC_EVENTS } from '@mpp/contracts';
import { AggregateStore } from '@mpp/eventsourcing';
import { Logger } from '@mpp/platform';
import { knownWorkspacesProjection } from '@mpp/workspace-replica';
import { DeliveryLog } from './deliveries/delivery-log';
import { ListWebhookDeliveries } from './deliveries/list-webhook-deliveries/list-webhook-deliveries.query';
import { RedeliverWebhookDelivery } from './deliveries/redeliver-webhook-delivery/redeliver-webhook-delivery.command';
import { WebhookDispatcher } from './deliveries/webhook-dispatcher';
import { DELIVERY_LOG, INTEGRATIONS_CONFIG, IntegrationsConfig, SECRET_BOX } from './integrations.config';
import { IntegrationsModule } from './integrations.module';
import { CreateWebhook } from './webhooks/create-webhook/create-webhook.command';
import { DeleteWebhook } from './webhooks/delete-webhook/delete-webhook.command';
import { ListWebhooks } from './webhooks/list-webhooks/list-webhooks.query';
import { PingWebhook } from './webhooks/ping-webhook/ping-webhook.command';
import { RotateWebhookSecret } from './webhooks/rotate-webhook-secret/rotate-webhook-secret.command';
import { SecretBox } from './webhooks/secret-box';
import { UpdateWebhook } from './webhooks/update-webhook/update-webhook.command';
import { webhooksProjection } from './webhooks/webhooks.projection';
import { ListWorkspaceEvents } from './workspace-events/list-workspace-events/list-workspace-events.query';
import { workspaceEventsProjection } from './workspace-events/workspace-events.projection';

/**
 * Integrations (DOMAIN.md 7): what ISVs and merchants hear of without polling. The public events of ordering and
 * miniprograms become each workspace's events (./workspace-events: the feed); webhooks deliver them (./webhooks: the
 * endpoints; ./deliveries: the outbox, the dispatcher and the log).
 */
export const integrationsService: ServiceDefinition = {
  name: 'integrations',
  module: IntegrationsModule,
  projections: [knownWorkspacesProjection, webhooksProjection, workspaceEventsProjection],
  consumes: ['identity', 'ordering', 'miniprograms'],
  publishes: INTEGRATIONS_PUBLIC_EVENTS,
  requests: [CreateWebhook, ListWebhooks, UpdateWebhook, DeleteWebhook, RotateWebhookSecret, PingWebhook, ListWebhookDeliveries, RedeliverWebhookDelivery, ListWorkspaceEvents],
  daemons: (context) => [
    new WebhookDispatcher(context.get<DeliveryLog>(DELIVERY_LOG), context.get<SecretBox>(SECRET_BOX), context.get<AggregateStore>(AGGREGATE_STORE), context.get<Logger>(LOGGER), {
      allowPrivateNetworks: context.get<IntegrationsConfig>(INTEGRATIONS_CONFIG).allowPrivateNetworks,
    }),
  ],
};
