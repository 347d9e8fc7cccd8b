import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, SqlClient } from '@mpp/eventsourcing';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/application';
import { INTEGRATIONS_CONFIG, IntegrationsConfig, SECRET_BOX } from '../../integrations.config';
import { SecretBox } from '../secret-box';
import { createWebhook } from '../webhook-changes';
import { CreateWebhook } from './create-webhook.command';

@CommandHandler(CreateWebhook)
export class CreateWebhookHandler implements ICommandHandler<CreateWebhook> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(SECRET_BOX) private readonly box: SecretBox,
    @Inject(INTEGRATIONS_CONFIG) private readonly config: IntegrationsConfig,
  ) {}

  execute({ payload, meta }: CreateWebhook) {
    return createWebhook(this.aggregates, this.sql, this.box, this.config.allowPrivateNetworks, payload, meta);
  }
}
