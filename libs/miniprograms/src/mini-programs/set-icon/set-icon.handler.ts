import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MiniProgramChanges } from '../mini-program-changes';
import { SetIcon } from './set-icon.command';

@CommandHandler(SetIcon)
export class SetIconHandler implements ICommandHandler<SetIcon> {
  constructor(private readonly changes: MiniProgramChanges) {}

  async execute({ payload, meta }: SetIcon) {
    await this.changes.make(payload.miniProgramId, meta, 'CONFIGURE', { type: 'SetIcon', image: payload.image });
  }
}
