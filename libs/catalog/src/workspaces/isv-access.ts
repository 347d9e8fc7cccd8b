import { RequestActor } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { AppError } from '@mpp/platform';

/** Owner, Admin and Developer of an ISV workspace work on its services (DOMAIN.md 2). */
const SERVICE_ROLES = ['OWNER', 'ADMIN', 'DEVELOPER'];

/** The caller's role in the workspace: 404 when not a member, 403 for a merchant workspace or a role without service rights. */
export async function requireIsvMember(sql: SqlClient, workspaceId: string, actor: RequestActor): Promise<void> {
  const { rows } = await sql.query<{ type: string; role: string }>(
    `SELECT w.type, m.role FROM known_members m JOIN known_workspaces w USING (workspace_id) WHERE m.workspace_id = $1 AND m.account_id = $2`,
    [workspaceId, actor.accountId],
  );
  if (!rows[0]) throw AppError.notFound('WORKSPACE_NOT_FOUND', 'no such workspace');
  if (rows[0].type !== 'ISV') throw AppError.forbidden('MERCHANTS_CANNOT_CREATE_SERVICES', 'only ISV workspaces offer services');
  if (!SERVICE_ROLES.includes(rows[0].role)) throw AppError.forbidden('FORBIDDEN_WORKSPACE_ROLE', 'only the Owner, Admins and Developers work on services');
}

/** The workspace's public name, which a service's company information defaults to. */
export async function workspaceName(sql: SqlClient, workspaceId: string): Promise<string | undefined> {
  const { rows } = await sql.query<{ name: string }>(`SELECT name FROM known_workspaces WHERE workspace_id = $1`, [workspaceId]);
  return rows[0]?.name;
}

/** Whether the caller belongs to the workspace at all (to see its services in every state). */
export async function isMemberOf(sql: SqlClient, workspaceId: string, actor: RequestActor): Promise<boolean> {
  const { rows } = await sql.query(`SELECT 1 FROM known_members WHERE workspace_id = $1 AND account_id = $2`, [workspaceId, actor.accountId]);
  return rows.length > 0;
}
