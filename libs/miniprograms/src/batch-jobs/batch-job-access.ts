import { RequestActor } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { AppError } from '@mpp/platform';
import { membershipOf, requireIsvBuilder } from '@mpp/workspace-replica';
import { BATCH_JOBS_FOR_ISVS_ONLY, batchJobNotFound, FORBIDDEN_ROLE, workspaceNotFound } from '../miniprograms.errors';

/** Who starts a job in the workspace (its Owner, Admins and Developers; Operators only follow jobs): 404 to non-members, 403 for a merchant workspace or an Operator. */
export async function requireJobRunner(sql: SqlClient, workspaceId: string, actor: RequestActor, notFound = workspaceNotFound): Promise<void> {
  await requireIsvBuilder(sql, workspaceId, actor.accountId, {
    notMember: notFound,
    notIsv: () => AppError.forbidden(BATCH_JOBS_FOR_ISVS_ONLY, 'only ISV workspaces run batch jobs'),
    notBuilder: () => AppError.forbidden(FORBIDDEN_ROLE, 'only the Owner, Admins and Developers run batch jobs'),
  });
}

/** Who sees the workspace's jobs: its members; to anyone else a job does not exist (404). */
export async function requireJobReader(sql: SqlClient, workspaceId: string, actor: RequestActor, notFound = batchJobNotFound): Promise<void> {
  if (!(await membershipOf(sql, workspaceId, actor.accountId))) throw notFound();
}
