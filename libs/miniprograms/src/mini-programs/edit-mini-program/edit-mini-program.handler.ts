import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MiniProgramChanges } from '../mini-program-changes';
import { EditMiniProgram } from './edit-mini-program.command';

@CommandHandler(EditMiniProgram)
export class EditMiniProgramHandler implements ICommandHandler<EditMiniProgram> {
  constructor(private readonly changes: MiniProgramChanges) {}

  execute({ payload: { miniProgramId, ...changes }, meta }: EditMiniProgram) {
    return this.changes.ofMiniProgram(miniProgramId, meta, 'CONFIGURE', { type: 'EditMiniProgram', changes });
  }
}
