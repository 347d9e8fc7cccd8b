import { RequestActor } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { KnownMembership, membershipOf } from '@mpp/workspace-replica';
import { AppError } from '@mpp/platform';
import { FORBIDDEN_ROLE, MERCHANTS_CANNOT_CREATE_TEMPLATES, templateNotFound, workspaceNotFound } from '../miniprograms.errors';

/** Owner, Admin and Developer of an ISV workspace work on its templates (DOMAIN.md 5); its other members only read them. */
const TEMPLATE_ROLES: readonly KnownMembership['role'][] = ['OWNER', 'ADMIN', 'DEVELOPER'];

const requireRole = (membership: KnownMembership) => {
  if (!TEMPLATE_ROLES.includes(membership.role)) throw AppError.forbidden(FORBIDDEN_ROLE, 'only the Owner, Admins and Developers work on templates');
};

/**
 * Who may create a template in a workspace: 404 to a non-member; 403 in a merchant workspace (as catalog refuses
 * merchants creating services) and to a role without template rights.
 */
export async function requireTemplateAuthor(sql: SqlClient, workspaceId: string, actor: RequestActor): Promise<void> {
  const membership = await membershipOf(sql, workspaceId, actor.accountId);
  if (!membership) throw workspaceNotFound();
  if (membership.type !== 'ISV') throw AppError.forbidden(MERCHANTS_CANNOT_CREATE_TEMPLATES, 'only ISV workspaces make templates');
  requireRole(membership);
}

/** A change of a template: members of its ISV with a template role; to anyone else it does not exist (404). */
export async function requireTemplateChange(sql: SqlClient, isvWorkspaceId: string, actor: RequestActor): Promise<void> {
  const membership = await membershipOf(sql, isvWorkspaceId, actor.accountId);
  if (!membership) throw templateNotFound();
  requireRole(membership);
}

/** Whether the caller belongs to the template's ISV (and so sees it whole: drafts, usage). */
export async function isTemplateMember(sql: SqlClient, isvWorkspaceId: string, actor: RequestActor): Promise<boolean> {
  return (await membershipOf(sql, isvWorkspaceId, actor.accountId)) !== undefined;
}
