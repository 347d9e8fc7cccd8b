import { AggregateStore } from '@mpp/eventsourcing';
import { RequestActor } from '@mpp/contracts';
import { AppError, own } from '@mpp/platform';
import { workspaceDecider, workspaceNotFound, workspaceStreamId, WorkspaceState } from './workspace.decider';

/** Loads a workspace the caller belongs to (404 otherwise), optionally requiring Owner or Admin (403). */
export async function memberWorkspace(aggregates: AggregateStore, workspaceId: string, actor: RequestActor, managersOnly = false) {
  const { state } = await aggregates.load(workspaceDecider, workspaceStreamId(workspaceId));
  const role = state.status === 'ACTIVE' ? own(state.members, actor.accountId) : undefined;
  if (!role) throw workspaceNotFound();
  if (managersOnly && role !== 'OWNER' && role !== 'ADMIN') throw AppError.forbidden('FORBIDDEN_WORKSPACE_ROLE', 'only the Owner and Admins see this');
  return state as Extract<WorkspaceState, { status: 'ACTIVE' }>;
}
