import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { MiniProgramReads } from '../mini-program-reads';
import { versionView } from '../mini-program-views';
import { ListVersions } from './list-versions.query';

/** Its versions, newest upload first. */
@QueryHandler(ListVersions)
export class ListVersionsHandler implements IQueryHandler<ListVersions> {
  constructor(private readonly reads: MiniProgramReads) {}

  async execute({ payload, meta }: ListVersions) {
    const { miniProgramId } = payload;
    const state = await this.reads.current(miniProgramId, meta);
    return { items: Object.values(state.versions).sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt)).map((v) => versionView(miniProgramId, v)) };
  }
}
