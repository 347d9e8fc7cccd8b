import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DeliveryView } from '@mpp/contracts';
import { AggregateStore, SqlClient } from '@mpp/eventsourcing';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/application';
import { DELIVERY_LOG } from '../../integrations.config';
import { requireWebhookAdmin } from '../../webhooks/webhook-changes';
import { DeliveryLog } from '../delivery-log';
import { ListWebhookDeliveries } from './list-webhook-deliveries.query';

@QueryHandler(ListWebhookDeliveries)
export class ListWebhookDeliveriesHandler implements IQueryHandler<ListWebhookDeliveries> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(DELIVERY_LOG) private readonly deliveries: DeliveryLog,
  ) {}

  async execute({ payload, meta }: ListWebhookDeliveries): Promise<{ items: DeliveryView[] }> {
    await requireWebhookAdmin(this.aggregates, this.sql, payload.webhookId, meta);
    return { items: await this.deliveries.list(payload.webhookId, payload.status) };
  }
}
