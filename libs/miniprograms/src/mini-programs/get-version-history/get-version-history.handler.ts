import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { versionNotFound } from '../../miniprograms.errors';
import { historyItem, MiniProgramReads } from '../mini-program-reads';
import { GetVersionHistory } from './get-version-history.query';

/** Every transition of one version (a rollback's too, from or to it), oldest first, from the mini program's stream. */
@QueryHandler(GetVersionHistory)
export class GetVersionHistoryHandler implements IQueryHandler<GetVersionHistory> {
  constructor(private readonly reads: MiniProgramReads) {}

  async execute({ payload, meta }: GetVersionHistory) {
    const { version } = payload;
    const events = await this.reads.events(payload.miniProgramId, meta);
    if (!events.some((e) => e.data.version === version)) throw versionNotFound(version);
    return { items: events.filter((e) => e.data.version === version || e.data.from === version || e.data.to === version).map(historyItem) };
  }
}
