import { MINI_PROGRAM_CREATED, MINI_PROGRAM_EDITED } from '@mpp/contracts';
import { fold } from '@mpp/eventsourcing';
import { deciderSpecification } from '@mpp/eventsourcing/testing';
import {
  checkNewVersion,
  GRAY_RELEASE_STARTED,
  ICON_SET,
  MAX_VERSIONS_IN_DEVELOPMENT,
  MiniProgramCommand,
  miniProgramDecider,
  MiniProgramEvent,
  MiniProgramState,
  SCREENSHOT_ADDED,
  SCREENSHOT_REMOVED,
  VERSION_APPROVED,
  VERSION_RELEASED,
} from './mini-program.decider';

const t0 = new Date('2026-11-01T10:00:00.000Z');
const dev = { accountId: 'dev-1', platformRoles: [] as string[] };
const reviewer = { accountId: 'rev-1', platformRoles: ['REVIEWER'] };
const content = { name: ' Bean Counter ', description: 'Order ahead.', category: 'FOOD_AND_BEVERAGE', targetApps: ['GCASH'] };
const pkg = { sha256: 'a'.repeat(64), size: 1234 };

let clock = t0.getTime();
const spec = deciderSpecification(miniProgramDecider, { newId: () => 'x' });
const decide = (events: MiniProgramEvent[], command: MiniProgramCommand, actor = dev, now = new Date((clock += 1000))) => spec.given(events).when(command, { now, actor }).decided();
const then = (events: MiniProgramEvent[], command: MiniProgramCommand, actor = dev) => [...events, ...decide(events, command, actor)];
const state = (events: MiniProgramEvent[]) => fold(miniProgramDecider, events) as Exclude<MiniProgramState, { status: 'NONE' }>;
const refusal = (code: string, category = 'rule_violation') => expect.objectContaining({ code, category });
const statusOf = (events: MiniProgramEvent[], version: string) => state(events).versions[version]?.status;

const created = decide([], { type: 'CreateMiniProgram', miniProgramId: 'mp-1', ownerWorkspaceId: 'm-1', content });
const upload = (events: MiniProgramEvent[], version: string) => then(events, { type: 'UploadVersion', version, description: `v${version}`, package: pkg });
const submit = (events: MiniProgramEvent[], version: string, releaseMode: 'MANUAL' | 'AUTO' = 'MANUAL') => then(events, { type: 'SubmitVersion', version, releaseMode });
const approve = (events: MiniProgramEvent[], version: string) => then(events, { type: 'ApproveVersion', version }, reviewer);
const releaseFully = (events: MiniProgramEvent[], version: string) => then(approve(submit(upload(events, version), version), version), { type: 'ReleaseVersion', version });
const v1Online = releaseFully(created, '1.0.0');

