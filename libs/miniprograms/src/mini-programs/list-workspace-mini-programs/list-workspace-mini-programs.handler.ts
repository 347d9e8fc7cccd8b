import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { MiniProgramView } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { membershipOf } from '@mpp/workspace-replica';
import { decodeCursor, toPage } from '@mpp/platform';
import { SQL_CLIENT } from '@mpp/application';
import { workspaceNotFound } from '../../miniprograms.errors';
import { ListWorkspaceMiniPrograms } from './list-workspace-mini-programs.query';

/** A merchant workspace's mini programs, newest change first; its members only. */
@QueryHandler(ListWorkspaceMiniPrograms)
export class ListWorkspaceMiniProgramsHandler implements IQueryHandler<ListWorkspaceMiniPrograms> {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async execute({ payload, meta }: ListWorkspaceMiniPrograms) {
    const { workspaceId, limit, cursor } = payload;
    const actor = signedIn(meta);
    if (!(await membershipOf(this.sql, workspaceId, actor.accountId))) throw workspaceNotFound();
    const after = decodeCursor<{ at: string; id: string }>(cursor, { at: 'timestamp', id: 'string' });
    const { rows } = await this.sql.query<{ view: MiniProgramView }>(
      `SELECT view FROM mini_programs WHERE owner_workspace_id = $1 AND ($2::timestamptz IS NULL OR (updated_at, mini_program_id) < ($2::timestamptz, $3::text))
        ORDER BY updated_at DESC, mini_program_id DESC LIMIT $4`,
      [workspaceId, after?.at ?? null, after?.id ?? null, limit + 1],
    );
    return toPage(rows.map((r) => r.view), limit, (v) => ({ at: v.updatedAt, id: v.miniProgramId }));
  }
}
