import { randomUUID } from 'node:crypto';
import {
  ADD_MINI_PROGRAM_MEMBER,
  ADD_SCREENSHOT,
  APPROVE_VERSION,
  AUTHORIZATION_SCOPES,
  AuthorizationScope,
  BRING_ONLINE,
  CANCEL_GRAY,
  COMPLETE_GRAY,
  CREATE_MINI_PROGRAM,
  DELETE_VERSION,
  EventEnvelope,
  GET_MINI_PROGRAM,
  GET_VERSION,
  PayloadOf,
  REJECT_VERSION,
  RELEASE_VERSION,
  REMOVE_MINI_PROGRAM_MEMBER,
  REMOVE_SCREENSHOT,
  ROLLBACK,
  SET_BUSINESS_PARAMS,
  SET_DOMAINS,
  SET_ICON,
  SET_TRIAL,
  SUBMIT_VERSION,
  TAKE_OFFLINE,
  UPLOAD_VERSION,
  WITHDRAW_VERSION,
} from '@mpp/contracts';
import { PostgresSqlClient, SqlEventStore } from '@mpp/eventsourcing';
import { createLogger } from '@mpp/platform';
import { RunningService, startService } from '@mpp/runtime';
import { createTestDatabase, eventually } from '@mpp/testing';
import { miniprogramsService } from '../miniprograms.service';
import { Needs } from '../access/mini-program-access';
import { miniProgramStreamId } from './mini-program.decider';

const merchant = { accountId: 'merchant-owner', platformRoles: [] as string[] };
const isv = { accountId: 'isv-dev', platformRoles: [] as string[] };
const otherIsv = { accountId: 'other-dev', platformRoles: [] as string[] };
const now = () => new Date().toISOString();

function received(source: string, type: string, subject: string, data: Record<string, unknown>): EventEnvelope {
  return { specversion: '1.0', id: randomUUID(), type, source: `/mpp/${source}`, subject, time: now(), datacontenttype: 'application/json', data, sequence: 1, correlationid: 'c' };
}

/** Every verb on a mini program after its creation. */
type Change =
  | typeof ADD_MINI_PROGRAM_MEMBER
  | typeof REMOVE_MINI_PROGRAM_MEMBER
  | typeof UPLOAD_VERSION
  | typeof DELETE_VERSION
  | typeof SET_TRIAL
  | typeof SUBMIT_VERSION
  | typeof WITHDRAW_VERSION
  | typeof APPROVE_VERSION
  | typeof REJECT_VERSION
  | typeof RELEASE_VERSION
  | typeof COMPLETE_GRAY
  | typeof CANCEL_GRAY
  | typeof ROLLBACK
  | typeof TAKE_OFFLINE
  | typeof BRING_ONLINE
  | typeof SET_DOMAINS
  | typeof SET_BUSINESS_PARAMS
  | typeof SET_ICON
  | typeof ADD_SCREENSHOT
  | typeof REMOVE_SCREENSHOT;
type Fields<T extends Change> = Omit<PayloadOf<T>, 'miniProgramId'>;

/**
 * A request of each verb that the decider refuses on a fresh mini program, with what DOMAIN.md 4 says it needs (the
 * ISV's scope, or a reviewer): what is checked here is who gets that far.
 */
