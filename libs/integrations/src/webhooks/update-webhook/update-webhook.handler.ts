import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, SqlClient } from '@mpp/eventsourcing';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/application';
import { INTEGRATIONS_CONFIG, IntegrationsConfig } from '../../integrations.config';
import { updateWebhook } from '../webhook-changes';
import { UpdateWebhook } from './update-webhook.command';

@CommandHandler(UpdateWebhook)
export class UpdateWebhookHandler implements ICommandHandler<UpdateWebhook> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(INTEGRATIONS_CONFIG) private readonly config: IntegrationsConfig,
  ) {}

  execute({ payload, meta }: UpdateWebhook) {
    return updateWebhook(this.aggregates, this.sql, this.config.allowPrivateNetworks, payload, meta);
  }
}
