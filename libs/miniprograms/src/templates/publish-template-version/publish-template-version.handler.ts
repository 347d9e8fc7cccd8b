import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { TemplateChanges } from '../template-changes';
import { PublishTemplateVersion } from './publish-template-version.command';

@CommandHandler(PublishTemplateVersion)
export class PublishTemplateVersionHandler implements ICommandHandler<PublishTemplateVersion> {
  constructor(private readonly changes: TemplateChanges) {}

  execute({ payload, meta }: PublishTemplateVersion) {
    return this.changes.ofVersion(payload.templateId, meta, { type: 'PublishTemplateVersion', version: payload.version });
  }
}
