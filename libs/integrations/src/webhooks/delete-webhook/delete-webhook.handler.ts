import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, SqlClient } from '@mpp/eventsourcing';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/application';
import { requireWebhookAdmin } from '../webhook-changes';
import { webhookDecider, webhookStreamId } from '../webhook.decider';
import { DeleteWebhook } from './delete-webhook.command';

@CommandHandler(DeleteWebhook)
export class DeleteWebhookHandler implements ICommandHandler<DeleteWebhook> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
  ) {}

  async execute({ payload, meta }: DeleteWebhook): Promise<void> {
    const current = await requireWebhookAdmin(this.aggregates, this.sql, payload.webhookId, meta);
    await this.aggregates.handle(webhookDecider, webhookStreamId(payload.webhookId), { type: 'DeleteWebhook' }, { metadata: meta, from: current });
  }
}
