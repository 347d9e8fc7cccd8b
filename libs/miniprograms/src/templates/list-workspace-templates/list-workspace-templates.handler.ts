import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { TemplateView } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { membershipOf } from '@mpp/workspace-replica';
import { decodeCursor, toPage } from '@mpp/platform';
import { SQL_CLIENT } from '@mpp/application';
import { workspaceNotFound } from '../../miniprograms.errors';
import { ListWorkspaceTemplates } from './list-workspace-templates.query';

/** An ISV workspace's templates, newest change first; its members only. */
@QueryHandler(ListWorkspaceTemplates)
export class ListWorkspaceTemplatesHandler implements IQueryHandler<ListWorkspaceTemplates> {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async execute({ payload, meta }: ListWorkspaceTemplates) {
    const { workspaceId, limit, cursor } = payload;
    if (!(await membershipOf(this.sql, workspaceId, signedIn(meta).accountId))) throw workspaceNotFound();
    const after = decodeCursor<{ at: string; id: string }>(cursor, { at: 'timestamp', id: 'string' });
    const { rows } = await this.sql.query<{ view: TemplateView }>(
      `SELECT view FROM templates WHERE isv_workspace_id = $1 AND ($2::timestamptz IS NULL OR (updated_at, template_id) < ($2::timestamptz, $3::text))
        ORDER BY updated_at DESC, template_id DESC LIMIT $4`,
      [workspaceId, after?.at ?? null, after?.id ?? null, limit + 1],
    );
    return toPage(rows.map((r) => r.view), limit, (v) => ({ at: v.updatedAt, id: v.templateId }));
  }
}
