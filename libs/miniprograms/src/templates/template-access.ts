import { RequestActor } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { membershipOf, requireIsvBuilder } from '@mpp/workspace-replica';
import { AppError } from '@mpp/platform';
import { FORBIDDEN_ROLE, MERCHANTS_CANNOT_CREATE_TEMPLATES, templateNotFound, workspaceNotFound } from '../miniprograms.errors';

// Owner, Admin and Developer of an ISV workspace work on its templates (DOMAIN.md 5); its other members only read them.
const notBuilder = () => AppError.forbidden(FORBIDDEN_ROLE, 'only the Owner, Admins and Developers work on templates');
const notIsv = () => AppError.forbidden(MERCHANTS_CANNOT_CREATE_TEMPLATES, 'only ISV workspaces make templates');

/**
 * Who may create a template in a workspace: 404 to a non-member; 403 in a merchant workspace (as catalog refuses
 * merchants creating services) and to a role without template rights.
 */
export async function requireTemplateAuthor(sql: SqlClient, workspaceId: string, actor: RequestActor): Promise<void> {
  await requireIsvBuilder(sql, workspaceId, actor.accountId, { notMember: workspaceNotFound, notIsv, notBuilder });
}

/** A change of a template: members of its ISV with a template role; to anyone else it does not exist (404). */
export async function requireTemplateChange(sql: SqlClient, isvWorkspaceId: string, actor: RequestActor): Promise<void> {
  await requireIsvBuilder(sql, isvWorkspaceId, actor.accountId, { notMember: templateNotFound, notIsv, notBuilder });
}

/** Whether the caller belongs to the template's ISV (and so sees it whole: drafts, usage). */
export async function isTemplateMember(sql: SqlClient, isvWorkspaceId: string, actor: RequestActor): Promise<boolean> {
  return (await membershipOf(sql, isvWorkspaceId, actor.accountId)) !== undefined;
}