const PROBES: { [T in Change]: { needs: Needs; fields: Fields<T> } } = {
  [ADD_MINI_PROGRAM_MEMBER]: { needs: 'MEMBERS', fields: { accountId: 'nobody', role: 'TESTER' } },
  [REMOVE_MINI_PROGRAM_MEMBER]: { needs: 'MEMBERS', fields: { accountId: 'nobody' } },
  [UPLOAD_VERSION]: { needs: 'UPLOAD', fields: { version: 'bad', description: '', package: { sha256: 'x', size: 1 } } },
  [DELETE_VERSION]: { needs: 'UPLOAD', fields: { version: '9.9.9' } },
  [SET_TRIAL]: { needs: 'UPLOAD', fields: { version: '9.9.9' } },
  [SUBMIT_VERSION]: { needs: 'SUBMIT_REVIEW', fields: { version: '9.9.9', releaseMode: 'MANUAL' } },
  [WITHDRAW_VERSION]: { needs: 'SUBMIT_REVIEW', fields: { version: '9.9.9' } },
  [APPROVE_VERSION]: { needs: 'REVIEWER', fields: { version: '9.9.9' } },
  [REJECT_VERSION]: { needs: 'REVIEWER', fields: { version: '9.9.9', reason: 'x' } },
  [RELEASE_VERSION]: { needs: 'RELEASE', fields: { version: '9.9.9' } },
  [COMPLETE_GRAY]: { needs: 'RELEASE', fields: { version: '9.9.9' } },
  [CANCEL_GRAY]: { needs: 'RELEASE', fields: { version: '9.9.9' } },
  [ROLLBACK]: { needs: 'RELEASE', fields: {} },
  [TAKE_OFFLINE]: { needs: 'RELEASE', fields: {} },
  [BRING_ONLINE]: { needs: 'RELEASE', fields: {} },
  [SET_DOMAINS]: { needs: 'CONFIGURE', fields: { domains: { request: ['http://x'], upload: [], download: [], socket: [], webview: [] } } },
  [SET_BUSINESS_PARAMS]: { needs: 'CONFIGURE', fields: { params: { '1bad': 'x' } } },
  [SET_ICON]: { needs: 'CONFIGURE', fields: { image: { sha256: 'x', size: 1, contentType: 'image/png', width: 1, height: 1 } } },
  [ADD_SCREENSHOT]: { needs: 'CONFIGURE', fields: { image: { sha256: 'x', size: 1, contentType: 'image/png', width: 1, height: 1 } } },
  [REMOVE_SCREENSHOT]: { needs: 'CONFIGURE', fields: { screenshotId: 'nobody' } },
};
const probes = Object.entries(PROBES);

