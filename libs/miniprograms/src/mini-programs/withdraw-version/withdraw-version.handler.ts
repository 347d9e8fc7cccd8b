import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MiniProgramChanges } from '../mini-program-changes';
import { WithdrawVersion } from './withdraw-version.command';

@CommandHandler(WithdrawVersion)
export class WithdrawVersionHandler implements ICommandHandler<WithdrawVersion> {
  constructor(private readonly changes: MiniProgramChanges) {}

  execute({ payload, meta }: WithdrawVersion) {
    return this.changes.ofVersion(payload.miniProgramId, meta, 'SUBMIT_REVIEW', { type: 'WithdrawVersion', version: payload.version });
  }
}
