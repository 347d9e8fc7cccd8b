import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MiniProgramChanges } from '../mini-program-changes';
import { BringOnline } from './bring-online.command';

@CommandHandler(BringOnline)
export class BringOnlineHandler implements ICommandHandler<BringOnline> {
  constructor(private readonly changes: MiniProgramChanges) {}

  execute({ payload, meta }: BringOnline) {
    return this.changes.ofMiniProgram(payload.miniProgramId, meta, 'RELEASE', { type: 'BringOnline' });
  }
}
