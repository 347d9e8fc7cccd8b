import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { own } from '@mpp/platform';
import { SQL_CLIENT } from '@mpp/runtime';
import { versionNotFound } from '../../miniprograms.errors';
import { readableMiniProgram } from '../mini-program-reads';
import { versionView } from '../mini-program-views';
import { GetVersion } from './get-version.query';

/** One version: status, package hash and size, reason, release mode, gray percent. */
@QueryHandler(GetVersion)
export class GetVersionHandler implements IQueryHandler<GetVersion> {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async execute({ payload, meta }: GetVersion) {
    const { miniProgramId, version } = payload;
    const state = await readableMiniProgram(this.sql, miniProgramId, signedIn(meta));
    const found = own(state.versions, version);
    if (!found) throw versionNotFound(version);
    return versionView(miniProgramId, found);
  }
}
