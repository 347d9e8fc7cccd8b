import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { MAX_PACKAGE_BYTES } from '../../mini-programs/upload-version/check-upload.handler';
import { TemplateChanges } from '../template-changes';
import { checkNewTemplateVersion } from '../template.decider';
import { CheckTemplateUpload } from './check-template-upload.query';

/**
 * Before the gateway reads a byte of a template package: the caller works on the template and the version string
 * passes the decider's rules for a new template version. Answers how large the package may be (as for mini programs).
 */
@QueryHandler(CheckTemplateUpload)
export class CheckTemplateUploadHandler implements IQueryHandler<CheckTemplateUpload> {
  constructor(private readonly changes: TemplateChanges) {}

  async execute({ payload, meta }: CheckTemplateUpload) {
    checkNewTemplateVersion(await this.changes.open(payload.templateId, meta), payload.version);
    return { maxBytes: MAX_PACKAGE_BYTES };
  }
}
