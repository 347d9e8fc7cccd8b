import {
  ADD_SCREENSHOT,
  AuthorizationScope,
  CHECK_UI_ASSET_UPLOAD,
  GET_ICON,
  GET_MINI_PROGRAM,
  GET_MINI_PROGRAM_HISTORY,
  GET_SCREENSHOT,
  MiniProgramView,
  REMOVE_SCREENSHOT,
  SET_ICON,
  StoredImage,
} from '@mpp/contracts';
import { SqlClient, SqlEventStore } from '@mpp/eventsourcing';
import { RunningService } from '@mpp/runtime';
import { eventually } from '@mpp/testing';
import { accepted, authorizationEvent, createMiniProgram, errorCode, isv, isvWorkspace, merchant, merchantWorkspace, miniProgramProjected, Miniprograms, otherIsv, otherIsvWorkspace, seedWorkspaces, startMiniprograms } from '../testing';
import { miniProgramStreamId } from './mini-program.decider';

// A mini program's icon and screenshots through the real service on PostgreSQL: the images themselves are in the
// gateway's blob store; miniprograms records which ones the mini program uses, and who may change and read them.

type Actor = { accountId: string; platformRoles: string[] };
const hash = (n: number) => n.toString(16).padStart(64, '0');
const icon = (n: number, side = 512): StoredImage => ({ sha256: hash(n), size: 40_000, contentType: 'image/png', width: side, height: side });
const shot = (n: number): StoredImage => ({ sha256: hash(1000 + n), size: 300_000, contentType: 'image/jpeg', width: 1080, height: 1920 });

describe('miniprograms: a mini program\'s icon and screenshots (PostgreSQL)', () => {
  let world: Miniprograms;
  let sql: SqlClient;
  let service: RunningService;
  let store: SqlEventStore;
  let miniProgramId: string;

  const ok = <T>(type: string, fields: object, actor: Actor): Promise<T> => accepted<T>(service, type, { miniProgramId, ...fields }, actor);
  const codeOf = (type: string, fields: object, actor: Actor) => errorCode(service, type, { miniProgramId, ...fields }, actor);
  const detail = () => ok<MiniProgramView>(GET_MINI_PROGRAM, {}, merchant);
  const grant = (type: 'AuthorizationGranted' | 'AuthorizationScopesChanged', scopes: AuthorizationScope[]) =>
    service.inbox.receive([authorizationEvent(type, { authorizationId: 'a-1', miniProgramId, merchantWorkspaceId: 'm-1', isvWorkspaceId: 'i-1', scopes })]);
  const stream = () => store.readStream(miniProgramStreamId(miniProgramId));

  beforeAll(async () => {
    world = await startMiniprograms('miniprograms_assets');
    ({ sql, store, service } = world);
    await seedWorkspaces(service, sql, [merchantWorkspace, isvWorkspace, otherIsvWorkspace]);
    miniProgramId = await createMiniProgram(service, merchant, 'm-1', 'Cafe');
    await miniProgramProjected(sql, miniProgramId);
  });
  afterAll(() => world.stop());

  it('is read right after its creation, while its read model has not caught up: from its stream', async () => {
    const runner = service.runners.find((r) => r.projection.name === 'mini-programs');
    if (!runner) throw new Error('no mini-programs runner');
    await runner.stop();
    try {
      const fresh = await createMiniProgram(service, merchant, 'm-1', 'Just Made');
      expect((await sql.query(`SELECT 1 FROM mini_programs WHERE mini_program_id = $1`, [fresh])).rows).toEqual([]);
      expect(await errorCode(service, GET_ICON, { miniProgramId: fresh }, merchant)).toBe('ICON_NOT_FOUND');
      expect(await accepted(service, GET_MINI_PROGRAM, { miniProgramId: fresh }, merchant)).toMatchObject({ miniProgramId: fresh, name: 'Just Made' });
      // Those who may not see it still get 404, and an id nobody made is still unknown.
      expect(await errorCode(service, GET_ICON, { miniProgramId: fresh }, otherIsv)).toBe('MINI_PROGRAM_NOT_FOUND');
      expect(await errorCode(service, GET_ICON, { miniProgramId: 'mp-nobody-made' }, merchant)).toBe('MINI_PROGRAM_NOT_FOUND');
    } finally {
      runner.start();
    }
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
    // A read sees the write at once: the projection's row and the events after it.
    await eventually(async () => ((await ok<StoredImage>(GET_ICON, {}, isv)).sha256 === hash(3) ? true : undefined), 10_000, 'the new icon projected');
    expect(await ok(GET_ICON, {}, isv)).toEqual(icon(3));
    const history = await ok<{ items: { type: string; actor: string }[] }>(GET_MINI_PROGRAM_HISTORY, {}, isv);
    expect(history.items.at(-1)).toMatchObject({ type: 'IconSet', actor: isv.accountId });
  });

  it('is read with a change just made, while its read model has a row that has not caught up: the row and the events after it', async () => {
    const runner = service.runners.find((r) => r.projection.name === 'mini-programs');
    if (!runner) throw new Error('no mini-programs runner');
    const rowView = async () => (await sql.query<{ view: MiniProgramView }>(`SELECT view FROM mini_programs WHERE mini_program_id = $1`, [miniProgramId])).rows[0].view;
    const before = await detail();
    await eventually(async () => ((await rowView()).version === before.version ? true : undefined), 10_000, 'the read model caught up');
    await runner.stop();
    try {
      await ok(SET_ICON, { image: icon(7) }, merchant);
      expect(await rowView()).toMatchObject({ icon: before.icon, version: before.version });
      expect(await detail()).toMatchObject({ icon: icon(7), version: before.version + 1 });
      expect(await ok(GET_ICON, {}, merchant)).toEqual(icon(7));
    } finally {
      runner.start();
    }
    // Caught up, the projection's own view answers, the same.
    await eventually(async () => ((await rowView()).icon?.sha256 === hash(7) ? true : undefined), 10_000, 'the icon projected');
    expect(await detail()).toMatchObject({ icon: icon(7), version: before.version + 1 });
  });
});
