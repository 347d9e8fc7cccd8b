import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MiniProgramChanges } from '../mini-program-changes';
import { CompleteGray } from './complete-gray.command';

@CommandHandler(CompleteGray)
export class CompleteGrayHandler implements ICommandHandler<CompleteGray> {
  constructor(private readonly changes: MiniProgramChanges) {}

  execute({ payload, meta }: CompleteGray) {
    return this.changes.ofVersion(payload.miniProgramId, meta, 'RELEASE', { type: 'CompleteGray', version: payload.version });
  }
}
