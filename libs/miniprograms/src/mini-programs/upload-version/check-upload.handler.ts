import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AggregateStore, SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/runtime';
import { requireAccess } from '../../access/mini-program-access';
import { miniProgramNotFound } from '../../miniprograms.errors';
import { checkNewVersion, miniProgramDecider, miniProgramStreamId } from '../mini-program.decider';
import { CheckUpload } from './check-upload.query';

/** The largest package accepted (DOMAIN.md 4: 20 MB by default). */
export const MAX_PACKAGE_BYTES = 20 * 1024 * 1024;

/**
 * Before the gateway reads a byte of a package: the caller may upload (UPLOAD) and the version string passes the
 * decider's rules for a new version. Answers how large the package may be.
 */
@QueryHandler(CheckUpload)
export class CheckUploadHandler implements IQueryHandler<CheckUpload> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
  ) {}

  async execute({ payload, meta }: CheckUpload) {
    const { state } = await this.aggregates.load(miniProgramDecider, miniProgramStreamId(payload.miniProgramId));
    if (state.status === 'NONE') throw miniProgramNotFound();
    await requireAccess(this.sql, state, 'UPLOAD', signedIn(meta));
    checkNewVersion(state, payload.version);
    return { maxBytes: MAX_PACKAGE_BYTES };
  }
}
