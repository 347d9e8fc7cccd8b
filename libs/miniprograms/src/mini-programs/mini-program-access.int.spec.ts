import { randomUUID } from 'node:crypto';
import { AUTHORIZATION_SCOPES, AuthorizationScope, EventEnvelope, GET_VERSION, MiniProgramChange, RequestMessage } from '@mpp/contracts';
import { PostgresSqlClient, SqlEventStore } from '@mpp/eventsourcing';
import { createLogger } from '@mpp/platform';
import { RunningService, startService } from '@mpp/runtime';
import { createTestDatabase, eventually } from '@mpp/testing';
import { miniprogramsService } from '../miniprograms.service';
import { SCOPE_OF } from './change-mini-program';
import { miniProgramStreamId } from './mini-program.decider';

const merchant = { accountId: 'merchant-owner', platformRoles: [] as string[] };
const isv = { accountId: 'isv-dev', platformRoles: [] as string[] };
const otherIsv = { accountId: 'other-dev', platformRoles: [] as string[] };
const now = () => new Date().toISOString();

function received(source: string, type: string, subject: string, data: Record<string, unknown>): EventEnvelope {
  return { specversion: '1.0', id: randomUUID(), type, source: `/mpp/${source}`, subject, time: now(), datacontenttype: 'application/json', data, sequence: 1, correlationid: 'c' };
}

/** A change of each kind that the decider refuses on a fresh mini program: what is checked here is who gets that far. */
const PROBES: Record<MiniProgramChange['change'], MiniProgramChange> = {
  ADD_MEMBER: { change: 'ADD_MEMBER', accountId: 'nobody', role: 'TESTER' },
  REMOVE_MEMBER: { change: 'REMOVE_MEMBER', accountId: 'nobody' },
  UPLOAD_VERSION: { change: 'UPLOAD_VERSION', version: 'bad', description: '', package: { sha256: 'x', size: 1 } },
  DELETE_VERSION: { change: 'DELETE_VERSION', version: '9.9.9' },
  SET_TRIAL: { change: 'SET_TRIAL', version: '9.9.9' },
  SUBMIT: { change: 'SUBMIT', version: '9.9.9', releaseMode: 'MANUAL' },
  WITHDRAW: { change: 'WITHDRAW', version: '9.9.9' },
  APPROVE: { change: 'APPROVE', version: '9.9.9' },
  REJECT: { change: 'REJECT', version: '9.9.9', reason: 'x' },
  RELEASE: { change: 'RELEASE', version: '9.9.9' },
  COMPLETE_GRAY: { change: 'COMPLETE_GRAY', version: '9.9.9' },
  CANCEL_GRAY: { change: 'CANCEL_GRAY', version: '9.9.9' },
  ROLLBACK: { change: 'ROLLBACK' },
  TAKE_OFFLINE: { change: 'TAKE_OFFLINE' },
  BRING_ONLINE: { change: 'BRING_ONLINE' },
  SET_DOMAINS: { change: 'SET_DOMAINS', domains: { request: ['http://x'], upload: [], download: [], socket: [], webview: [] } },
  SET_BUSINESS_PARAMS: { change: 'SET_BUSINESS_PARAMS', params: { '1bad': 'x' } },
};

