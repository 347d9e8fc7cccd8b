import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { MiniProgramView, RequestMeta } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { membershipOf, signedIn } from '@mpp/messaging';
import { AppError, decodeCursor, Page, toPage } from '@mpp/platform';
import { SQL_CLIENT } from '@mpp/runtime';
import { miniProgramNotFound, requireReadable } from '../access/mini-program-access';

export class GetMiniProgram {
  constructor(
    readonly miniProgramId: string,
    readonly meta: RequestMeta,
  ) {}
}

export class ListWorkspaceMiniPrograms {
  constructor(
    readonly workspaceId: string,
    readonly limit: number,
    readonly cursor: string | undefined,
    readonly meta: RequestMeta,
  ) {}
}

/** A mini program's detail: its merchant's members, the members of an ISV it has authorized, and reviewers. */
@QueryHandler(GetMiniProgram)
export class GetMiniProgramHandler implements IQueryHandler<GetMiniProgram, MiniProgramView> {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async execute({ miniProgramId, meta }: GetMiniProgram): Promise<MiniProgramView> {
    const actor = signedIn(meta);
    const { rows } = await this.sql.query<{ view: MiniProgramView }>(`SELECT view FROM mini_programs WHERE mini_program_id = $1`, [miniProgramId]);
    if (!rows[0]) throw miniProgramNotFound();
    await requireReadable(this.sql, rows[0].view, actor);
    return rows[0].view;
  }
}

/** A merchant workspace's mini programs, newest change first; its members only. */
@QueryHandler(ListWorkspaceMiniPrograms)
export class ListWorkspaceMiniProgramsHandler implements IQueryHandler<ListWorkspaceMiniPrograms, Page<MiniProgramView>> {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async execute({ workspaceId, limit, cursor, meta }: ListWorkspaceMiniPrograms): Promise<Page<MiniProgramView>> {
    const actor = signedIn(meta);
    if (!(await membershipOf(this.sql, workspaceId, actor.accountId))) throw AppError.notFound('WORKSPACE_NOT_FOUND', 'no such workspace');
    const after = decodeCursor<{ at: string; id: string }>(cursor, { at: 'timestamp', id: 'string' });
    const { rows } = await this.sql.query<{ view: MiniProgramView }>(
      `SELECT view FROM mini_programs WHERE owner_workspace_id = $1 AND ($2::timestamptz IS NULL OR (updated_at, mini_program_id) < ($2::timestamptz, $3::text))
        ORDER BY updated_at DESC, mini_program_id DESC LIMIT $4`,
      [workspaceId, after?.at ?? null, after?.id ?? null, limit + 1],
    );
    return toPage(rows.map((r) => r.view), limit, (v) => ({ at: v.updatedAt, id: v.miniProgramId }));
  }
}
