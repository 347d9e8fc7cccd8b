import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { MemberView } from '@mpp/contracts';
import { AggregateStore, SqlClient } from '@mpp/eventsourcing';
import { decodeCursor, toPage } from '@mpp/platform';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/application';
import { signedIn } from '@mpp/messaging';
import { memberWorkspace } from '../workspace-access';
import { ListWorkspaceMembers } from './list-workspace-members.query';

/** Members only: someone from another workspace gets 404. */
@QueryHandler(ListWorkspaceMembers)
export class ListWorkspaceMembersHandler implements IQueryHandler<ListWorkspaceMembers> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
  ) {}

  async execute({ payload: { workspaceId, limit, cursor }, meta }: ListWorkspaceMembers) {
    await memberWorkspace(this.aggregates, workspaceId, signedIn(meta));
    const after = decodeCursor<{ at: string; id: string }>(cursor, { at: 'timestamp', id: 'string' });
    const { rows } = await this.sql.query<{ account_id: string; username: string | null; role: MemberView['role']; joined_at: Date | string }>(
      `SELECT m.account_id, a.username, m.role, m.joined_at FROM workspace_members m LEFT JOIN member_accounts a USING (account_id)
        WHERE m.workspace_id = $1 AND ($2::timestamptz IS NULL OR (m.joined_at, m.account_id) > ($2::timestamptz, $3::text))
        ORDER BY m.joined_at, m.account_id LIMIT $4`,
      [workspaceId, after?.at ?? null, after?.id ?? null, limit + 1],
    );
    const members = rows.map((r) => ({ accountId: r.account_id, username: r.username ?? '', role: r.role, joinedAt: new Date(r.joined_at).toISOString() }));
    return toPage(members, limit, (m) => ({ at: m.joinedAt, id: m.accountId }));
  }
}
