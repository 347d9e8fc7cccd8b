import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MiniProgramChanges } from '../mini-program-changes';
import { AddScreenshot } from './add-screenshot.command';

@CommandHandler(AddScreenshot)
export class AddScreenshotHandler implements ICommandHandler<AddScreenshot> {
  constructor(private readonly changes: MiniProgramChanges) {}

  async execute({ payload, meta }: AddScreenshot) {
    const { state } = await this.changes.make(payload.miniProgramId, meta, 'CONFIGURE', { type: 'AddScreenshot', image: payload.image });
    // The state after this change's own append: its screenshot is the last one.
    const added = state.screenshots?.at(-1);
    if (!added) throw new Error('an added screenshot is in the state');
    return { screenshotId: added.screenshotId };
  }
}
