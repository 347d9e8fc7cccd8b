import { SqlClient } from '@mpp/eventsourcing';

export interface KnownMembership {
  workspaceId: string;
  type: 'ISV' | 'MERCHANT';
  name: string;
  role: 'OWNER' | 'ADMIN' | 'DEVELOPER' | 'OPERATOR';
}

/** The account's membership of one workspace, from the known-workspaces projection; undefined when not a member. */
export async function membershipOf(sql: SqlClient, workspaceId: string, accountId: string): Promise<KnownMembership | undefined> {
  const { rows } = await sql.query<KnownMembership>(
    `SELECT w.workspace_id AS "workspaceId", w.type, w.name, m.role FROM known_members m JOIN known_workspaces w USING (workspace_id)
      WHERE m.workspace_id = $1 AND m.account_id = $2`,
    [workspaceId, accountId],
  );
  return rows[0];
}

/** Owner and Admin manage what a workspace holds: its orders' steps, its webhooks, its mini programs' upload keys. */
export const WORKSPACE_MANAGER_ROLES: readonly KnownMembership['role'][] = ['OWNER', 'ADMIN'];

/** Owner, Admin and Developer of an ISV workspace build for it: its services, templates and batch jobs (DOMAIN.md 2, 5). */
export const ISV_BUILDER_ROLES: readonly KnownMembership['role'][] = ['OWNER', 'ADMIN', 'DEVELOPER'];

/** Each context's own answer (its error codes) to a caller who may not build for the workspace. */
export interface BuilderRefusals {
  notMember: () => Error;
  notIsv: () => Error;
  notBuilder: () => Error;
}

/** The caller's membership, when it may build for the ISV workspace; else the context's refusal is thrown. */
export async function requireIsvBuilder(sql: SqlClient, workspaceId: string, accountId: string, refuse: BuilderRefusals): Promise<KnownMembership> {
  const membership = await membershipOf(sql, workspaceId, accountId);
  if (!membership) throw refuse.notMember();
  if (membership.type !== 'ISV') throw refuse.notIsv();
  if (!ISV_BUILDER_ROLES.includes(membership.role)) throw refuse.notBuilder();
  return membership;
}

/** Every workspace the account belongs to. */
export async function membershipsOf(sql: SqlClient, accountId: string): Promise<KnownMembership[]> {
  const { rows } = await sql.query<KnownMembership>(
    `SELECT w.workspace_id AS "workspaceId", w.type, w.name, m.role FROM known_members m JOIN known_workspaces w USING (workspace_id) WHERE m.account_id = $1`,
    [accountId],
  );
  return rows;
}

/** A known workspace's public name. */
export async function knownWorkspaceName(sql: SqlClient, workspaceId: string): Promise<string | undefined> {
  const { rows } = await sql.query<{ name: string }>(`SELECT name FROM known_workspaces WHERE workspace_id = $1`, [workspaceId]);
  return rows[0]?.name;
}
