import { Inject, Injectable } from '@nestjs/common';
import { RequestMeta, TemplateVersionView, TemplateView } from '@mpp/contracts';
import { AggregateStore, Loaded, SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { own } from '@mpp/platform';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/application';
import { templateNotFound } from '../miniprograms.errors';
import { requireTemplateChange } from './template-access';
import { ExistingTemplate, TemplateCommand, templateDecider, TemplateState, templateStreamId } from './template.decider';
import { templateVersionView } from './template-views';

/** What every change of a template after its creation does: load it, let through its ISV's template roles (404 to others), decide, append. */
@Injectable()
export class TemplateChanges {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
  ) {}

  /** The template as it is now (from its stream), whoever asks; 404 when there is none. */
  async load(templateId: string): Promise<ExistingTemplate> {
    return (await this.loaded(templateId)).state;
  }

  /**
   * The template as it is now for a read (applying it, showing it): its projection's row brought up to its stream's
   * end, with the row's view while the stream has nothing newer. One small query while the projection keeps up, where
   * `load` reads every event of a template with many versions; a change decides on `load`'s state.
   */
  async latest(templateId: string): Promise<Loaded<TemplateState> & { view?: TemplateView }> {
    const { rows } = await this.sql.query<{ state: TemplateState; view: TemplateView }>(`SELECT state, view FROM templates WHERE template_id = $1`, [templateId]);
    return this.aggregates.latestOf(templateDecider, templateStreamId(templateId), rows[0] && { ...rows[0], version: rows[0].view.version });
  }

  /** The template, to a caller who may change it. */
  async open(templateId: string, meta: RequestMeta): Promise<ExistingTemplate> {
    return (await this.opened(templateId, meta)).state;
  }

  /** A change of one template version; answers the version as it is after. */
  async ofVersion(templateId: string, meta: RequestMeta, command: TemplateCommand & { version: string }): Promise<TemplateVersionView> {
    const from = await this.opened(templateId, meta);
    const { state } = await this.aggregates.handle(templateDecider, templateStreamId(templateId), command, { metadata: meta, from });
    const version = state.status === 'NONE' ? undefined : own(state.versions, command.version);
    if (!version) throw new Error('a changed template version is in the state');
    return templateVersionView(templateId, version);
  }

  /** The template and its version, to a caller who may change it. */
  private async opened(templateId: string, meta: RequestMeta): Promise<{ state: ExistingTemplate; version: number }> {
    const loaded = await this.loaded(templateId);
    await requireTemplateChange(this.sql, loaded.state.isvWorkspaceId, signedIn(meta));
    return loaded;
  }

  private async loaded(templateId: string): Promise<{ state: ExistingTemplate; version: number }> {
    const { state, version } = await this.aggregates.load(templateDecider, templateStreamId(templateId));
    if (state.status === 'NONE') throw templateNotFound();
    return { state, version };
  }
}
