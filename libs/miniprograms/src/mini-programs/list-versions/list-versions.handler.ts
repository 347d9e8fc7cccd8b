import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { SQL_CLIENT } from '@mpp/runtime';
import { readableMiniProgram } from '../mini-program-reads';
import { versionView } from '../mini-program-views';
import { ListVersions } from './list-versions.query';

/** Its versions, newest upload first; to the merchant, an authorized ISV and reviewers. */
@QueryHandler(ListVersions)
export class ListVersionsHandler implements IQueryHandler<ListVersions> {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async execute({ payload, meta }: ListVersions) {
    const { miniProgramId } = payload;
    const state = await readableMiniProgram(this.sql, miniProgramId, signedIn(meta));
    return { items: Object.values(state.versions).sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt)).map((v) => versionView(miniProgramId, v)) };
  }
}
