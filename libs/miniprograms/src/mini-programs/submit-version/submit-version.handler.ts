import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MiniProgramChanges } from '../mini-program-changes';
import { SubmitVersion } from './submit-version.command';

@CommandHandler(SubmitVersion)
export class SubmitVersionHandler implements ICommandHandler<SubmitVersion> {
  constructor(private readonly changes: MiniProgramChanges) {}

  execute({ payload, meta }: SubmitVersion) {
    return this.changes.ofVersion(payload.miniProgramId, meta, 'SUBMIT_REVIEW', { type: 'SubmitVersion', version: payload.version, releaseMode: payload.releaseMode, note: payload.note });
  }
}
