import { randomUUID } from 'node:crypto';
import {
  ADD_SCREENSHOT,
  CHECK_UI_ASSET_UPLOAD,
  CREATE_MINI_PROGRAM,
  EventEnvelope,
  GET_ICON,
  GET_MINI_PROGRAM,
  GET_MINI_PROGRAM_HISTORY,
  GET_SCREENSHOT,
  MiniProgramView,
  REMOVE_SCREENSHOT,
  Reply,
  SET_ICON,
  StoredImage,
} from '@mpp/contracts';
import { PostgresSqlClient, SqlEventStore } from '@mpp/eventsourcing';
import { createLogger } from '@mpp/platform';
import { RunningService, startService } from '@mpp/runtime';
import { createTestDatabase, eventually } from '@mpp/testing';
import { miniprogramsService } from '../miniprograms.service';
import { miniProgramStreamId } from './mini-program.decider';

// A mini program's icon and screenshots through the real service on PostgreSQL: the images themselves are in the
// gateway's blob store; miniprograms records which ones the mini program uses, and who may change and read them.

type Actor = { accountId: string; platformRoles: string[] };
const merchant: Actor = { accountId: 'merchant-owner', platformRoles: [] };
const isv: Actor = { accountId: 'isv-dev', platformRoles: [] };
const otherIsv: Actor = { accountId: 'other-dev', platformRoles: [] };
const now = () => new Date().toISOString();
const hash = (n: number) => n.toString(16).padStart(64, '0');
const icon = (n: number, side = 512): StoredImage => ({ sha256: hash(n), size: 40_000, contentType: 'image/png', width: side, height: side });
const shot = (n: number): StoredImage => ({ sha256: hash(1000 + n), size: 300_000, contentType: 'image/jpeg', width: 1080, height: 1920 });

function received(source: string, type: string, subject: string, data: Record<string, unknown>): EventEnvelope {
  return { specversion: '1.0', id: randomUUID(), type, source: `/mpp/${source}`, subject, time: now(), datacontenttype: 'application/json', data, sequence: 1, correlationid: 'c' };
}

