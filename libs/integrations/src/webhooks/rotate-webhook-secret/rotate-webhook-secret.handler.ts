import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { WebhookSecret } from '@mpp/contracts';
import { AggregateStore, SqlClient } from '@mpp/eventsourcing';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/application';
import { SECRET_BOX } from '../../integrations.config';
import { SecretBox } from '../secret-box';
import { requireWebhookAdmin } from '../webhook-changes';
import { webhookDecider, webhookStreamId } from '../webhook.decider';
import { RotateWebhookSecret } from './rotate-webhook-secret.command';

@CommandHandler(RotateWebhookSecret)
export class RotateWebhookSecretHandler implements ICommandHandler<RotateWebhookSecret> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(SECRET_BOX) private readonly box: SecretBox,
  ) {}

  async execute({ payload, meta }: RotateWebhookSecret): Promise<WebhookSecret> {
    const current = await requireWebhookAdmin(this.aggregates, this.sql, payload.webhookId, meta);
    const secret = SecretBox.newSecret();
    await this.aggregates.handle(webhookDecider, webhookStreamId(payload.webhookId), { type: 'RotateWebhookSecret', sealedSecret: this.box.seal(secret) }, { metadata: meta, from: current });
    return { secret };
  }
}
