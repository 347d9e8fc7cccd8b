import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CreatedUploadKey } from '@mpp/contracts';
import { AggregateStore } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { AGGREGATE_STORE } from '@mpp/application';
import { MiniProgramChanges } from '../../mini-programs/mini-program-changes';
import { requireKeyManager } from '../upload-key-access';
import { newUploadKey, uploadKeyHash, uploadKeysDecider, uploadKeysStreamId } from '../upload-keys.decider';
import { CreateUploadKey } from './create-upload-key.command';

@CommandHandler(CreateUploadKey)
export class CreateUploadKeyHandler implements ICommandHandler<CreateUploadKey> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    private readonly changes: MiniProgramChanges,
  ) {}

  async execute({ payload, meta }: CreateUploadKey): Promise<CreatedUploadKey> {
    const manager = await requireKeyManager(this.changes, payload.miniProgramId, meta);
    // Drawn here, not in the decider: the key is in the answer only, its hash in the event.
    const keyId = randomUUID();
    const key = newUploadKey();
    const facts = {
      keyId,
      name: payload.name,
      keyHash: uploadKeyHash(key),
      ipAllowlist: payload.ipAllowlist,
      allowAnyIp: payload.allowAnyIp ?? false,
      expiresAt: payload.expiresAt,
      createdBy: signedIn(meta).accountId,
      ...manager,
    };
    await this.aggregates.handle(uploadKeysDecider, uploadKeysStreamId(payload.miniProgramId), { type: 'CreateUploadKey', miniProgramId: payload.miniProgramId, key: facts }, { metadata: meta });
    return { keyId, key };
  }
}
