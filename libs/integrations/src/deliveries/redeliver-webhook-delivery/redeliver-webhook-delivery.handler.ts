import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, SqlClient } from '@mpp/eventsourcing';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/application';
import { DELIVERY_LOG } from '../../integrations.config';
import { deliveryNotFound } from '../../integrations.errors';
import { requireWebhookAdmin } from '../../webhooks/webhook-changes';
import { DeliveryLog } from '../delivery-log';
import { RedeliverWebhookDelivery } from './redeliver-webhook-delivery.command';

@CommandHandler(RedeliverWebhookDelivery)
export class RedeliverWebhookDeliveryHandler implements ICommandHandler<RedeliverWebhookDelivery> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(DELIVERY_LOG) private readonly deliveries: DeliveryLog,
  ) {}

  async execute({ payload, meta }: RedeliverWebhookDelivery): Promise<{ deliveryId: string }> {
    await requireWebhookAdmin(this.aggregates, this.sql, payload.webhookId, meta);
    if (!(await this.deliveries.redeliver(payload.webhookId, payload.deliveryId))) throw deliveryNotFound();
    return { deliveryId: payload.deliveryId };
  }
}
