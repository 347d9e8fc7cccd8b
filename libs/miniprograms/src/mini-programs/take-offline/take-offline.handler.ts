import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MiniProgramChanges } from '../mini-program-changes';
import { TakeOffline } from './take-offline.command';

@CommandHandler(TakeOffline)
export class TakeOfflineHandler implements ICommandHandler<TakeOffline> {
  constructor(private readonly changes: MiniProgramChanges) {}

  execute({ payload, meta }: TakeOffline) {
    return this.changes.ofMiniProgram(payload.miniProgramId, meta, 'RELEASE', { type: 'TakeOffline' });
  }
}
