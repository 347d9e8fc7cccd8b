import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { SqlClient } from '@mpp/eventsourcing';
import { SQL_CLIENT } from '@mpp/application';
import { DeliveryLog } from './deliveries/delivery-log';
import { ListWebhookDeliveriesHandler } from './deliveries/list-webhook-deliveries/list-webhook-deliveries.handler';
import { RedeliverWebhookDeliveryHandler } from './deliveries/redeliver-webhook-delivery/redeliver-webhook-delivery.handler';
import { DELIVERY_LOG, INTEGRATIONS_CONFIG, IntegrationsConfig, SECRET_BOX } from './integrations.config';
import { CreateWebhookHandler } from './webhooks/create-webhook/create-webhook.handler';
import { DeleteWebhookHandler } from './webhooks/delete-webhook/delete-webhook.handler';
import { ListWebhooksHandler } from './webhooks/list-webhooks/list-webhooks.handler';
import { PingWebhookHandler } from './webhooks/ping-webhook/ping-webhook.handler';
import { RotateWebhookSecretHandler } from './webhooks/rotate-webhook-secret/rotate-webhook-secret.handler';
import { SecretBox } from './webhooks/secret-box';
import { UpdateWebhookHandler } from './webhooks/update-webhook/update-webhook.handler';
import { ListWorkspaceEventsHandler } from './workspace-events/list-workspace-events/list-workspace-events.handler';

const handlers = [
  CreateWebhookHandler,
  ListWebhooksHandler,
  UpdateWebhookHandler,
  DeleteWebhookHandler,
  RotateWebhookSecretHandler,
  PingWebhookHandler,
  ListWebhookDeliveriesHandler,
  RedeliverWebhookDeliveryHandler,
  ListWorkspaceEventsHandler,
];

@Module({
  imports: [CqrsModule.forRoot()],
  providers: [
    ...handlers,
    { provide: INTEGRATIONS_CONFIG, useFactory: () => IntegrationsConfig.fromEnv() },
    { provide: SECRET_BOX, useFactory: (config: IntegrationsConfig) => new SecretBox(config.webhookSecretsKey), inject: [INTEGRATIONS_CONFIG] },
    { provide: DELIVERY_LOG, useFactory: (sql: SqlClient) => new DeliveryLog(sql).init(), inject: [SQL_CLIENT] },
  ],
})
export class IntegrationsModule {}
