import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '@mpp/eventsourcing';
import { AGGREGATE_STORE } from '@mpp/application';
import { MiniProgramChanges } from '../../mini-programs/mini-program-changes';
import { requireKeyManager } from '../upload-key-access';
import { uploadKeysDecider, uploadKeysStreamId } from '../upload-keys.decider';
import { RevokeUploadKey } from './revoke-upload-key.command';

@CommandHandler(RevokeUploadKey)
export class RevokeUploadKeyHandler implements ICommandHandler<RevokeUploadKey> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    private readonly changes: MiniProgramChanges,
  ) {}

  async execute({ payload, meta }: RevokeUploadKey): Promise<void> {
    const manager = await requireKeyManager(this.changes, payload.miniProgramId, meta);
    await this.aggregates.handle(uploadKeysDecider, uploadKeysStreamId(payload.miniProgramId), { type: 'RevokeUploadKey', keyId: payload.keyId, ...manager }, { metadata: meta });
  }
}
