import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { TemplateChanges } from '../template-changes';
import { UploadTemplateVersion } from './upload-template-version.command';

@CommandHandler(UploadTemplateVersion)
export class UploadTemplateVersionHandler implements ICommandHandler<UploadTemplateVersion> {
  constructor(private readonly changes: TemplateChanges) {}

  execute({ payload, meta }: UploadTemplateVersion) {
    const { templateId, version, description, package: stored } = payload;
    return this.changes.ofVersion(templateId, meta, { type: 'UploadTemplateVersion', version, description, package: stored });
  }
}
