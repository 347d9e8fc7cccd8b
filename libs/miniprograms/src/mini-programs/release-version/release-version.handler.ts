import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MiniProgramChanges } from '../mini-program-changes';
import { ReleaseVersion } from './release-version.command';

@CommandHandler(ReleaseVersion)
export class ReleaseVersionHandler implements ICommandHandler<ReleaseVersion> {
  constructor(private readonly changes: MiniProgramChanges) {}

  execute({ payload, meta }: ReleaseVersion) {
    return this.changes.ofVersion(payload.miniProgramId, meta, 'RELEASE', { type: 'ReleaseVersion', version: payload.version, grayPercent: payload.grayPercent });
  }
}
