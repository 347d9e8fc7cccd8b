import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { UploadKeyView } from '@mpp/contracts';
import { AggregateStore } from '@mpp/eventsourcing';
import { AGGREGATE_STORE } from '@mpp/application';
import { MiniProgramChanges } from '../../mini-programs/mini-program-changes';
import { requireKeyManager } from '../upload-key-access';
import { UPLOAD_KEY_USES, UploadKeyUses } from '../upload-key-uses';
import { uploadKeyIsActive, uploadKeysDecider, uploadKeysStreamId } from '../upload-keys.decider';
import { ListUploadKeys } from './list-upload-keys.query';

/** From the keys' stream (a key just made is listed at once), oldest first, with each one's last use. */
@QueryHandler(ListUploadKeys)
export class ListUploadKeysHandler implements IQueryHandler<ListUploadKeys> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(UPLOAD_KEY_USES) private readonly uses: UploadKeyUses,
    private readonly changes: MiniProgramChanges,
  ) {}

  async execute({ payload, meta }: ListUploadKeys): Promise<{ items: UploadKeyView[] }> {
    const manager = await requireKeyManager(this.changes, payload.miniProgramId, meta);
    const { state } = await this.aggregates.load(uploadKeysDecider, uploadKeysStreamId(payload.miniProgramId));
    const keys = Object.values(state.keys).filter((k) => manager.side === 'MERCHANT' || k.workspaceId === manager.workspaceId);
    const used = await this.uses.of(keys.map((k) => k.keyId));
    const now = new Date();
    return {
      items: keys.map((k) => ({
        keyId: k.keyId,
        name: k.name,
        ipAllowlist: k.ipAllowlist,
        allowAnyIp: k.allowAnyIp,
        expiresAt: k.expiresAt,
        createdAt: k.createdAt,
        workspaceId: k.workspaceId,
        ...used.get(k.keyId),
        status: k.revokedAt ? 'REVOKED' : uploadKeyIsActive(k, now) ? 'ACTIVE' : 'EXPIRED',
      })),
    };
  }
}
