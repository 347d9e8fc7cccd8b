import {
  ADD_MINI_PROGRAM_MEMBER,
  ADD_SCREENSHOT,
  APPROVE_VERSION,
  AUTHORIZATION_SCOPES,
  AuthorizationScope,
  BRING_ONLINE,
  CANCEL_GRAY,
  COMPLETE_GRAY,
  DELETE_VERSION,
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
import { SqlClient, SqlEventStore } from '@mpp/eventsourcing';
import { RunningService } from '@mpp/runtime';
import { eventually } from '@mpp/testing';
import { Needs } from '../access/mini-program-access';
import { authorizationEvent, createMiniProgram, errorCode, isv, isvWorkspace, merchant, merchantWorkspace, miniProgramProjected, Miniprograms, otherIsv, otherIsvWorkspace, seedWorkspaces, startMiniprograms } from '../testing';
import { miniProgramStreamId } from './mini-program.decider';

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
  let world: Miniprograms;
  let sql: SqlClient;
  let service: RunningService;
  let store: SqlEventStore;
  let miniProgramId: string;

  const authorization = (type: 'AuthorizationGranted' | 'AuthorizationScopesChanged' | 'AuthorizationRevoked', scopes: readonly AuthorizationScope[], status: 'ACTIVE' | 'REVOKED') =>
    authorizationEvent(type, { authorizationId: 'a-1', miniProgramId, merchantWorkspaceId: 'm-1', isvWorkspaceId: 'i-1', scopes, status });
  const codeOf = (type: string, fields: object, actor: { accountId: string; platformRoles: string[] }) => errorCode(service, type, { miniProgramId, ...fields }, actor);
  const probe = (type: Change, actor: { accountId: string; platformRoles: string[] }) => codeOf(type, PROBES[type].fields, actor);
  /** Past the access check: the decider's own refusal of the probe. */
  const passed = (code: string) => !['MINI_PROGRAM_NOT_FOUND', 'SCOPE_NOT_GRANTED', 'FORBIDDEN_ROLE'].includes(code);

  beforeAll(async () => {
    world = await startMiniprograms('miniprograms');
    ({ sql, store, service } = world);
    await seedWorkspaces(service, sql, [merchantWorkspace, isvWorkspace, otherIsvWorkspace]);
    miniProgramId = await createMiniProgram(service, merchant, 'm-1', 'Cafe');
    await miniProgramProjected(sql, miniProgramId);
  });
  afterAll(() => world.stop());

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
