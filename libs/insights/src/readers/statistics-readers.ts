import { RequestActor } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { activeAuthorization } from '@mpp/authorization-replica';
import { membershipOf, membershipsOf } from '@mpp/workspace-replica';
import { miniProgramNotFound, statisticsScopeNotGranted } from '../insights.errors';
import { knownMiniPrograms } from './statistics-mini-programs.projection';

/**
 * Who reads a mini program's statistics (DOMAIN.md 6): members of its merchant, and members of an ISV whose
 * workspace holds an ACTIVE authorization with the STATISTICS scope (403 with the authorization but without the
 * scope). To anyone else the mini program does not exist (404), as in miniprograms. Answers its target apps.
 */
export async function requireStatisticsReader(sql: SqlClient, miniProgramId: string, actor: RequestActor): Promise<{ targetApps: string[] }> {
  const miniProgram = (await knownMiniPrograms(sql, [miniProgramId])).get(miniProgramId);
  if (!miniProgram) throw miniProgramNotFound();
  if (await membershipOf(sql, miniProgram.ownerWorkspaceId, actor.accountId)) return miniProgram;
  const isvWorkspaces = (await membershipsOf(sql, actor.accountId)).filter((m) => m.type === 'ISV').map((m) => m.workspaceId);
  const authorization = await activeAuthorization(sql, miniProgramId, isvWorkspaces, 'STATISTICS');
  if (!authorization) throw miniProgramNotFound();
  if (!authorization.scopes.includes('STATISTICS')) throw statisticsScopeNotGranted();
  return miniProgram;
}