describe('miniprograms: who may change a mini program, from its own copy of identity and ordering events (PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sql: PostgresSqlClient;
  let service: RunningService;
  let store: SqlEventStore;
  let miniProgramId: string;

  const authorization = (type: string, scopes: readonly AuthorizationScope[], status: string) =>
    received('ordering', `ordering.${type}`, 'Authorization-a-1', { authorizationId: 'a-1', orderId: 'o-1', miniProgramId, merchantWorkspaceId: 'm-1', isvWorkspaceId: 'i-1', scopes, status, at: now() });
  const send = (type: string, fields: object, actor: { accountId: string; platformRoles: string[] }) =>
    service.router.handle({ type, payload: { miniProgramId, ...fields }, meta: { correlationId: randomUUID(), actor } });
  const codeOf = async (type: string, fields: object, actor: { accountId: string; platformRoles: string[] }) => {
    const reply = await send(type, fields, actor);
    return reply.ok ? 'ACCEPTED' : reply.error.code;
  };
  const probe = (type: Change, actor: { accountId: string; platformRoles: string[] }) => codeOf(type, PROBES[type].fields, actor);
  /** Past the access check: the decider's own refusal of the probe. */
  const passed = (code: string) => !['MINI_PROGRAM_NOT_FOUND', 'SCOPE_NOT_GRANTED', 'FORBIDDEN_ROLE'].includes(code);

  beforeAll(async () => {
    db = await createTestDatabase('miniprograms');
    sql = new PostgresSqlClient({ connectionString: db.url });
    store = await new SqlEventStore(sql).init();
    service = await startService(miniprogramsService, { sql, store, logger: createLogger('miniprograms-int', 'silent') });
    const workspace = (id: string, type: string, owner: string) => [
      received('identity', 'identity.WorkspaceApproved', `Workspace-${id}`, { workspaceId: id, type, name: id, ownerAccountId: owner, applicationId: 'a', approvedAt: now() }),
      received('identity', 'identity.MemberAdded', `Workspace-${id}`, { workspaceId: id, accountId: owner, role: 'OWNER', at: now() }),
    ];
    await service.inbox.receive([...workspace('m-1', 'MERCHANT', merchant.accountId), ...workspace('i-1', 'ISV', isv.accountId), ...workspace('i-2', 'ISV', otherIsv.accountId)]);
    await eventually(async () => ((await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM known_members`)).rows[0].n === 3 ? true : undefined), 10_000, 'the workspaces known');
    const created = await service.router.handle({ type: CREATE_MINI_PROGRAM, payload: { workspaceId: 'm-1', name: 'Cafe', description: '', category: 'RETAIL', targetApps: ['GCASH'] }, meta: { correlationId: 'c', actor: merchant } });
    miniProgramId = (created as { result: { miniProgramId: string } }).result.miniProgramId;
    await eventually(async () => ((await sql.query(`SELECT 1 FROM mini_programs WHERE mini_program_id = $1`, [miniProgramId])).rows.length ? true : undefined), 10_000, 'the mini program projected');
  });
  afterAll(async () => {
    await service.stop();
    await sql.close();
    await db.drop();
  });

  it('shows the mini program to its merchant and to reviewers, not to an ISV without an authorization', async () => {
    const get = (actor: { accountId: string; platformRoles: string[] }) => service.router.handle({ type: GET_MINI_PROGRAM, payload: { miniProgramId }, meta: { correlationId: 'c', actor } });
    expect((await get(merchant)).ok).toBe(true);
    expect((await get({ accountId: 'rev', platformRoles: ['REVIEWER'] })).ok).toBe(true);
    expect(await get(isv)).toMatchObject({ ok: false, error: { code: 'MINI_PROGRAM_NOT_FOUND' } });
  });

  it('lets the merchant make every change but the reviewers\' decisions; hides the mini program from ISVs without an authorization', async () => {
    for (const [change, { needs, fields }] of probes) {
      const code = await codeOf(change, fields, merchant);
      expect([change, passed(code)]).toEqual([change, needs !== 'REVIEWER']);
      expect([change, await codeOf(change, fields, isv)]).toEqual([change, 'MINI_PROGRAM_NOT_FOUND']);
    }
  });

  it('lets an authorized ISV make exactly the changes its scopes allow, and nothing after the revoke arrives', async () => {
    await service.inbox.receive([authorization('AuthorizationGranted', ['UPLOAD', 'CONFIGURE'], 'ACTIVE')]);
    await eventually(async () => ((await probe(UPLOAD_VERSION, isv)) !== 'MINI_PROGRAM_NOT_FOUND' ? true : undefined), 10_000, 'the grant applied');
    for (const [change, { needs, fields }] of probes) {
      const expected = needs === 'REVIEWER' ? 'FORBIDDEN_ROLE' : ['UPLOAD', 'CONFIGURE'].includes(needs) ? 'past the check' : 'SCOPE_NOT_GRANTED';
      const code = await codeOf(change, fields, isv);
      expect([change, passed(code) ? 'past the check' : code]).toEqual([change, expected]);
      expect([change, await codeOf(change, fields, otherIsv)]).toEqual([change, 'MINI_PROGRAM_NOT_FOUND']);
    }
    await service.inbox.receive([authorization('AuthorizationScopesChanged', AUTHORIZATION_SCOPES, 'ACTIVE')]);
    await eventually(async () => (passed(await probe(RELEASE_VERSION, isv)) ? true : undefined), 10_000, 'the widened scopes applied');
    await service.inbox.receive([authorization('AuthorizationRevoked', AUTHORIZATION_SCOPES, 'REVOKED')]);
    await eventually(async () => ((await probe(UPLOAD_VERSION, isv)) === 'MINI_PROGRAM_NOT_FOUND' ? true : undefined), 10_000, 'the revoke applied');
    // A grant that arrives after the revoke (another partition) does not revive it.
    await service.inbox.receive([authorization('AuthorizationGranted', AUTHORIZATION_SCOPES, 'ACTIVE')]);
    await new Promise((r) => setTimeout(r, 300));
    expect(await probe(UPLOAD_VERSION, isv)).toBe('MINI_PROGRAM_NOT_FOUND');
  });

  it('finds no version or member named like a built-in property (constructor, toString, __proto__...), and writes nothing', async () => {
    const stream = async () => store.readStream(miniProgramStreamId(miniProgramId));
    const before = await stream();
    for (const name of ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__']) {
      expect(await codeOf(SET_TRIAL, { version: name }, merchant)).toBe('VERSION_NOT_FOUND');
      expect(await codeOf(DELETE_VERSION, { version: name }, merchant)).toBe('VERSION_NOT_FOUND');
      expect(await codeOf(REMOVE_MINI_PROGRAM_MEMBER, { accountId: name }, merchant)).toBe('MEMBER_NOT_FOUND');
      const read = await service.router.handle({ type: GET_VERSION, payload: { miniProgramId, version: name }, meta: { correlationId: 'c', actor: merchant } });
      expect(read).toMatchObject({ ok: false, error: { code: 'VERSION_NOT_FOUND' } });
    }
    expect(await stream()).toEqual(before);
  });
});
