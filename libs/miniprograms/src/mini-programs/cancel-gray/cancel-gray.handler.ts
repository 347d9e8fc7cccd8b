import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MiniProgramChanges } from '../mini-program-changes';
import { CancelGray } from './cancel-gray.command';

@CommandHandler(CancelGray)
export class CancelGrayHandler implements ICommandHandler<CancelGray> {
  constructor(private readonly changes: MiniProgramChanges) {}

  execute({ payload, meta }: CancelGray) {
    return this.changes.ofVersion(payload.miniProgramId, meta, 'RELEASE', { type: 'CancelGray', version: payload.version });
  }
}