describe('mini program decider', () => {
  it('creates a DEVELOPING mini program owned by the merchant workspace; names every bad field at once', () => {
    expect(created).toEqual([expect.objectContaining({ type: MINI_PROGRAM_CREATED, data: expect.objectContaining({ miniProgramId: 'mp-1', ownerWorkspaceId: 'm-1', name: 'Bean Counter' }) })]);
    expect(state(created)).toMatchObject({ status: 'DEVELOPING', onlineVersion: null, trialVersion: null });
    expect(() => decide([], { type: 'CreateMiniProgram', miniProgramId: 'mp-2', ownerWorkspaceId: 'm-1', content: { ...content, name: ' ', category: 'SPACE', targetApps: ['GCASH', 'GCASH'] } })).toThrow(
      expect.objectContaining({ category: 'bad_input', errors: [expect.objectContaining({ field: 'name' }), expect.objectContaining({ field: 'category' }), expect.objectContaining({ field: 'targetApps' })] }),
    );
  });

  it('edits its details: records only the fields that change, nothing when none does, refuses bad ones', () => {
    const edited = then(created, { type: 'EditMiniProgram', changes: { name: ' Bean Counter Plus ', targetApps: ['GCASH', 'DANA'], category: undefined } });
    expect(edited[1]).toEqual({ type: MINI_PROGRAM_EDITED, data: { miniProgramId: 'mp-1', name: 'Bean Counter Plus', targetApps: ['GCASH', 'DANA'], at: expect.any(String) } });
    expect(state(edited)).toMatchObject({ name: 'Bean Counter Plus', description: 'Order ahead.', category: 'FOOD_AND_BEVERAGE', targetApps: ['GCASH', 'DANA'] });
    expect(decide(edited, { type: 'EditMiniProgram', changes: { name: 'Bean Counter Plus', description: 'Order ahead.' } })).toEqual([]);
    expect(() => decide(created, { type: 'EditMiniProgram', changes: { name: '', targetApps: [] } })).toThrow(
      expect.objectContaining({ category: 'bad_input', errors: [expect.objectContaining({ field: 'name' }), expect.objectContaining({ field: 'targetApps' })] }),
    );
    expect(() => decide([], { type: 'EditMiniProgram', changes: { name: 'x' } })).toThrow(refusal('MINI_PROGRAM_NOT_FOUND', 'not_found'));
  });

  it('adds developers and testers within their limits, once each, and removes them', () => {
    let events = then(created, { type: 'AddMember', accountId: 'a-1', role: 'DEVELOPER' });
    expect(() => decide(events, { type: 'AddMember', accountId: 'a-1', role: 'TESTER' })).toThrow(refusal('ALREADY_A_MEMBER', 'conflict'));
    for (let i = 2; i <= 50; i++) events = then(events, { type: 'AddMember', accountId: `a-${i}`, role: 'DEVELOPER' });
    expect(() => decide(events, { type: 'AddMember', accountId: 'a-51', role: 'DEVELOPER' })).toThrow(refusal('MEMBER_LIMIT_REACHED'));
    expect(decide(events, { type: 'AddMember', accountId: 'a-51', role: 'TESTER' })).toHaveLength(1);
    events = then(events, { type: 'RemoveMember', accountId: 'a-1' });
    expect(Object.keys(state(events).members)).toHaveLength(49);
    expect(() => decide(events, { type: 'RemoveMember', accountId: 'a-1' })).toThrow(refusal('MEMBER_NOT_FOUND', 'not_found'));
  });

  it('takes only semantic versions, each once, greater than every released one, at most 20 in development', () => {
    expect(() => decide(created, { type: 'UploadVersion', version: 'v1', description: '', package: pkg })).toThrow(expect.objectContaining({ category: 'bad_input', errors: [expect.objectContaining({ field: 'version' })] }));
    expect(() => decide(v1Online, { type: 'UploadVersion', version: '1.0.0', description: '', package: pkg })).toThrow(refusal('VERSION_EXISTS', 'conflict'));
    expect(() => decide(v1Online, { type: 'UploadVersion', version: '0.9.0', description: '', package: pkg })).toThrow(refusal('VERSION_NOT_GREATER'));
    expect(() => decide(v1Online, { type: 'UploadVersion', version: '1.0.0-rc.1', description: '', package: pkg })).toThrow(refusal('VERSION_NOT_GREATER'));
    expect(statusOf(upload(v1Online, '1.0.1'), '1.0.1')).toBe('UPLOADED');
    let many = created;
    for (let i = 0; i < MAX_VERSIONS_IN_DEVELOPMENT; i++) many = upload(many, `0.0.${i}`);
    expect(() => decide(many, { type: 'UploadVersion', version: '0.1.0', description: '', package: pkg })).toThrow(refusal('TOO_MANY_VERSIONS'));
    expect(state(upload(created, '1.0.0')).versions['1.0.0']).toMatchObject({ sha256: pkg.sha256, size: 1234, uploadedBy: 'dev-1' });
  });

  it('answers the upload check with the same rules on a new version, before any package exists', () => {
    expect(() => checkNewVersion(state(v1Online), 'v1')).toThrow(expect.objectContaining({ category: 'bad_input', errors: [expect.objectContaining({ field: 'version' })] }));
    expect(() => checkNewVersion(state(v1Online), '1.0.0')).toThrow(refusal('VERSION_EXISTS', 'conflict'));
    expect(() => checkNewVersion(state(v1Online), '0.9.0')).toThrow(refusal('VERSION_NOT_GREATER'));
    let many = created;
    for (let i = 0; i < MAX_VERSIONS_IN_DEVELOPMENT; i++) many = upload(many, `0.0.${i}`);
    expect(() => checkNewVersion(state(many), '0.1.0')).toThrow(refusal('TOO_MANY_VERSIONS'));
    expect(() => checkNewVersion(state(v1Online), '1.0.1')).not.toThrow();
  });

  it('deletes only an UPLOADED version, and a deleted trial version stops being the trial', () => {
    const uploaded = then(upload(created, '1.0.0'), { type: 'SetTrial', version: '1.0.0' });
    expect(state(uploaded).trialVersion).toBe('1.0.0');
    const deleted = then(uploaded, { type: 'DeleteVersion', version: '1.0.0' });
    expect(state(deleted)).toMatchObject({ trialVersion: null, versions: {} });
    expect(() => decide(submit(upload(created, '1.0.0'), '1.0.0'), { type: 'DeleteVersion', version: '1.0.0' })).toThrow(refusal('VERSION_NOT_DELETABLE'));
    expect(() => decide(created, { type: 'SetTrial', version: '9.9.9' })).toThrow(refusal('VERSION_NOT_FOUND', 'not_found'));
  });

  it('lets one version at a time be in review, approved or in gray', () => {
    const two = upload(upload(created, '1.0.0'), '1.1.0');
    const inReview = submit(two, '1.0.0');
    expect(() => decide(inReview, { type: 'SubmitVersion', version: '1.1.0', releaseMode: 'MANUAL' })).toThrow(refusal('ANOTHER_VERSION_IN_PROGRESS', 'conflict'));
    expect(() => decide(inReview, { type: 'SubmitVersion', version: '1.0.0', releaseMode: 'MANUAL' })).toThrow(refusal('VERSION_NOT_SUBMITTABLE'));
    const approved = approve(inReview, '1.0.0');
    expect(() => decide(approved, { type: 'SubmitVersion', version: '1.1.0', releaseMode: 'MANUAL' })).toThrow(refusal('ANOTHER_VERSION_IN_PROGRESS', 'conflict'));
    const gray = then(approved, { type: 'ReleaseVersion', version: '1.0.0', grayPercent: 30 });
    expect(() => decide(gray, { type: 'SubmitVersion', version: '1.1.0', releaseMode: 'MANUAL' })).toThrow(refusal('ANOTHER_VERSION_IN_PROGRESS', 'conflict'));
    const full = then(gray, { type: 'CompleteGray', version: '1.0.0' });
    expect(decide(full, { type: 'SubmitVersion', version: '1.1.0', releaseMode: 'MANUAL' })).toHaveLength(1);
  });

  it('withdraws a submission at most 5 times a UTC day', () => {
    let events = upload(created, '1.0.0');
    const day = (h: number) => new Date(`2026-11-02T${String(h).padStart(2, '0')}:00:00.000Z`);
    for (let i = 0; i < 5; i++) {
      events = [...events, ...miniProgramDecider.decide({ type: 'SubmitVersion', version: '1.0.0', releaseMode: 'MANUAL' }, state(events), { now: day(i * 2), newId: () => 'x', actor: dev })];
      events = [...events, ...miniProgramDecider.decide({ type: 'WithdrawVersion', version: '1.0.0' }, state(events), { now: day(i * 2 + 1), newId: () => 'x', actor: dev })];
    }
    events = [...events, ...miniProgramDecider.decide({ type: 'SubmitVersion', version: '1.0.0', releaseMode: 'MANUAL' }, state(events), { now: day(12), newId: () => 'x', actor: dev })];
    expect(() => miniProgramDecider.decide({ type: 'WithdrawVersion', version: '1.0.0' }, state(events), { now: day(13), newId: () => 'x', actor: dev })).toThrow(refusal('WITHDRAWAL_LIMIT_REACHED', 'rate_limited'));
    const nextDay = new Date('2026-11-03T00:30:00.000Z');
    expect(miniProgramDecider.decide({ type: 'WithdrawVersion', version: '1.0.0' }, state(events), { now: nextDay, newId: () => 'x', actor: dev })).toHaveLength(1);
    expect(() => decide(upload(created, '1.0.0'), { type: 'WithdrawVersion', version: '1.0.0' })).toThrow(refusal('VERSION_NOT_IN_REVIEW'));
  });

  it('lets only reviewers decide; a rejection has a reason and the version can be resubmitted with a note; AUTO releases on approval', () => {
    const inReview = submit(upload(created, '1.0.0'), '1.0.0');
    expect(() => decide(inReview, { type: 'ApproveVersion', version: '1.0.0' })).toThrow(refusal('FORBIDDEN_ROLE', 'forbidden'));
    expect(() => decide(inReview, { type: 'RejectVersion', version: '1.0.0', reason: ' ' }, reviewer)).toThrow(expect.objectContaining({ category: 'bad_input' }));
    const rejected = then(inReview, { type: 'RejectVersion', version: '1.0.0', reason: 'Crashes on checkout' }, reviewer);
    expect(state(rejected).versions['1.0.0']).toMatchObject({ status: 'REJECTED', reason: 'Crashes on checkout' });
    expect(() => decide(rejected, { type: 'ReleaseVersion', version: '1.0.0' })).toThrow(refusal('VERSION_NOT_APPROVED'));
    const resubmitted = then(rejected, { type: 'SubmitVersion', version: '1.0.0', releaseMode: 'AUTO', note: 'Fixed the crash' });
    expect(state(resubmitted).versions['1.0.0']).toMatchObject({ status: 'IN_REVIEW', note: 'Fixed the crash', releaseMode: 'AUTO' });
    const auto = decide(resubmitted, { type: 'ApproveVersion', version: '1.0.0' }, reviewer);
    expect(auto.map((e) => e.type)).toEqual([VERSION_APPROVED, VERSION_RELEASED]);
    expect(state([...resubmitted, ...auto])).toMatchObject({ status: 'ONLINE', onlineVersion: '1.0.0' });
  });

  it('releases fully or in gray (10, 30, 50), completes or cancels the gray, and refuses a release before approval', () => {
    const inReview = submit(upload(v1Online, '1.1.0'), '1.1.0');
    expect(() => decide(inReview, { type: 'ReleaseVersion', version: '1.1.0' })).toThrow(refusal('VERSION_NOT_APPROVED'));
    const approved = approve(inReview, '1.1.0');
    const gray = then(approved, { type: 'ReleaseVersion', version: '1.1.0', grayPercent: 10 });
    expect(gray[gray.length - 1].type).toBe(GRAY_RELEASE_STARTED);
    expect(state(gray)).toMatchObject({ onlineVersion: '1.0.0', grayVersion: '1.1.0', versions: { '1.1.0': { status: 'GRAY', grayPercent: 10 } } });
    expect(state(then(gray, { type: 'CancelGray', version: '1.1.0' }))).toMatchObject({ grayVersion: null, versions: { '1.1.0': { status: 'APPROVED' } } });
    const done = then(gray, { type: 'CompleteGray', version: '1.1.0' });
    expect(state(done)).toMatchObject({ onlineVersion: '1.1.0', grayVersion: null, versions: { '1.0.0': { status: 'SUPERSEDED' }, '1.1.0': { status: 'RELEASED' } } });
    expect(() => decide(done, { type: 'CompleteGray', version: '1.1.0' })).toThrow(refusal('VERSION_NOT_IN_GRAY'));
    // Released without a percentage, a version in gray is widened to everyone; another percentage is refused.
    expect(state(then(gray, { type: 'ReleaseVersion', version: '1.1.0' }))).toMatchObject({ onlineVersion: '1.1.0', grayVersion: null, versions: { '1.1.0': { status: 'RELEASED' } } });
    expect(() => decide(gray, { type: 'ReleaseVersion', version: '1.1.0', grayPercent: 50 })).toThrow(refusal('VERSION_NOT_APPROVED'));
  });

  it('rolls back to the previous released version, keeping the last five', () => {
    expect(() => decide(v1Online, { type: 'Rollback' })).toThrow(refusal('NOTHING_TO_ROLL_BACK'));
    let events = v1Online;
    for (const v of ['1.1.0', '1.2.0', '1.3.0', '1.4.0', '1.5.0', '1.6.0']) events = releaseFully(events, v);
    events = then(events, { type: 'Rollback' });
    expect(state(events)).toMatchObject({ onlineVersion: '1.5.0', versions: { '1.6.0': { status: 'SUPERSEDED' }, '1.5.0': { status: 'RELEASED' } } });
    for (const expected of ['1.4.0', '1.3.0', '1.2.0', '1.1.0']) {
      events = then(events, { type: 'Rollback' });
      expect(state(events).onlineVersion).toBe(expected);
    }
    // 1.0.0 fell out of the five kept.
    expect(() => decide(events, { type: 'Rollback' })).toThrow(refusal('NOTHING_TO_ROLL_BACK'));
  });

  it('takes an ONLINE mini program offline and back', () => {
    expect(() => decide(created, { type: 'TakeOffline' })).toThrow(refusal('MINI_PROGRAM_NOT_ONLINE'));
    const offline = then(v1Online, { type: 'TakeOffline' });
    expect(state(offline)).toMatchObject({ status: 'OFFLINE', versions: { '1.0.0': { status: 'OFFLINE' } } });
    expect(() => decide(offline, { type: 'TakeOffline' })).toThrow(refusal('MINI_PROGRAM_NOT_ONLINE'));
    expect(state(then(offline, { type: 'BringOnline' }))).toMatchObject({ status: 'ONLINE', versions: { '1.0.0': { status: 'RELEASED' } } });
    expect(() => decide(v1Online, { type: 'BringOnline' })).toThrow(refusal('MINI_PROGRAM_NOT_OFFLINE'));
  });

  it('sets https/wss hostnames only: no IPs, no wildcards, no paths, at most 20; and business parameters', () => {
    const ok = decide(created, { type: 'SetDomains', domains: { request: ['https://API.shop.example'], socket: ['wss://ws.shop.example'] } });
    expect(ok[0].data).toMatchObject({ domains: { request: ['https://api.shop.example'], socket: ['wss://ws.shop.example'], upload: [], download: [], webview: [] } });
    const bad = (domains: Record<string, string[]>, field: string) =>
      expect(() => decide(created, { type: 'SetDomains', domains })).toThrow(expect.objectContaining({ category: 'bad_input', errors: expect.arrayContaining([expect.objectContaining({ field })]) }));
    bad({ request: ['http://api.shop.example'] }, 'request.0');
    bad({ request: ['https://10.0.0.1'] }, 'request.0');
    bad({ request: ['https://[::1]'] }, 'request.0');
    bad({ request: ['https://*.shop.example'] }, 'request.0');
    bad({ request: ['https://api.shop.example/path'] }, 'request.0');
    bad({ request: ['https://api.shop.example:8443'] }, 'request.0');
    bad({ socket: ['https://ws.shop.example'] }, 'socket.0');
    bad({ webview: ['https://localhost'] }, 'webview.0');
    bad({ upload: ['https://a.example', 'https://A.example'] }, 'upload');
    bad({ download: Array.from({ length: 21 }, (_, i) => `https://d${i}.example`) }, 'download');
    expect(decide(created, { type: 'SetBusinessParams', params: { merchantCode: 'BC-001' } })[0].data).toMatchObject({ params: { merchantCode: 'BC-001' } });
    expect(() => decide(created, { type: 'SetBusinessParams', params: { '1bad': 'x' } })).toThrow(expect.objectContaining({ category: 'bad_input' }));
  });

  // Names every object inherits: as ids they must not find anything (DOMAIN.md, "Rules that hold everywhere").
  describe.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__'])('an id equal to the built-in name %s', (name) => {
    // A mini program with a member and versions (one online, one uploaded).
    const busy = then(upload(v1Online, '1.1.0'), { type: 'AddMember', accountId: 'a-1', role: 'TESTER' });

    it.each<MiniProgramCommand['type']>(['SetTrial', 'DeleteVersion', 'WithdrawVersion', 'ApproveVersion', 'CompleteGray', 'CancelGray'])('is no version to %s: VERSION_NOT_FOUND, nothing decided', (type) => {
      expect(() => decide(busy, { type, version: name } as MiniProgramCommand, reviewer)).toThrow(refusal('VERSION_NOT_FOUND', 'not_found'));
    });

    it('is no version to submit, reject or release either, and no version string to upload', () => {
      expect(() => decide(busy, { type: 'SubmitVersion', version: name, releaseMode: 'MANUAL' })).toThrow(refusal('VERSION_NOT_FOUND', 'not_found'));
      expect(() => decide(busy, { type: 'RejectVersion', version: name, reason: 'no' }, reviewer)).toThrow(refusal('VERSION_NOT_FOUND', 'not_found'));
      expect(() => decide(busy, { type: 'ReleaseVersion', version: name })).toThrow(refusal('VERSION_NOT_FOUND', 'not_found'));
      expect(() => decide(busy, { type: 'UploadVersion', version: name, description: '', package: pkg })).toThrow(expect.objectContaining({ category: 'bad_input' }));
    });

    it('is no member: removing it is refused, adding it is no conflict', () => {
      expect(() => decide(busy, { type: 'RemoveMember', accountId: name })).toThrow(refusal('MEMBER_NOT_FOUND', 'not_found'));
      expect(decide(busy, { type: 'AddMember', accountId: name, role: 'TESTER' })).toHaveLength(1);
    });
  });

  it('keeps __proto__ as an ordinary key: the records keep their prototype and nothing is polluted', () => {
    const events = then(then(created, { type: 'AddMember', accountId: '__proto__', role: 'DEVELOPER' }), { type: 'AddMember', accountId: 'a-1', role: 'TESTER' });
    const members = state(events).members;
    expect(Object.getPrototypeOf(members)).toBe(Object.prototype);
    expect(Object.keys(members)).toEqual(['__proto__', 'a-1']);
    expect(({} as Record<string, unknown>).role).toBeUndefined();
    // Stored as JSON (the mini_programs projection), it comes back as the same own key.
    expect(JSON.parse(JSON.stringify(state(events))).members).toEqual(members);
    expect(() => decide(events, { type: 'AddMember', accountId: '__proto__', role: 'TESTER' })).toThrow(refusal('ALREADY_A_MEMBER', 'conflict'));
    expect(Object.keys(state(then(events, { type: 'RemoveMember', accountId: '__proto__' })).members)).toEqual(['a-1']);
  });
  describe('UI assets', () => {
    const png = (side: number, sha = 'b') => ({ sha256: sha.repeat(64), size: 4096, contentType: 'image/png' as const, width: side, height: side });
    const shot = { sha256: 'c'.repeat(64), size: 200_000, contentType: 'image/jpeg' as const, width: 1080, height: 1920 };
    const at = (n: number) => ({ now: new Date(t0.getTime() + n * 1000), actor: dev, newId: () => `shot-${n}` });
    /** `count` screenshots added to the mini program, with ids shot-1, shot-2, ... */
    const withScreenshots = (count: number) =>
      Array.from({ length: count }, (_, i) => i + 1).reduce((events, n) => spec.given(events).when({ type: 'AddScreenshot', image: shot }, at(n)).events(), created);

    it('sets the icon from a stored square PNG, replaces it, and records nothing for the same image again', () => {
      spec.given(created).when({ type: 'SetIcon', image: png(512) }, at(1)).then([{ type: ICON_SET, data: { ...png(512), at: at(1).now.toISOString() } }]);
      const set = spec.given(created).when({ type: 'SetIcon', image: png(512) }, at(1)).events();
      expect(state(set).icon).toEqual(png(512));
      spec.given(set).when({ type: 'SetIcon', image: png(512) }, at(2)).then([]);
      expect(state(spec.given(set).when({ type: 'SetIcon', image: png(144, 'd') }, at(2)).events()).icon).toEqual(png(144, 'd'));
    });

    it('refuses an icon the rules do not allow, whatever the sender says of it: IMAGE_INVALID naming the icon', () => {
      for (const image of [png(143), png(1025), { ...png(512), height: 500 }, { ...png(512), contentType: 'image/jpeg' as const }, { ...png(512), size: 1024 * 1024 + 1 }, { ...png(512), sha256: 'not-a-hash' }]) {
        expect(() => decide(created, { type: 'SetIcon', image })).toThrow(expect.objectContaining({ code: 'IMAGE_INVALID', category: 'bad_input', errors: [expect.objectContaining({ field: 'icon' })] }));
      }
    });

    it('adds up to 5 screenshots, each with an id of its own, refuses a 6th, and removes one by its id', () => {
      spec.given(created).when({ type: 'AddScreenshot', image: shot }, at(1)).then([{ type: SCREENSHOT_ADDED, data: { screenshotId: 'shot-1', ...shot, at: at(1).now.toISOString() } }]);
      const five = withScreenshots(5);
      expect(state(five).screenshots?.map((s) => s.screenshotId)).toEqual(['shot-1', 'shot-2', 'shot-3', 'shot-4', 'shot-5']);
      spec.given(five).when({ type: 'AddScreenshot', image: shot }, at(6)).thenRefuses('TOO_MANY_SCREENSHOTS', 'rule_violation');
      spec.given(five).when({ type: 'RemoveScreenshot', screenshotId: 'shot-2' }, at(6)).then([{ type: SCREENSHOT_REMOVED, data: { screenshotId: 'shot-2', at: at(6).now.toISOString() } }]);
      const four = spec.given(five).when({ type: 'RemoveScreenshot', screenshotId: 'shot-2' }, at(6)).events();
      expect(state(four).screenshots?.map((s) => s.screenshotId)).toEqual(['shot-1', 'shot-3', 'shot-4', 'shot-5']);
      expect(spec.given(four).when({ type: 'AddScreenshot', image: shot }, at(7)).decided()).toHaveLength(1);
      spec.given(four).when({ type: 'RemoveScreenshot', screenshotId: 'shot-2' }, at(7)).thenRefuses('SCREENSHOT_NOT_FOUND', 'not_found');
    });

    it('refuses a screenshot that is not a PNG or JPEG of at most 2 MB, and screenshot ids equal to built-in names', () => {
      spec.given(created).when({ type: 'AddScreenshot', image: { ...shot, size: 2 * 1024 * 1024 + 1 } }, at(1)).thenRefuses('IMAGE_INVALID', 'bad_input');
      spec.given(created).when({ type: 'AddScreenshot', image: { ...shot, contentType: 'image/gif' as 'image/png' } }, at(1)).thenRefuses('IMAGE_INVALID', 'bad_input');
      for (const name of ['constructor', '__proto__', 'toString']) spec.given(withScreenshots(1)).when({ type: 'RemoveScreenshot', screenshotId: name }, at(2)).thenRefuses('SCREENSHOT_NOT_FOUND', 'not_found');
    });

    it('folds a stored state from before UI assets existed (no icon, no screenshots)', () => {
      const old = { ...state(created) } as Partial<MiniProgramState>;
      delete (old as { screenshots?: unknown }).screenshots;
      const next = miniProgramDecider.evolve(old as MiniProgramState, { type: SCREENSHOT_ADDED, data: { screenshotId: 's', ...shot, at: t0.toISOString() } });
      expect((next as Exclude<MiniProgramState, { status: 'NONE' }>).screenshots).toHaveLength(1);
    });
  });
});
