import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MiniProgramChanges } from '../mini-program-changes';
import { UploadVersion } from './upload-version.command';

@CommandHandler(UploadVersion)
export class UploadVersionHandler implements ICommandHandler<UploadVersion> {
  constructor(private readonly changes: MiniProgramChanges) {}

  execute({ payload, meta }: UploadVersion) {
    return this.changes.ofVersion(payload.miniProgramId, meta, 'UPLOAD', { type: 'UploadVersion', version: payload.version, description: payload.description, package: payload.package });
  }
}
