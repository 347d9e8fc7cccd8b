import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { TemplateView } from '@mpp/contracts';
import { AggregateStore, SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/application';
import { templateNotFound } from '../../miniprograms.errors';
import { isTemplateMember } from '../template-access';
import { backsOnlineService } from '../template-services.projection';
import { templateDecider, TemplateState, templateStreamId } from '../template.decider';
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
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
  ) {}

  async execute({ payload, meta }: GetTemplate): Promise<TemplateView> {
    const { rows } = await this.sql.query<{ state: TemplateState; view: TemplateView }>(`SELECT state, view FROM templates WHERE template_id = $1`, [payload.templateId]);
    const latest = await this.aggregates.latestOf(templateDecider, templateStreamId(payload.templateId), rows[0] && { ...rows[0], version: rows[0].view.version });
    if (latest.state.status === 'NONE') throw templateNotFound();
    const view = latest.view ?? templateView(latest.state, latest.version);
    if (await isTemplateMember(this.sql, view.isvWorkspaceId, signedIn(meta))) return view;
    if (await backsOnlineService(this.sql, view.templateId)) return { ...view, versions: view.versions.filter((v) => v.status === 'PUBLISHED') };
    throw templateNotFound();
  }
}
