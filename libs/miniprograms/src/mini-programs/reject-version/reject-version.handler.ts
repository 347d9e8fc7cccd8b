import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MiniProgramChanges } from '../mini-program-changes';
import { RejectVersion } from './reject-version.command';

@CommandHandler(RejectVersion)
export class RejectVersionHandler implements ICommandHandler<RejectVersion> {
  constructor(private readonly changes: MiniProgramChanges) {}

  execute({ payload, meta }: RejectVersion) {
    return this.changes.ofVersion(payload.miniProgramId, meta, 'REVIEWER', { type: 'RejectVersion', version: payload.version, reason: payload.reason });
  }
}
