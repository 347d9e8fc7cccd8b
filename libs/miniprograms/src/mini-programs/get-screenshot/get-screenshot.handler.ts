import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { screenshotNotFound } from '../../miniprograms.errors';
import { MiniProgramReads } from '../mini-program-reads';
import { GetScreenshot } from './get-screenshot.query';

/** Those who see the mini program's detail see its screenshots; the gateway reads the bytes from its blob store. */
@QueryHandler(GetScreenshot)
export class GetScreenshotHandler implements IQueryHandler<GetScreenshot> {
  constructor(private readonly reads: MiniProgramReads) {}

  async execute({ payload, meta }: GetScreenshot) {
    const { screenshots = [] } = await this.reads.current(payload.miniProgramId, meta);
    const screenshot = screenshots.find((s) => s.screenshotId === payload.screenshotId);
    if (!screenshot) throw screenshotNotFound();
    const { sha256, size, contentType, width, height } = screenshot;
    return { sha256, size, contentType, width, height };
  }
}
