import { RequestMeta } from '@mpp/contracts';
import { AppError } from '@mpp/platform';
import { KnownMembership, WORKSPACE_MANAGER_ROLES } from '@mpp/workspace-replica';
import { FORBIDDEN_ROLE } from '../miniprograms.errors';
import { MiniProgramChanges } from '../mini-programs/mini-program-changes';

/** Which side manages keys, and for which workspace: the merchant's, or the ISV's whose authorization has UPLOAD. */
export interface KeyManager {
  side: 'MERCHANT' | 'ISV';
  workspaceId: string;
}

/**
 * Who manages a mini program's upload keys (DOMAIN.md 7): its merchant's Owner and Admins, or a member of an ISV
 * holding its authorization with UPLOAD; anyone else does not see the mini program.
 */
export async function requireKeyManager(changes: MiniProgramChanges, miniProgramId: string, meta: RequestMeta): Promise<KeyManager> {
  const { state, access } = await changes.open(miniProgramId, meta, 'UPLOAD');
  if (access?.side === 'ISV') return { side: 'ISV', workspaceId: access.workspaceId };
  if (access?.side === 'MERCHANT' && WORKSPACE_MANAGER_ROLES.includes(access.role as KnownMembership['role'])) return { side: 'MERCHANT', workspaceId: state.ownerWorkspaceId };
  throw AppError.forbidden(FORBIDDEN_ROLE, "only the merchant's Owner and Admins, or an ISV with UPLOAD, manage upload keys");
}
