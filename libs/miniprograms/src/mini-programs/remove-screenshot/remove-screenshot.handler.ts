import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MiniProgramChanges } from '../mini-program-changes';
import { RemoveScreenshot } from './remove-screenshot.command';

@CommandHandler(RemoveScreenshot)
export class RemoveScreenshotHandler implements ICommandHandler<RemoveScreenshot> {
  constructor(private readonly changes: MiniProgramChanges) {}

  async execute({ payload, meta }: RemoveScreenshot) {
    await this.changes.make(payload.miniProgramId, meta, 'CONFIGURE', { type: 'RemoveScreenshot', screenshotId: payload.screenshotId });
  }
}
