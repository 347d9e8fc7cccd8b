import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MiniProgramChanges } from '../mini-program-changes';
import { SetTrial } from './set-trial.command';

@CommandHandler(SetTrial)
export class SetTrialHandler implements ICommandHandler<SetTrial> {
  constructor(private readonly changes: MiniProgramChanges) {}

  async execute({ payload, meta }: SetTrial) {
    const { state } = await this.changes.make(payload.miniProgramId, meta, 'UPLOAD', { type: 'SetTrial', version: payload.version });
    return { trialVersion: state.trialVersion };
  }
}
