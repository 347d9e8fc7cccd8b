import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '@mpp/eventsourcing';
import { AGGREGATE_STORE } from '@mpp/application';
import { revokeIngestionKey } from '../ingestion-key-changes';
import { RevokeIngestionKey } from './revoke-ingestion-key.command';

@CommandHandler(RevokeIngestionKey)
export class RevokeIngestionKeyHandler implements ICommandHandler<RevokeIngestionKey> {
  constructor(@Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore) {}

  execute({ payload, meta }: RevokeIngestionKey): Promise<void> {
    return revokeIngestionKey(this.aggregates, payload.hostApp, payload.keyId, meta);
  }
}
