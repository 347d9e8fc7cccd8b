import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { own } from '@mpp/platform';
import { versionNotFound } from '../../miniprograms.errors';
import { MiniProgramReads } from '../mini-program-reads';
import { versionView } from '../mini-program-views';
import { GetVersion } from './get-version.query';

/** One version: status, package hash and size, reason, release mode, gray percent. */
@QueryHandler(GetVersion)
export class GetVersionHandler implements IQueryHandler<GetVersion> {
  constructor(private readonly reads: MiniProgramReads) {}

  async execute({ payload, meta }: GetVersion) {
    const { miniProgramId, version } = payload;
    const found = own((await this.reads.current(miniProgramId, meta)).versions, version);
    if (!found) throw versionNotFound(version);
    return versionView(miniProgramId, found);
  }
}
