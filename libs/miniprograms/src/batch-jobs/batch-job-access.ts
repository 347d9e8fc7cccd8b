import { RequestActor } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { AppError } from '@mpp/platform';
import { membershipOf } from '@mpp/workspace-replica';
import { BATCH_JOBS_FOR_ISVS_ONLY, batchJobNotFound, FORBIDDEN_ROLE, workspaceNotFound } from '../miniprograms.errors';

/** Owner, Admin and Developer of an ISV workspace run its batch jobs (DOMAIN.md 5); its Operators only follow them. */
const RUNNING_ROLES = ['OWNER', 'ADMIN', 'DEVELOPER'];

/** Who starts a job in the workspace: 404 to non-members, 403 for a merchant workspace or an Operator. */
export async function requireJobRunner(sql: SqlClient, workspaceId: string, actor: RequestActor, notFound = workspaceNotFound): Promise<void> {
  const membership = await membershipOf(sql, workspaceId, actor.accountId);
  if (!membership) throw notFound();
  if (membership.type !== 'ISV') throw AppError.forbidden(BATCH_JOBS_FOR_ISVS_ONLY, 'only ISV workspaces run batch jobs');
  if (!RUNNING_ROLES.includes(membership.role)) throw AppError.forbidden(FORBIDDEN_ROLE, 'only the Owner, Admins and Developers run batch jobs');
}

/** Who sees the workspace's jobs: its members; to anyone else a job does not exist (404). */
export async function requireJobReader(sql: SqlClient, workspaceId: string, actor: RequestActor, notFound = batchJobNotFound): Promise<void> {
  if (!(await membershipOf(sql, workspaceId, actor.accountId))) throw notFound();
}
