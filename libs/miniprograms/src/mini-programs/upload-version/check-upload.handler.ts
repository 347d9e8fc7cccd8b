import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { checkNewVersion } from '../mini-program.decider';
import { MiniProgramChanges } from '../mini-program-changes';
import { CheckUpload } from './check-upload.query';

/** The largest package accepted (DOMAIN.md 4: 20 MB by default). */
export const MAX_PACKAGE_BYTES = 20 * 1024 * 1024;

/**
 * Before the gateway reads a byte of a package: the caller may upload (UPLOAD) and the version string passes the
 * decider's rules for a new version. Answers how large the package may be.
 */
@QueryHandler(CheckUpload)
export class CheckUploadHandler implements IQueryHandler<CheckUpload> {
  constructor(private readonly changes: MiniProgramChanges) {}

  async execute({ payload, meta }: CheckUpload) {
    const { state } = await this.changes.open(payload.miniProgramId, meta, 'UPLOAD');
    checkNewVersion(state, payload.version);
    return { maxBytes: MAX_PACKAGE_BYTES };
  }
}
