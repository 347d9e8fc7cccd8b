import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { MiniProgramView, TemplateUsageItem } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { decodeCursor, toPage } from '@mpp/platform';
import { SQL_CLIENT } from '@mpp/application';
import { templateNotFound } from '../../miniprograms.errors';
import { isTemplateMember } from '../template-access';
import { TemplateChanges } from '../template-changes';
import { GetTemplateUsage } from './get-template-usage.query';

type Row = { mini_program_id: string; template_version: string; applied_at: Date | string; view: MiniProgramView };

/** The mini programs made from a template, newest application first; its ISV's members only. */
@QueryHandler(GetTemplateUsage)
export class GetTemplateUsageHandler implements IQueryHandler<GetTemplateUsage> {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    private readonly templates: TemplateChanges,
  ) {}

  async execute({ payload, meta }: GetTemplateUsage) {
    const { templateId, limit, cursor } = payload;
    // Its owner from its stream: a template created a moment ago has no row in templates yet.
    const { isvWorkspaceId } = await this.templates.load(templateId);
    if (!(await isTemplateMember(this.sql, isvWorkspaceId, signedIn(meta)))) throw templateNotFound();
    const after = decodeCursor<{ at: string; id: string }>(cursor, { at: 'timestamp', id: 'string' });
    // The merchant, online version and status are the mini program's as its own projection holds them now.
    const { rows } = await this.sql.query<Row>(
      `SELECT u.mini_program_id, u.template_version, u.applied_at, m.view FROM template_usage u JOIN mini_programs m USING (mini_program_id)
        WHERE u.template_id = $1 AND ($2::timestamptz IS NULL OR (u.applied_at, u.mini_program_id) < ($2::timestamptz, $3::text))
        ORDER BY u.applied_at DESC, u.mini_program_id DESC LIMIT $4`,
      [templateId, after?.at ?? null, after?.id ?? null, limit + 1],
    );
    const items: TemplateUsageItem[] = rows.map((r) => ({
      miniProgramId: r.mini_program_id,
      merchantWorkspaceId: r.view.ownerWorkspaceId,
      templateVersion: r.template_version,
      onlineVersion: r.view.onlineVersion,
      status: r.view.status,
      appliedAt: new Date(r.applied_at).toISOString(),
    }));
    return toPage(items, limit, (i) => ({ at: i.appliedAt, id: i.miniProgramId }));
  }
}
