import { RequestActor } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { KnownMembership, membershipOf, WORKSPACE_MANAGER_ROLES } from '@mpp/workspace-replica';
import { AppError } from '@mpp/platform';
import { OrderSide } from './orders/order.decider';
import { FORBIDDEN_WORKSPACE_ROLE } from './ordering.errors';

/**
 * Which party of an order (or authorization) the caller belongs to, from ordering's own copy of identity's
 * workspaces; `notFound` when neither, so nobody learns of other workspaces' orders.
 */
export async function partyOf(sql: SqlClient, parties: { merchantWorkspaceId: string; isvWorkspaceId: string }, actor: RequestActor, notFound: () => AppError): Promise<{ side: OrderSide; role: string }> {
  const merchant = await membershipOf(sql, parties.merchantWorkspaceId, actor.accountId);
  if (merchant) return { side: 'MERCHANT', role: merchant.role };
  const isv = await membershipOf(sql, parties.isvWorkspaceId, actor.accountId);
  if (isv) return { side: 'ISV', role: isv.role };
  throw notFound();
}

/** A party's member who may take steps (Owner, Admin: they manage the workspace; every member may read): 403 for the others. */
export function requireDecidingRole(party: { role: string }): void {
  if (!WORKSPACE_MANAGER_ROLES.includes(party.role as KnownMembership['role'])) throw AppError.forbidden(FORBIDDEN_WORKSPACE_ROLE, 'only the Owner and Admins take an order\'s steps');
}

export { authorizationNotFound, orderNotFound } from './ordering.errors';
