import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MiniProgramChanges } from '../mini-program-changes';
import { DeleteVersion } from './delete-version.command';

@CommandHandler(DeleteVersion)
export class DeleteVersionHandler implements ICommandHandler<DeleteVersion> {
  constructor(private readonly changes: MiniProgramChanges) {}

  async execute({ payload, meta }: DeleteVersion) {
    await this.changes.make(payload.miniProgramId, meta, 'UPLOAD', { type: 'DeleteVersion', version: payload.version });
  }
}
