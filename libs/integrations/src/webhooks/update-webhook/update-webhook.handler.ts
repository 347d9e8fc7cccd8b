import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, SqlClient } from '@mpp/eventsourcing';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/application';
import { DeliveryLog } from '../../deliveries/delivery-log';
import { DELIVERY_LOG, INTEGRATIONS_CONFIG, IntegrationsConfig } from '../../integrations.config';
import { updateWebhook } from '../webhook-changes';
import { UpdateWebhook } from './update-webhook.command';

@CommandHandler(UpdateWebhook)
export class UpdateWebhookHandler implements ICommandHandler<UpdateWebhook> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(INTEGRATIONS_CONFIG) private readonly config: IntegrationsConfig,
    @Inject(DELIVERY_LOG) private readonly deliveries: DeliveryLog,
  ) {}

  async execute({ payload, meta }: UpdateWebhook) {
    const view = await updateWebhook(this.aggregates, this.sql, this.config.allowPrivateNetworks, payload, meta);
    // Enabled again, or sent elsewhere: its failures so far no longer count towards disabling it.
    if (payload.enabled === true || payload.url !== undefined) await this.deliveries.resetHealth(payload.webhookId);
    return view;
  }
}
