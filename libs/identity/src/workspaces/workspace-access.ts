import { AggregateStore } from '@mpp/eventsourcing';
import { RequestActor } from '@mpp/contracts';
import { own } from '@mpp/platform';
import { workspaceDecider, workspaceStreamId, WorkspaceState } from './workspace.decider';
import { forbiddenWorkspaceRole, workspaceNotFound } from '../identity.errors';

/** Loads a workspace the caller belongs to (404 otherwise), optionally requiring Owner or Admin (403). */
export async function memberWorkspace(aggregates: AggregateStore, workspaceId: string, actor: RequestActor, managersOnly = false) {
  const { state } = await aggregates.load(workspaceDecider, workspaceStreamId(workspaceId));
  const role = state.status === 'ACTIVE' ? own(state.members, actor.accountId) : undefined;
  if (!role) throw workspaceNotFound();
  if (managersOnly && role !== 'OWNER' && role !== 'ADMIN') throw forbiddenWorkspaceRole('see this');
  return state as Extract<WorkspaceState, { status: 'ACTIVE' }>;
}