describe('miniprograms: a mini program\'s icon and screenshots (PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sql: PostgresSqlClient;
  let service: RunningService;
  let store: SqlEventStore;
  let miniProgramId: string;

  const send = (type: string, fields: object, actor: Actor): Promise<Reply> =>
    service.router.handle({ type, payload: { miniProgramId, ...fields }, meta: { correlationId: randomUUID(), actor } });
  const ok = async <T>(type: string, fields: object, actor: Actor): Promise<T> => {
    const reply = await send(type, fields, actor);
    if (!reply.ok) throw new Error(`${type} refused: ${reply.error.code} ${reply.error.message}`);
    return reply.result as T;
  };
  const codeOf = async (type: string, fields: object, actor: Actor) => {
    const reply = await send(type, fields, actor);
    return reply.ok ? 'ACCEPTED' : reply.error.code;
  };
  const detail = () => ok<MiniProgramView>(GET_MINI_PROGRAM, {}, merchant);
  const grant = (type: string, scopes: string[]) =>
    service.inbox.receive([
      received('ordering', `ordering.${type}`, 'Authorization-a-1', { authorizationId: 'a-1', orderId: 'o-1', miniProgramId, merchantWorkspaceId: 'm-1', isvWorkspaceId: 'i-1', scopes, status: 'ACTIVE', at: now() }),
    ]);
  const stream = () => store.readStream(miniProgramStreamId(miniProgramId));

  beforeAll(async () => {
    db = await createTestDatabase('miniprograms_assets');
    sql = new PostgresSqlClient({ connectionString: db.url });
    store = await new SqlEventStore(sql).init();
    service = await startService(miniprogramsService, { sql, store, logger: createLogger('miniprograms-assets-int', 'silent') });
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

  it('has no icon and no screenshots at first', async () => {
    expect(await detail()).toMatchObject({ icon: null, screenshots: [] });
    expect(await codeOf(GET_ICON, {}, merchant)).toBe('ICON_NOT_FOUND');
  });

  it('sets the icon: the detail shows it, GET icon names its stored image, the history has IconSet', async () => {
    expect(await ok(CHECK_UI_ASSET_UPLOAD, { asset: 'ICON' }, merchant)).toMatchObject({ types: ['image/png'], maxBytes: 1024 * 1024, minPx: 144, maxPx: 1024, maxAspect: 1 });
    await ok(SET_ICON, { image: icon(1) }, merchant);
    await eventually(async () => ((await detail()).icon?.sha256 === hash(1) ? true : undefined), 10_000, 'the icon projected');
    expect((await detail()).icon).toEqual(icon(1));
    expect(await ok(GET_ICON, {}, merchant)).toEqual(icon(1));
    const history = await ok<{ items: { type: string; sha256?: string; actor: string }[] }>(GET_MINI_PROGRAM_HISTORY, {}, merchant);
    expect(history.items.at(-1)).toMatchObject({ type: 'IconSet', sha256: hash(1), actor: merchant.accountId });
  });

  it('refuses an icon the rules do not allow (IMAGE_INVALID) and writes nothing', async () => {
    const before = await stream();
    expect(await codeOf(SET_ICON, { image: icon(2, 100) }, merchant)).toBe('IMAGE_INVALID');
    expect(await codeOf(SET_ICON, { image: { ...icon(2), contentType: 'image/jpeg' } }, merchant)).toBe('IMAGE_INVALID');
    expect(await stream()).toEqual(before);
  });

  it('adds 5 screenshots, refuses a 6th (before and after the bytes), removes one, and then has room again', async () => {
    const ids: string[] = [];
    for (let n = 1; n <= 5; n++) ids.push((await ok<{ screenshotId: string }>(ADD_SCREENSHOT, { image: shot(n) }, merchant)).screenshotId);
    expect(new Set(ids).size).toBe(5);
    expect(await codeOf(CHECK_UI_ASSET_UPLOAD, { asset: 'SCREENSHOT' }, merchant)).toBe('TOO_MANY_SCREENSHOTS');
    expect(await codeOf(ADD_SCREENSHOT, { image: shot(6) }, merchant)).toBe('TOO_MANY_SCREENSHOTS');
    await eventually(async () => ((await detail()).screenshots?.length === 5 ? true : undefined), 10_000, 'the screenshots projected');
    expect((await detail()).screenshots).toEqual(ids.map((screenshotId, i) => ({ screenshotId, ...shot(i + 1), addedAt: expect.any(String) })));
    expect(await ok(GET_SCREENSHOT, { screenshotId: ids[2] }, merchant)).toEqual(shot(3));

    await ok(REMOVE_SCREENSHOT, { screenshotId: ids[2] }, merchant);
    expect(await codeOf(REMOVE_SCREENSHOT, { screenshotId: ids[2] }, merchant)).toBe('SCREENSHOT_NOT_FOUND');
    await eventually(async () => ((await detail()).screenshots?.length === 4 ? true : undefined), 10_000, 'the removal projected');
    expect(await codeOf(GET_SCREENSHOT, { screenshotId: ids[2] }, merchant)).toBe('SCREENSHOT_NOT_FOUND');
    for (const name of ['constructor', '__proto__']) expect(await codeOf(GET_SCREENSHOT, { screenshotId: name }, merchant)).toBe('SCREENSHOT_NOT_FOUND');
    expect(await ok(CHECK_UI_ASSET_UPLOAD, { asset: 'SCREENSHOT' }, merchant)).toMatchObject({ types: ['image/png', 'image/jpeg'], maxBytes: 2 * 1024 * 1024 });
    const history = await ok<{ items: { type: string; screenshotId?: string }[] }>(GET_MINI_PROGRAM_HISTORY, {}, merchant);
    expect(history.items.filter((i) => i.type.startsWith('Screenshot')).map((i) => [i.type, i.screenshotId])).toEqual([...ids.map((id) => ['ScreenshotAdded', id]), ['ScreenshotRemoved', ids[2]]]);
  });

  it('lets an authorized ISV read the assets, change them only with CONFIGURE; hides them from other ISVs', async () => {
    const screenshotId = (await detail()).screenshots![0].screenshotId;
    const changes: [string, object][] = [
      [CHECK_UI_ASSET_UPLOAD, { asset: 'ICON' }],
      [SET_ICON, { image: icon(3) }],
      [ADD_SCREENSHOT, { image: shot(7) }],
      [REMOVE_SCREENSHOT, { screenshotId }],
    ];
    const reads: [string, object][] = [
      [GET_ICON, {}],
      [GET_SCREENSHOT, { screenshotId }],
    ];
    for (const [type, fields] of [...changes, ...reads]) expect([type, await codeOf(type, fields, isv)]).toEqual([type, 'MINI_PROGRAM_NOT_FOUND']);

    await grant('AuthorizationGranted', ['UPLOAD']);
    await eventually(async () => ((await codeOf(GET_ICON, {}, isv)) === 'ACCEPTED' ? true : undefined), 10_000, 'the grant applied');
    const before = await stream();
    for (const [type, fields] of changes) expect([type, await codeOf(type, fields, isv)]).toEqual([type, 'SCOPE_NOT_GRANTED']);
    for (const [type, fields] of reads) expect([type, await codeOf(type, fields, isv)]).toEqual([type, 'ACCEPTED']);
    for (const [type, fields] of [...changes, ...reads]) expect([type, await codeOf(type, fields, otherIsv)]).toEqual([type, 'MINI_PROGRAM_NOT_FOUND']);
    expect(await stream()).toEqual(before);

    await grant('AuthorizationScopesChanged', ['UPLOAD', 'CONFIGURE']);
    await eventually(async () => ((await codeOf(CHECK_UI_ASSET_UPLOAD, { asset: 'ICON' }, isv)) === 'ACCEPTED' ? true : undefined), 10_000, 'CONFIGURE granted');
    await ok(SET_ICON, { image: icon(3) }, isv);
    // Reads come from the projection, a moment behind the write.
    await eventually(async () => ((await ok<StoredImage>(GET_ICON, {}, isv)).sha256 === hash(3) ? true : undefined), 10_000, 'the new icon projected');
    expect(await ok(GET_ICON, {}, isv)).toEqual(icon(3));
    const history = await ok<{ items: { type: string; actor: string }[] }>(GET_MINI_PROGRAM_HISTORY, {}, isv);
    expect(history.items.at(-1)).toMatchObject({ type: 'IconSet', actor: isv.accountId });
  });
});
