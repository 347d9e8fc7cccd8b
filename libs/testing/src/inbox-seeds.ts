import { randomUUID } from 'node:crypto';
import { AuthorizationScope, EventEnvelope } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { RunningService } from '@mpp/runtime';
import { eventually } from './api-client';

// Other services' events fed to a service's inbox, as its integration specs need them: the workspaces and members
// identity announces, the authorizations ordering grants. Any service keeping those replicas takes them.

export const now = () => new Date().toISOString();

/** An event of another service (`source`: identity, ordering, catalog...) as the inbox receives it. */
export function received(source: string, type: string, subject: string, data: Record<string, unknown>): EventEnvelope {
  return { specversion: '1.0', id: randomUUID(), type, source: `/mpp/${source}`, subject, time: now(), datacontenttype: 'application/json', data, sequence: 1, correlationid: 'c' };
}

export interface WorkspaceSeed {
  workspaceId: string;
  type: 'MERCHANT' | 'ISV';
  /** The owner's account. */
  owner: string;
  /** Members besides the owner. */
  members?: { accountId: string; role: string }[];
}

/** Feeds identity's WorkspaceApproved and MemberAdded for each workspace, and waits until the service knows every member. */
export async function seedWorkspaces(service: RunningService, sql: SqlClient, workspaces: WorkspaceSeed[]): Promise<void> {
  const members = workspaces.flatMap(({ workspaceId, owner, members = [] }) => [{ accountId: owner, role: 'OWNER' }, ...members].map((m) => ({ workspaceId, ...m })));
  await service.inbox.receive([
    ...workspaces.map(({ workspaceId, type, owner }) =>
      received('identity', 'identity.WorkspaceApproved', `Workspace-${workspaceId}`, { workspaceId, type, name: workspaceId, ownerAccountId: owner, applicationId: 'a', approvedAt: now() }),
    ),
    ...members.map(({ workspaceId, accountId, role }) => received('identity', 'identity.MemberAdded', `Workspace-${workspaceId}`, { workspaceId, accountId, role, at: now() })),
  ]);
  const keys = members.map((m) => `${m.workspaceId} ${m.accountId}`);
  await eventually(
    async () => ((await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM known_members WHERE workspace_id || ' ' || account_id = ANY($1::text[])`, [keys])).rows[0].n === keys.length ? true : undefined),
    10_000,
    'the workspaces known',
  );
}

export interface AuthorizationFacts {
  authorizationId: string;
  miniProgramId: string;
  merchantWorkspaceId: string;
  isvWorkspaceId: string;
  scopes: readonly AuthorizationScope[];
  status?: 'ACTIVE' | 'REVOKED';
}

/** An ordering event of an authorization's stream, as the inbox receives it. */
export function authorizationEvent(type: 'AuthorizationGranted' | 'AuthorizationScopesChanged' | 'AuthorizationRevoked', facts: AuthorizationFacts): EventEnvelope {
  const { authorizationId, status = 'ACTIVE', ...rest } = facts;
  return received('ordering', `ordering.${type}`, `Authorization-${authorizationId}`, { authorizationId, orderId: `o-${authorizationId}`, ...rest, status, at: now() });
}

/** Feeds an AuthorizationGranted (ACTIVE) for each, and waits until the service holds every one. */
export async function grantAuthorizations(service: RunningService, sql: SqlClient, grants: Omit<AuthorizationFacts, 'status'>[]): Promise<void> {
  await service.inbox.receive(grants.map((grant) => authorizationEvent('AuthorizationGranted', grant)));
  const ids = grants.map((g) => g.authorizationId);
  await eventually(
    async () => ((await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM granted_authorizations WHERE authorization_id = ANY($1::text[])`, [ids])).rows[0].n === ids.length ? true : undefined),
    10_000,
    'the grants applied',
  );
}

