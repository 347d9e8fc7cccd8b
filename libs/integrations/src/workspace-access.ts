import { SqlClient } from '@mpp/eventsourcing';
import { KnownMembership, membershipOf, WORKSPACE_MANAGER_ROLES } from '@mpp/workspace-replica';
import { ownersAndAdminsOnly, workspaceNotFound } from './integrations.errors';

/** A member of the workspace (its feed); anyone else is told there is no such workspace. */
export async function requireMember(sql: SqlClient, workspaceId: string, accountId: string, notFound: () => Error = workspaceNotFound): Promise<KnownMembership> {
  const membership = await membershipOf(sql, workspaceId, accountId);
  if (!membership) throw notFound();
  return membership;
}

/** Its Owner or an Admin (its webhooks, DOMAIN.md 7); `notFound` answers a non-member as if nothing were there. */
export async function requireOwnerOrAdmin(sql: SqlClient, workspaceId: string, accountId: string, notFound: () => Error = workspaceNotFound): Promise<KnownMembership> {
  const membership = await requireMember(sql, workspaceId, accountId, notFound);
  if (!WORKSPACE_MANAGER_ROLES.includes(membership.role)) throw ownersAndAdminsOnly();
  return membership;
}