describe('miniprograms: who may change a mini program, from its own copy of identity and ordering events (PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sql: PostgresSqlClient;
  let service: RunningService;
  let store: SqlEventStore;
  let miniProgramId: string;

  const authorization = (type: string, scopes: readonly AuthorizationScope[], status: string) =>
    received('ordering', `ordering.${type}`, 'Authorization-a-1', { authorizationId: 'a-1', orderId: 'o-1', miniProgramId, merchantWorkspaceId: 'm-1', isvWorkspaceId: 'i-1', scopes, status, at: now() });
  const send = (change: MiniProgramChange, actor: { accountId: string; platformRoles: string[] }) =>
    service.router.handle({ type: 'miniprograms.ChangeMiniProgram', payload: { miniProgramId, change }, meta: { correlationId: randomUUID(), actor } } as RequestMessage);
  const codeOf = async (change: MiniProgramChange, actor: { accountId: string; platformRoles: string[] }) => {
    const reply = await send(change, actor);
    return reply.ok ? 'ACCEPTED' : reply.error.code;
  };
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
    const created = await service.router.handle({ type: 'miniprograms.CreateMiniProgram', payload: { workspaceId: 'm-1', name: 'Cafe', description: '', category: 'RETAIL', targetApps: ['GCASH'] }, meta: { correlationId: 'c', actor: merchant } } as RequestMessage);
    miniProgramId = (created as { result: { miniProgramId: string } }).result.miniProgramId;
    await eventually(async () => ((await sql.query(`SELECT 1 FROM mini_programs WHERE mini_program_id = $1`, [miniProgramId])).rows.length ? true : undefined), 10_000, 'the mini program projected');
  });
  afterAll(async () => {
    await service.stop();
    await sql.close();
    await db.drop();
  });

  it('shows the mini program to its merchant and to reviewers, not to an ISV without an authorization', async () => {
    const get = (actor: { accountId: string; platformRoles: string[] }) => service.router.handle({ type: 'miniprograms.GetMiniProgram', payload: { miniProgramId }, meta: { correlationId: 'c', actor } } as RequestMessage);
    expect((await get(merchant)).ok).toBe(true);
    expect((await get({ accountId: 'rev', platformRoles: ['REVIEWER'] })).ok).toBe(true);
    expect(await get(isv)).toMatchObject({ ok: false, error: { code: 'MINI_PROGRAM_NOT_FOUND' } });
  });

  it('lets the merchant make every change but the reviewers\' decisions; hides the mini program from ISVs without an authorization', async () => {
    for (const [change, probe] of Object.entries(PROBES)) {
      const code = await codeOf(probe, merchant);
      expect([change, passed(code)]).toEqual([change, SCOPE_OF[probe.change] !== 'REVIEWER']);
      expect([change, await codeOf(probe, isv)]).toEqual([change, 'MINI_PROGRAM_NOT_FOUND']);
    }
  });

  it('lets an authorized ISV make exactly the changes its scopes allow, and nothing after the revoke arrives', async () => {
    await service.inbox.receive([authorization('AuthorizationGranted', ['UPLOAD', 'CONFIGURE'], 'ACTIVE')]);
    await eventually(async () => ((await codeOf(PROBES.UPLOAD_VERSION, isv)) !== 'MINI_PROGRAM_NOT_FOUND' ? true : undefined), 10_000, 'the grant applied');
    for (const [change, probe] of Object.entries(PROBES)) {
      const needs = SCOPE_OF[probe.change];
      const expected = needs === 'REVIEWER' ? 'FORBIDDEN_ROLE' : ['UPLOAD', 'CONFIGURE'].includes(needs) ? 'past the check' : 'SCOPE_NOT_GRANTED';
      const code = await codeOf(probe, isv);
      expect([change, passed(code) ? 'past the check' : code]).toEqual([change, expected]);
      expect([change, await codeOf(probe, otherIsv)]).toEqual([change, 'MINI_PROGRAM_NOT_FOUND']);
    }
    await service.inbox.receive([authorization('AuthorizationScopesChanged', AUTHORIZATION_SCOPES, 'ACTIVE')]);
    await eventually(async () => (passed(await codeOf(PROBES.RELEASE, isv)) ? true : undefined), 10_000, 'the widened scopes applied');
    await service.inbox.receive([authorization('AuthorizationRevoked', AUTHORIZATION_SCOPES, 'REVOKED')]);
    await eventually(async () => ((await codeOf(PROBES.UPLOAD_VERSION, isv)) === 'MINI_PROGRAM_NOT_FOUND' ? true : undefined), 10_000, 'the revoke applied');
    // A grant that arrives after the revoke (another partition) does not revive it.
    await service.inbox.receive([authorization('AuthorizationGranted', AUTHORIZATION_SCOPES, 'ACTIVE')]);
    await new Promise((r) => setTimeout(r, 300));
    expect(await codeOf(PROBES.UPLOAD_VERSION, isv)).toBe('MINI_PROGRAM_NOT_FOUND');
  });

  it('finds no version or member named like a built-in property (constructor, toString, __proto__...), and writes nothing', async () => {
    const stream = async () => store.readStream(miniProgramStreamId(miniProgramId));
    const before = await stream();
    for (const name of ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__']) {
      expect(await codeOf({ change: 'SET_TRIAL', version: name }, merchant)).toBe('VERSION_NOT_FOUND');
      expect(await codeOf({ change: 'DELETE_VERSION', version: name }, merchant)).toBe('VERSION_NOT_FOUND');
      expect(await codeOf({ change: 'REMOVE_MEMBER', accountId: name }, merchant)).toBe('MEMBER_NOT_FOUND');
      const read = await service.router.handle({ type: GET_VERSION, payload: { miniProgramId, version: name }, meta: { correlationId: 'c', actor: merchant } });
      expect(read).toMatchObject({ ok: false, error: { code: 'VERSION_NOT_FOUND' } });
    }
    expect(await stream()).toEqual(before);
  });
});
