import { Inject, Injectable } from '@nestjs/common';
import { RequestMeta, TemplateVersionView } from '@mpp/contracts';
import { AggregateStore, SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { own } from '@mpp/platform';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/application';
import { templateNotFound } from '../miniprograms.errors';
import { requireTemplateChange } from './template-access';
import { ExistingTemplate, TemplateCommand, templateDecider, templateStreamId } from './template.decider';
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
    const { state } = await this.aggregates.load(templateDecider, templateStreamId(templateId));
    if (state.status === 'NONE') throw templateNotFound();
    return state;
  }

  /** The template, to a caller who may change it. */
  async open(templateId: string, meta: RequestMeta): Promise<ExistingTemplate> {
    const state = await this.load(templateId);
    await requireTemplateChange(this.sql, state.isvWorkspaceId, signedIn(meta));
    return state;
  }

  /** A change of one template version; answers the version as it is after. */
  async ofVersion(templateId: string, meta: RequestMeta, command: TemplateCommand & { version: string }): Promise<TemplateVersionView> {
    await this.open(templateId, meta);
    const { state } = await this.aggregates.handle(templateDecider, templateStreamId(templateId), command, { metadata: meta });
    const version = state.status === 'NONE' ? undefined : own(state.versions, command.version);
    if (!version) throw new Error('a changed template version is in the state');
    return templateVersionView(templateId, version);
  }
}
