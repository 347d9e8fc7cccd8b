import { AuthorizationScope, RequestActor } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { activeAuthorization } from '@mpp/authorization-replica';
import { membershipOf, membershipsOf } from '@mpp/workspace-replica';
import { AppError } from '@mpp/platform';
import { FORBIDDEN_ROLE, miniProgramNotFound, SCOPE_NOT_GRANTED } from '../miniprograms.errors';

/** How the caller reaches a mini program: as a member of its merchant, or as a member of an ISV holding an ACTIVE authorization. */
export type MiniProgramAccess = { side: 'MERCHANT'; role: string } | { side: 'ISV'; workspaceId: string; scopes: AuthorizationScope[] };

/** What a change needs: the ISV's authorization scope for it (DOMAIN.md 4), or a platform reviewer for review decisions. */
export type Needs = AuthorizationScope | 'REVIEWER';

type MiniProgramRefs = { ownerWorkspaceId: string; miniProgramId: string };

/**
 * The caller's access to the mini program, from miniprograms' own projections of identity.events and
 * ordering.events; to anyone else it does not exist (404). A revoke or an end counts from the request after it arrives.
 */
export async function accessTo(sql: SqlClient, miniProgram: MiniProgramRefs, actor: RequestActor, scope?: AuthorizationScope): Promise<MiniProgramAccess> {
  const merchant = await membershipOf(sql, miniProgram.ownerWorkspaceId, actor.accountId);
  if (merchant) return { side: 'MERCHANT', role: merchant.role };
  const isvWorkspaces = (await membershipsOf(sql, actor.accountId)).filter((m) => m.type === 'ISV').map((m) => m.workspaceId);
  const authorization = await activeAuthorization(sql, miniProgram.miniProgramId, isvWorkspaces, scope);
  if (authorization) return { side: 'ISV', workspaceId: authorization.isvWorkspaceId, scopes: authorization.scopes };
  throw miniProgramNotFound();
}

/** Reviewers read any mini program they review; everyone else needs access to it (404 otherwise). */
export async function requireReadable(sql: SqlClient, miniProgram: MiniProgramRefs, actor: RequestActor): Promise<void> {
  if (!actor.platformRoles.includes('REVIEWER')) await accessTo(sql, miniProgram, actor);
}

/**
 * Who may make a change: the owning merchant's members; an ISV member while its workspace holds an ACTIVE
 * authorization with the change's scope (from miniprograms' copy of ordering.events: a revoke counts from the
 * next request after it arrives); reviewers for review decisions. Anyone else does not see the mini program.
 */
export async function requireAccess(sql: SqlClient, miniProgram: MiniProgramRefs, needs: Needs, actor: RequestActor): Promise<MiniProgramAccess | undefined> {
  if (needs === 'REVIEWER') {
    if (actor.platformRoles.includes('REVIEWER')) return undefined;
    await accessTo(sql, miniProgram, actor);
    throw AppError.forbidden(FORBIDDEN_ROLE, 'only platform reviewers decide versions');
  }
  const access = await accessTo(sql, miniProgram, actor, needs);
  if (access.side === 'ISV' && !access.scopes.includes(needs)) throw AppError.forbidden(SCOPE_NOT_GRANTED, `the merchant has not granted your workspace the ${needs} scope on this mini program`);
  return access;
}
