import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { AggregateStore, SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/application';
import { requireTemplateAuthor } from '../template-access';
import { checkTemplateContent, templateDecider, templateStreamId } from '../template.decider';
import { workspaceTemplatesDecider, workspaceTemplatesStreamId } from '../workspace-templates.decider';
import { CreateTemplate } from './create-template.command';

/** An ISV member (Owner, Admin, Developer) creates a template; at most 200 per ISV workspace. */
@CommandHandler(CreateTemplate)
export class CreateTemplateHandler implements ICommandHandler<CreateTemplate> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
  ) {}

  async execute({ payload, meta }: CreateTemplate) {
    const { workspaceId, ...content } = payload;
    await requireTemplateAuthor(this.sql, workspaceId, signedIn(meta));
    // Bad content is refused before a slot is taken, so a refused create never counts against the limit.
    checkTemplateContent(content);
    const templateId = randomUUID();
    await this.aggregates.handle(workspaceTemplatesDecider, workspaceTemplatesStreamId(workspaceId), { type: 'TakeTemplateSlot', templateId }, { metadata: meta });
    const result = await this.aggregates.handle(templateDecider, templateStreamId(templateId), { type: 'CreateTemplate', templateId, isvWorkspaceId: workspaceId, content }, { metadata: meta, mustBeNew: true });
    return { templateId, version: result.version };
  }
}
