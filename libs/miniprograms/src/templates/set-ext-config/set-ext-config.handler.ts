import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MiniProgramView } from '@mpp/contracts';
import { signedIn } from '@mpp/messaging';
import { AppError } from '@mpp/platform';
import { MiniProgramChanges } from '../../mini-programs/mini-program-changes';
import { TEMPLATE_VERSION_NOT_PUBLISHED } from '../../miniprograms.errors';
import { checkExtConfig } from '../ext-schema';
import { TemplateForMiniProgram } from '../template-for-mini-program';
import { publishedVersions } from '../template.decider';
import { SetExtConfig } from './set-ext-config.command';

/** Stores the mini program's ext config (CONFIGURE), checked against the template's newest PUBLISHED version; the next application uses it. */
@CommandHandler(SetExtConfig)
export class SetExtConfigHandler implements ICommandHandler<SetExtConfig> {
  constructor(
    private readonly miniPrograms: MiniProgramChanges,
    private readonly templates: TemplateForMiniProgram,
  ) {}

  async execute({ payload, meta }: SetExtConfig): Promise<MiniProgramView> {
    const { miniProgramId, templateId, extConfig } = payload;
    const { access } = await this.miniPrograms.open(miniProgramId, meta, 'CONFIGURE');
    const template = await this.templates.find(templateId, miniProgramId, access, signedIn(meta), true);
    const newest = publishedVersions(template)[0];
    if (!newest) throw AppError.rule(TEMPLATE_VERSION_NOT_PUBLISHED, 'the template has no PUBLISHED version to check the ext config against');
    const checked = checkExtConfig(templateId, newest, template.extSchema, extConfig);
    return this.miniPrograms.ofMiniProgram(miniProgramId, meta, 'CONFIGURE', { type: 'SetExtConfig', templateId, extConfig: checked });
  }
}
