import { randomUUID } from 'node:crypto';
import { AuthorizationScope, CREATE_MINI_PROGRAM, EventEnvelope, Reply, RequestActor, RequestMeta } from '@mpp/contracts';
import { PostgresSqlClient, SqlClient, SqlEventStore } from '@mpp/eventsourcing';
import { PgliteSqlClient } from '@mpp/eventsourcing/pglite';
import { createLogger } from '@mpp/platform';
import { RunningService, startService } from '@mpp/runtime';
import { createTestDatabase, eventually } from '@mpp/testing';
import { miniprogramsService } from '../miniprograms.service';

// The miniprograms service as its integration specs run it: on a throwaway database, fed the identity and ordering
// events it would read from other services' topics, and asked requests as the gateway would ask them.

export type Actor = RequestActor;
export const merchant: Actor = { accountId: 'merchant-owner', platformRoles: [] };
export const isv: Actor = { accountId: 'isv-dev', platformRoles: [] };
export const isvOperator: Actor = { accountId: 'isv-operator', platformRoles: [] };
export const otherIsv: Actor = { accountId: 'other-dev', platformRoles: [] };

export const now = () => new Date().toISOString();

/** An event of another service (`source`: identity, ordering, catalog...) as the inbox receives it. */
export function received(source: string, type: string, subject: string, data: Record<string, unknown>): EventEnvelope {
  return { specversion: '1.0', id: randomUUID(), type, source: `/mpp/${source}`, subject, time: now(), datacontenttype: 'application/json', data, sequence: 1, correlationid: 'c' };
}

/** A database for one spec: its client, and how to throw it away. */
export interface TestSql {
  sql: SqlClient;
  drop(): Promise<void>;
}

/** A fresh PostgreSQL database (the cluster's). */
export async function postgresDatabase(name: string, options: { max?: number } = {}): Promise<TestSql> {
  const db = await createTestDatabase(name);
  return { sql: new PostgresSqlClient({ connectionString: db.url, ...options }), drop: () => db.drop() };
}

/** Standalone's embedded database, where every transaction runs alone. */
export async function pgliteDatabase(): Promise<TestSql> {
  return { sql: new PgliteSqlClient(), drop: async () => undefined };
}

export interface Miniprograms {
  sql: SqlClient;
  store: SqlEventStore;
  /** The running service; `restart` replaces it. */
  service: RunningService;
  /** Starts the service again on the same database (after `service.stop()`). */
  restart(): Promise<RunningService>;
  /** Stops the service and throws the database away. */
  stop(): Promise<void>;
}

/** The miniprograms service on a new database (PostgreSQL named after `name` unless `open` gives another). */
export async function startMiniprograms(name: string, open: () => Promise<TestSql> = () => postgresDatabase(name)): Promise<Miniprograms> {
  const { sql, drop } = await open();
  const store = await new SqlEventStore(sql).init();
  const start = () => startService(miniprogramsService, { sql, store, logger: createLogger(`${name}-int`, 'silent') });
  const world: Miniprograms = {
    sql,
    store,
    service: await start(),
    async restart() {
      world.service = await start();
      return world.service;
    },
    async stop() {
      await world.service.stop();
      await sql.close();
      await drop();
    },
  };
  return world;
}

export interface WorkspaceSeed {
  workspaceId: string;
  type: 'MERCHANT' | 'ISV';
  /** The owner's account. */
  owner: string;
  /** Members besides the owner. */
  members?: { accountId: string; role: string }[];
}

/** The workspaces the specs share: merchant m-1 owned by `merchant`, ISVs i-1 by `isv` and i-2 by `otherIsv`. */
export const merchantWorkspace: WorkspaceSeed = { workspaceId: 'm-1', type: 'MERCHANT', owner: merchant.accountId };
export const isvWorkspace: WorkspaceSeed = { workspaceId: 'i-1', type: 'ISV', owner: isv.accountId };
export const otherIsvWorkspace: WorkspaceSeed = { workspaceId: 'i-2', type: 'ISV', owner: otherIsv.accountId };

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

/** Asks the service a request as `actor`, as the gateway would (a fresh correlation id). */
export function request(service: RunningService, type: string, payload: object, actor: Actor, meta: Omit<RequestMeta, 'correlationId' | 'actor'> = {}): Promise<Reply> {
  return service.router.handle({ type, payload, meta: { correlationId: randomUUID(), actor, ...meta } });
}

/** The result of a request the service must accept: a refusal throws, with its code. */
export async function accepted<T>(service: RunningService, type: string, payload: object, actor: Actor): Promise<T> {
  const reply = await request(service, type, payload, actor);
  if (!reply.ok) throw new Error(`${type} refused: ${reply.error.code} ${reply.error.message}`);
  return reply.result as T;
}

/** 'ACCEPTED', or the code of the service's refusal. */
export async function errorCode(service: RunningService, type: string, payload: object, actor: Actor): Promise<string> {
  const reply = await request(service, type, payload, actor);
  return reply.ok ? 'ACCEPTED' : reply.error.code;
}

/** A new mini program of a merchant workspace (RETAIL, for GCash); its id. */
export async function createMiniProgram(service: RunningService, actor: Actor, workspaceId: string, name: string): Promise<string> {
  const created = await accepted<{ miniProgramId: string }>(service, CREATE_MINI_PROGRAM, { workspaceId, name, description: '', category: 'RETAIL', targetApps: ['GCASH'] }, actor);
  return created.miniProgramId;
}

/** Waits until the mini program is in the mini_programs read model. */
export async function miniProgramProjected(sql: SqlClient, miniProgramId: string): Promise<void> {
  await eventually(async () => ((await sql.query(`SELECT 1 FROM mini_programs WHERE mini_program_id = $1`, [miniProgramId])).rows.length ? true : undefined), 10_000, 'the mini program projected');
}
