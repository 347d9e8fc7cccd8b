import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MiniProgramChanges } from '../mini-program-changes';
import { ApproveVersion } from './approve-version.command';

@CommandHandler(ApproveVersion)
export class ApproveVersionHandler implements ICommandHandler<ApproveVersion> {
  constructor(private readonly changes: MiniProgramChanges) {}

  execute({ payload, meta }: ApproveVersion) {
    return this.changes.ofVersion(payload.miniProgramId, meta, 'REVIEWER', { type: 'ApproveVersion', version: payload.version });
  }
}
