import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { VersionView } from '@mpp/contracts';
import { signedIn } from '@mpp/messaging';
import { AppError, own } from '@mpp/platform';
import { MiniProgramChanges } from '../../mini-programs/mini-program-changes';
import { EXT_CONFIG_MISSING, TEMPLATE_VERSION_NOT_PUBLISHED, templateVersionNotFound } from '../../miniprograms.errors';
import { checkExtConfig } from '../ext-schema';
import { TemplateForMiniProgram } from '../template-for-mini-program';
import { ApplyTemplate } from './apply-template.command';

/**
 * Applies a PUBLISHED version of the caller's template to a mini program it may UPLOAD to: a new version through
 * the mini program decider's usual upload rules, whose package is the template version's (the same blob: same
 * SHA-256 and size, no bytes copied), recording the template, its version and the ext config. The ext config
 * given is stored; left out, the stored one for this template is used. A batch job's item sends this same command.
 */
@CommandHandler(ApplyTemplate)
export class ApplyTemplateHandler implements ICommandHandler<ApplyTemplate> {
  constructor(
    private readonly miniPrograms: MiniProgramChanges,
    private readonly templates: TemplateForMiniProgram,
  ) {}

  async execute({ payload, meta }: ApplyTemplate): Promise<VersionView> {
    const { miniProgramId, templateId, templateVersion, version, description, extConfig } = payload;
    return this.miniPrograms.ofVersion(miniProgramId, meta, 'UPLOAD', async (state, access) => {
      const template = await this.templates.find(templateId, miniProgramId, access, signedIn(meta));
      const applied = own(template.versions, templateVersion);
      if (!applied) throw templateVersionNotFound(templateVersion);
      if (applied.status !== 'PUBLISHED') throw AppError.rule(TEMPLATE_VERSION_NOT_PUBLISHED, `template version ${templateVersion} is ${applied.status}; only a PUBLISHED version is applied`);
      const stored = state.extConfig?.templateId === templateId ? state.extConfig.extConfig : undefined;
      const config = extConfig ?? stored;
      if (!config) throw AppError.rule(EXT_CONFIG_MISSING, 'give an extConfig: the mini program has none stored for this template');
      const checked = checkExtConfig(templateId, templateVersion, template.extSchema, config);
      return {
        type: 'UploadVersion',
        version,
        description: description ?? applied.description,
        package: { sha256: applied.sha256, size: applied.size },
        template: { templateId, templateVersion, extConfig: checked },
        storesExtConfig: extConfig !== undefined,
      };
    });
  }
}
