import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MiniProgramChanges } from '../mini-program-changes';
import { Rollback } from './rollback.command';

@CommandHandler(Rollback)
export class RollbackHandler implements ICommandHandler<Rollback> {
  constructor(private readonly changes: MiniProgramChanges) {}

  execute({ payload, meta }: Rollback) {
    return this.changes.ofMiniProgram(payload.miniProgramId, meta, 'RELEASE', { type: 'Rollback' });
  }
}
