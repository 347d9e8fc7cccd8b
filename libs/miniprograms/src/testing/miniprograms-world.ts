import { randomUUID } from 'node:crypto';
import { CREATE_MINI_PROGRAM, Reply, RequestActor, RequestMeta } from '@mpp/contracts';
import { SqlClient, SqlEventStore } from '@mpp/eventsourcing';
import { createLogger } from '@mpp/platform';
import { RunningService, startService } from '@mpp/runtime';
import { eventually, postgresDatabase, TestSql, WorkspaceSeed } from '@mpp/testing';

// The other services' events every inbox-fed spec uses, shared with insights' specs (libs/testing).
export { authorizationEvent, grantAuthorizations, now, received, seedWorkspaces } from '@mpp/testing';
export type { AuthorizationFacts, TestSql, WorkspaceSeed } from '@mpp/testing';
export { pgliteDatabase, postgresDatabase, testDatabases } from '@mpp/testing';
import { miniprogramsService } from '../miniprograms.service';

// The miniprograms service as its integration specs run it: on a throwaway database, fed the identity and ordering
// events it would read from other services' topics, and asked requests as the gateway would ask them.

export type Actor = RequestActor;
export const merchant: Actor = { accountId: 'merchant-owner', platformRoles: [] };
export const isv: Actor = { accountId: 'isv-dev', platformRoles: [] };
export const isvOperator: Actor = { accountId: 'isv-operator', platformRoles: [] };
export const otherIsv: Actor = { accountId: 'other-dev', platformRoles: [] };

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

/** The workspaces the specs share: merchant m-1 owned by `merchant`, ISVs i-1 by `isv` and i-2 by `otherIsv`. */
export const merchantWorkspace: WorkspaceSeed = { workspaceId: 'm-1', type: 'MERCHANT', owner: merchant.accountId };
export const isvWorkspace: WorkspaceSeed = { workspaceId: 'i-1', type: 'ISV', owner: isv.accountId };
export const otherIsvWorkspace: WorkspaceSeed = { workspaceId: 'i-2', type: 'ISV', owner: otherIsv.accountId };

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
