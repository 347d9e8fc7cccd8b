import { RequestActor } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { knownWorkspaceName, membershipOf, requireIsvBuilder } from '@mpp/workspace-replica';
import { AppError } from '@mpp/platform';
import { FORBIDDEN_WORKSPACE_ROLE, MERCHANTS_CANNOT_CREATE_SERVICES, workspaceNotFound } from '../catalog.errors';

/** The caller's role in the workspace: 404 when not a member, 403 for a merchant workspace or a role without service rights. */
export async function requireIsvMember(sql: SqlClient, workspaceId: string, actor: RequestActor): Promise<void> {
  await requireIsvBuilder(sql, workspaceId, actor.accountId, {
    notMember: workspaceNotFound,
    notIsv: () => AppError.forbidden(MERCHANTS_CANNOT_CREATE_SERVICES, 'only ISV workspaces offer services'),
    notBuilder: () => AppError.forbidden(FORBIDDEN_WORKSPACE_ROLE, 'only the Owner, Admins and Developers work on services'),
  });
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
