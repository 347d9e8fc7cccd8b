import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { TemplateView } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { SQL_CLIENT } from '@mpp/application';
import { templateNotFound } from '../../miniprograms.errors';
import { isTemplateMember } from '../template-access';
import { backsOnlineService } from '../template-services.projection';
import { TemplateChanges } from '../template-changes';
import { templateView } from '../template-views';
import { GetTemplate } from './get-template.query';

/**
 * A template's detail: whole to its ISV's members; to any signed-in caller while an ONLINE service offers it, with
 * only its PUBLISHED versions (nobody sees another workspace's drafts); to anyone else it does not exist. Its
 * projection's row brought up to its stream's end, so the detail right after a create, upload or publish shows it.
 */
@QueryHandler(GetTemplate)
export class GetTemplateHandler implements IQueryHandler<GetTemplate> {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    private readonly templates: TemplateChanges,
  ) {}

  async execute({ payload, meta }: GetTemplate): Promise<TemplateView> {
    const latest = await this.templates.latest(payload.templateId);
    if (latest.state.status === 'NONE') throw templateNotFound();
    const view = latest.view ?? templateView(latest.state, latest.version);
    if (await isTemplateMember(this.sql, view.isvWorkspaceId, signedIn(meta))) return view;
    if (await backsOnlineService(this.sql, view.templateId)) return { ...view, versions: view.versions.filter((v) => v.status === 'PUBLISHED') };
    throw templateNotFound();
  }
}
