import { RequestActor } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { knownWorkspaceName, membershipOf } from '@mpp/workspace-replica';
import { AppError } from '@mpp/platform';
import { FORBIDDEN_WORKSPACE_ROLE, MERCHANTS_CANNOT_CREATE_SERVICES, workspaceNotFound } from '../catalog.errors';

/** Owner, Admin and Developer of an ISV workspace work on its services (DOMAIN.md 2). */
const SERVICE_ROLES = ['OWNER', 'ADMIN', 'DEVELOPER'];

/** The caller's role in the workspace: 404 when not a member, 403 for a merchant workspace or a role without service rights. */
export async function requireIsvMember(sql: SqlClient, workspaceId: string, actor: RequestActor): Promise<void> {
  const membership = await membershipOf(sql, workspaceId, actor.accountId);
  if (!membership) throw workspaceNotFound();
  if (membership.type !== 'ISV') throw AppError.forbidden(MERCHANTS_CANNOT_CREATE_SERVICES, 'only ISV workspaces offer services');
  if (!SERVICE_ROLES.includes(membership.role)) throw AppError.forbidden(FORBIDDEN_WORKSPACE_ROLE, 'only the Owner, Admins and Developers work on services');
}

/** The workspace's public name, which a service's company information defaults to. */
export const workspaceName = knownWorkspaceName;

/** Whether the caller belongs to the workspace at all (to see its services in every state). */
export async function isMemberOf(sql: SqlClient, workspaceId: string, actor: RequestActor): Promise<boolean> {
  return (await membershipOf(sql, workspaceId, actor.accountId)) !== undefined;
}

/** The ISV's members and the platform's reviewers see its services in every state, with their history. */
export async function seesEveryState(sql: SqlClient, isvWorkspaceId: string, actor: RequestActor): Promise<boolean> {
  return actor.platformRoles.includes('REVIEWER') || (await isMemberOf(sql, isvWorkspaceId, actor));
}
