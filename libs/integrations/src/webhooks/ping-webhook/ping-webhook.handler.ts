import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, SqlClient } from '@mpp/eventsourcing';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/application';
import { DeliveryLog } from '../../deliveries/delivery-log';
import { DELIVERY_LOG } from '../../integrations.config';
import { requireWebhookAdmin } from '../webhook-changes';
import { PingWebhook } from './ping-webhook.command';

@CommandHandler(PingWebhook)
export class PingWebhookHandler implements ICommandHandler<PingWebhook> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(DELIVERY_LOG) private readonly deliveries: DeliveryLog,
  ) {}

  async execute({ payload, meta }: PingWebhook): Promise<{ deliveryId: string }> {
    await requireWebhookAdmin(this.aggregates, this.sql, payload.webhookId, meta);
    return { deliveryId: await this.deliveries.ping(payload.webhookId, new Date()) };
  }
}
