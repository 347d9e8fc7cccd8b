import { AuthorizationScope, RequestActor } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { membershipOf, membershipsOf } from '@mpp/messaging';
import { AppError } from '@mpp/platform';

/** How the caller reaches a mini program: as a member of its merchant, or as a member of an ISV holding an ACTIVE authorization. */
export type MiniProgramAccess = { side: 'MERCHANT'; role: string } | { side: 'ISV'; workspaceId: string; scopes: AuthorizationScope[] };

export const miniProgramNotFound = () => AppError.notFound('MINI_PROGRAM_NOT_FOUND', 'no such mini program');

/**
 * The caller's access to the mini program, from miniprograms' own projections of identity.events and
 * ordering.events; to anyone else it does not exist (404). A revoke or an end counts from the request after it arrives.
 */
export async function accessTo(sql: SqlClient, miniProgram: { ownerWorkspaceId: string; miniProgramId: string }, actor: RequestActor): Promise<MiniProgramAccess> {
  const merchant = await membershipOf(sql, miniProgram.ownerWorkspaceId, actor.accountId);
  if (merchant) return { side: 'MERCHANT', role: merchant.role };
  const isvWorkspaces = (await membershipsOf(sql, actor.accountId)).filter((m) => m.type === 'ISV').map((m) => m.workspaceId);
  if (isvWorkspaces.length) {
    const { rows } = await sql.query<{ isv_workspace_id: string; scopes: AuthorizationScope[] }>(
      `SELECT isv_workspace_id, scopes FROM granted_authorizations WHERE mini_program_id = $1 AND isv_workspace_id = ANY($2::text[]) AND status = 'ACTIVE' LIMIT 1`,
      [miniProgram.miniProgramId, isvWorkspaces],
    );
    if (rows[0]) return { side: 'ISV', workspaceId: rows[0].isv_workspace_id, scopes: rows[0].scopes };
  }
  throw miniProgramNotFound();
}

/** Reviewers read any mini program they review; everyone else needs access to it (404 otherwise). */
export async function requireReadable(sql: SqlClient, miniProgram: { ownerWorkspaceId: string; miniProgramId: string }, actor: RequestActor): Promise<void> {
  if (!actor.platformRoles.includes('REVIEWER')) await accessTo(sql, miniProgram, actor);
}
