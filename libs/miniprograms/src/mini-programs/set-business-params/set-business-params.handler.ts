import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MiniProgramChanges } from '../mini-program-changes';
import { SetBusinessParams } from './set-business-params.command';

@CommandHandler(SetBusinessParams)
export class SetBusinessParamsHandler implements ICommandHandler<SetBusinessParams> {
  constructor(private readonly changes: MiniProgramChanges) {}

  execute({ payload, meta }: SetBusinessParams) {
    return this.changes.ofMiniProgram(payload.miniProgramId, meta, 'CONFIGURE', { type: 'SetBusinessParams', params: payload.params });
  }
}
