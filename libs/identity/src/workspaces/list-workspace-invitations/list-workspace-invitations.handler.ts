import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InvitationView } from '@mpp/contracts';
import { AggregateStore, SqlClient } from '@mpp/eventsourcing';
import { decodeCursor, toPage } from '@mpp/platform';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/application';
import { signedIn } from '@mpp/messaging';
import { memberWorkspace } from '../workspace-access';
import { ListWorkspaceInvitations } from './list-workspace-invitations.query';

/** Owner and Admins see the invitations, newest first; a pending one past its date reads EXPIRED. */
@QueryHandler(ListWorkspaceInvitations)
export class ListWorkspaceInvitationsHandler implements IQueryHandler<ListWorkspaceInvitations> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
  ) {}

  async execute({ payload: { workspaceId, limit, cursor }, meta }: ListWorkspaceInvitations) {
    await memberWorkspace(this.aggregates, workspaceId, signedIn(meta), true);
    const after = decodeCursor<{ at: string; id: string }>(cursor, { at: 'timestamp', id: 'string' });
    const { rows } = await this.sql.query<Record<string, string | Date>>(
      `SELECT invitation_id, workspace_id, email, role, CASE WHEN status = 'PENDING' AND expires_at <= now() THEN 'EXPIRED' ELSE status END AS status,
              invited_by, expires_at, created_at FROM workspace_invitations
        WHERE workspace_id = $1 AND ($2::timestamptz IS NULL OR (created_at, invitation_id) < ($2::timestamptz, $3::text))
        ORDER BY created_at DESC, invitation_id DESC LIMIT $4`,
      [workspaceId, after?.at ?? null, after?.id ?? null, limit + 1],
    );
    const items = rows.map((r) => ({
      invitationId: r.invitation_id as string,
      workspaceId: r.workspace_id as string,
      email: r.email as string,
      role: r.role as InvitationView['role'],
      status: r.status as InvitationView['status'],
      invitedBy: r.invited_by as string,
      expiresAt: new Date(r.expires_at).toISOString(),
      createdAt: new Date(r.created_at).toISOString(),
    }));
    return toPage(items, limit, (i) => ({ at: i.createdAt, id: i.invitationId }));
  }
}
