import { createHash } from 'node:crypto';
import type request from 'supertest';
import {
  ADD_MINI_PROGRAM_MEMBER,
  APPROVE_VERSION,
  BRING_ONLINE,
  CANCEL_GRAY,
  CHECK_UPLOAD,
  COMPLETE_GRAY,
  CREATE_MINI_PROGRAM,
  DELETE_VERSION,
  EDIT_MINI_PROGRAM,
  GET_MINI_PROGRAM,
  GET_MINI_PROGRAM_HISTORY,
  GET_VERSION,
  GET_VERSION_HISTORY,
  LIST_MINI_PROGRAM_MEMBERS,
  LIST_VERSIONS,
  LIST_VERSIONS_FOR_REVIEW,
  REJECT_VERSION,
  RELEASE_VERSION,
  REMOVE_MINI_PROGRAM_MEMBER,
  ROLLBACK,
  SET_BUSINESS_PARAMS,
  SET_DOMAINS,
  SET_TRIAL,
  SUBMIT_VERSION,
  TAKE_OFFLINE,
  UPLOAD_VERSION,
  WITHDRAW_VERSION,
} from '@mpp/contracts';
import { AppError } from '@mpp/platform';
import { miniProgramPackage, traversalPackage } from '@mpp/testing';
import { BAD_REASONS, routesHarness } from '../../testing/routes-harness';

// The mini program routes on the gateway conventions, talking to a scripted bus; uploads land in a real blob directory.

describe('mini program routes', () => {
  const { bus, blobs, server, token, expectSent, expectInvalid, expectNotFound, expectReviewersOnly } = routesHarness('miniprograms');
  let caller: string;
  let reviewer: string;
  beforeAll(async () => {
    caller = await token('acc-1', []);
    reviewer = await token('rev-1', ['REVIEWER']);
  });
  const base = '/v1/mini-programs/mp-1';
  /** Answers the pre-check with a limit, then echoes the upload command's package. */
  const acceptUploads = (maxBytes = 20 * 1024 * 1024) => {
    bus.answer = async (_service, message) => (message.type === CHECK_UPLOAD ? { maxBytes } : { version: '1.0.0', status: 'UPLOADED', ...(message.payload as { package: object }).package });
  };
  const upload = (zip: Buffer, fields: Record<string, string> = { version: '1.0.0', description: 'First' }) => {
    const request = server().post(`${base}/versions`).set('Authorization', caller);
    for (const [k, v] of Object.entries(fields)) request.field(k, v);
    return request.attach('package', zip, 'package.zip');
  };

  it('streams a package into the blob store after the pre-check, then sends the upload with its hash and size', async () => {
    acceptUploads();
    const zip = await miniProgramPackage();
    const res = await upload(zip);
    const sha256 = createHash('sha256').update(zip).digest('hex');
    expect([res.status, res.body]).toEqual([201, { version: '1.0.0', status: 'UPLOADED', sha256, size: zip.length }]);
    expect(bus.sent.map((s) => s.message.type)).toEqual([CHECK_UPLOAD, UPLOAD_VERSION]);
    expect(bus.sent[0].message.payload).toEqual({ miniProgramId: 'mp-1', version: '1.0.0' });
    expect(bus.sent[1].message.payload).toEqual({ miniProgramId: 'mp-1', version: '1.0.0', description: 'First', package: { sha256, size: zip.length } });
    expect(await blobs.localPath(sha256)).toEqual(expect.any(String));
  });

  it('stops before storing anything when miniprograms refuses the pre-check', async () => {
    bus.answer = async () => {
      throw AppError.notFound('MINI_PROGRAM_NOT_FOUND', 'no such mini program');
    };
    const zip = await miniProgramPackage('refused');
    const res = await upload(zip);
    expect([res.status, res.body.code]).toEqual([404, 'MINI_PROGRAM_NOT_FOUND']);
    expect(bus.sent.map((s) => s.message.type)).toEqual([CHECK_UPLOAD]);
    expect(await blobs.localPath(createHash('sha256').update(zip).digest('hex'))).toBeUndefined();
  });

  it('answers 413 past the limit the pre-check gives, and keeps nothing', async () => {
    acceptUploads(1000);
    const zip = await miniProgramPackage('big'.repeat(500));
    const res = await upload(Buffer.concat([zip, Buffer.alloc(2000)]));
    expect([res.status, res.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(bus.sent.map((s) => s.message.type)).toEqual([CHECK_UPLOAD]);
  });

  it('refuses a package that is not a safe zip, and removes it again', async () => {
    acceptUploads();
    const evil = await traversalPackage();
    const res = await upload(evil);
    expect([res.status, res.body.code, res.body.errors[0].field]).toEqual([400, 'PACKAGE_PATH_TRAVERSAL', 'package']);
    expect(await blobs.localPath(createHash('sha256').update(evil).digest('hex'))).toBeUndefined();
    expect((await upload(Buffer.from('not a zip at all'))).body.code).toBe('PACKAGE_NOT_A_ZIP');
  });

  it('names the missing fields: version before the package, a description, the package itself', async () => {
    acceptUploads();
    const zip = await miniProgramPackage();
    expectInvalid(await upload(zip, { description: 'No version' }), 'version');
    bus.sent.length = 0;
    expectInvalid(await upload(zip, { version: '1.0.0' }), 'description');
    bus.sent.length = 0;
    expectInvalid(await server().post(`${base}/versions`).set('Authorization', caller).field('version', '1.0.0').field('description', 'x'), 'package');
    bus.sent.length = 0;
    expectInvalid(await server().post(`${base}/versions`).set('Authorization', caller), 'package');
  });

  describe('upload form fields: refused, never cut or dropped', () => {
    const expectRefusedBeforeStoring = (res: request.Response, field: string, code = 'VALIDATION_FAILED') => {
      expect([res.status, res.body.code]).toEqual([400, code]);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(bus.sent).toHaveLength(0);
    };

    it.each([
      ['of 2,001 characters', 'd'.repeat(2001)],
      ['longer than busboy reads (6,000 bytes)', 'd'.repeat(7000)],
    ])('refuses a description %s, naming it, before the pre-check', async (_case, description) => {
      acceptUploads();
      expectRefusedBeforeStoring(await upload(await miniProgramPackage(), { version: '1.0.0', description }), 'description');
    });

    it('takes a description of 2,000 characters of 2 bytes each, whole', async () => {
      acceptUploads();
      const description = 'é'.repeat(2000);
      const res = await upload(await miniProgramPackage('accents'), { version: '1.0.0', description });
      expect(res.status).toBe(201);
      expect((bus.sent[1].message.payload as { description: string }).description).toBe(description);
    });

    it('refuses NUL in a field with 400 MALFORMED_TEXT naming it', async () => {
      acceptUploads();
      expectRefusedBeforeStoring(await upload(await miniProgramPackage(), { version: '1.0.0', description: 'a\0b' }), 'description', 'MALFORMED_TEXT');
    });

    it('refuses bytes that are not UTF-8 in a field (a lone surrogate\'s) with 400 MALFORMED_TEXT naming it, instead of storing U+FFFD', async () => {
      acceptUploads();
      const part = (name: string, value: Buffer) => Buffer.concat([Buffer.from(`--b\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`), value, Buffer.from('\r\n')]);
      const body = Buffer.concat([part('version', Buffer.from('1.0.0')), part('description', Buffer.from([0x61, 0xed, 0xa0, 0x80])), Buffer.from('--b--\r\n')]);
      const res = await server().post(`${base}/versions`).set('Authorization', caller).set('content-type', 'multipart/form-data; boundary=b').send(body);
      expectRefusedBeforeStoring(res, 'description', 'MALFORMED_TEXT');
    });

    it.each<[string, [string, string][], string]>([
      ['an unknown field', [['version', '1.0.0'], ['description', 'x'], ['color', 'red']], 'color'],
      ['a long field name', [['version', '1.0.0'], ['description', 'x'], ['n'.repeat(200), 'y']], 'n'.repeat(200)],
      ['a repeated field', [['version', '1.0.0'], ['description', 'x'], ['version', '2.0.0']], 'version'],
      ['an empty version', [['version', ''], ['description', 'x']], 'version'],
    ])('refuses %s before the package, naming it', async (_case, fields, field) => {
      acceptUploads();
      const form = server().post(`${base}/versions`).set('Authorization', caller);
      for (const [name, value] of fields) form.field(name, value);
      expectRefusedBeforeStoring(await form.attach('package', await miniProgramPackage(), 'package.zip'), field);
    });

    it.each([
      ['a field after the package', (form: request.Test) => form.field('extra', 'x'), 'extra'],
      ['more fields than an upload has', (form: request.Test) => [...Array(10).keys()].reduce((f, i) => f.field(`f${i}`, 'x'), form), '(body)'],
      ['a second file', (form: request.Test) => form.attach('package', Buffer.from('again'), 'again.zip'), '(body)'],
    ])('refuses %s and uploads nothing', async (_case, more, field) => {
      acceptUploads();
      const res = await more(upload(await miniProgramPackage('after')));
      expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(bus.sent.map((s) => s.message.type)).toEqual([CHECK_UPLOAD]);
    });

    it('refuses a file other than the package, naming it', async () => {
      acceptUploads();
      const form = server().post(`${base}/versions`).set('Authorization', caller).field('version', '1.0.0').field('description', 'x');
      expectRefusedBeforeStoring(await form.attach('readme', Buffer.from('hi'), 'readme.txt').attach('package', await miniProgramPackage(), 'package.zip'), 'readme');
    });
  });

  it('refuses an upload that is not multipart/form-data with 415', async () => {
    const res = await server().post(`${base}/versions`).set('Authorization', caller).send({ version: '1.0.0', description: 'x' });
    expect([res.status, res.body.code, bus.sent]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE', []]);
  });

  describe('PUT domains, which replaces every list', () => {
    const put = () => server().put(`${base}/domains`).set('Authorization', caller);

    it.each([['image/png'], ['image/jpeg'], ['multipart/form-data; boundary=x']])('refuses a %s body with 415 and changes nothing', async (type) => {
      const res = await put().set('Content-Type', type).send(Buffer.from('not json'));
      expect([res.status, res.body.code, bus.sent]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE', []]);
    });

    it('refuses no body, or an empty one, with 400 rather than emptying the lists', async () => {
      expectInvalid(await put(), '(body)');
      expectInvalid(await put().set('Content-Type', 'application/json').send(''), '(body)');
    });
  });

  it.each([
    ['POST', '/members', { accountId: 'a-1', role: 'OWNER' }, 'role'],
    ['POST', '/members', { role: 'TESTER' }, 'accountId'],
    ['POST', '/versions/1.0.0/submit', { releaseMode: 'SOON' }, 'releaseMode'],
    ['POST', '/versions/1.0.0/submit', { releaseMode: 'AUTO', note: 'x'.repeat(1001) }, 'note'],
    ['POST', '/versions/1.0.0/release', { grayPercent: 20 }, 'grayPercent'],
    ['PUT', '/domains', { request: 'https://a.example' }, 'request'],
    ['PUT', '/domains', { socket: Array.from({ length: 21 }, (_, i) => `wss://s${i}.example`) }, 'socket'],
    ['PUT', '/business-params', { params: 'a=b' }, 'params'],
  ])('%s %s refuses %j naming %s', async (method, path, body, field) => {
    const request = method === 'PUT' ? server().put(`${base}${path}`) : server().post(`${base}${path}`);
    expectInvalid(await request.set('Authorization', caller).send(body), field);
  });

  it.each([
    ['POST', '/versions/1.0.0/submit', { releaseMode: 'AUTO', note: 'Fixed' }, SUBMIT_VERSION, { version: '1.0.0', releaseMode: 'AUTO', note: 'Fixed' }],
    ['POST', '/versions/1.0.0/withdraw', undefined, WITHDRAW_VERSION, { version: '1.0.0' }],
    ['POST', '/versions/1.0.0/release', { grayPercent: 50 }, RELEASE_VERSION, { version: '1.0.0', grayPercent: 50 }],
    ['POST', '/versions/1.0.0/gray/complete', undefined, COMPLETE_GRAY, { version: '1.0.0' }],
    ['POST', '/versions/1.0.0/gray/cancel', undefined, CANCEL_GRAY, { version: '1.0.0' }],
    ['POST', '/versions/1.0.0-rc.1/trial', undefined, SET_TRIAL, { version: '1.0.0-rc.1' }],
    ['POST', '/rollback', undefined, ROLLBACK, {}],
    ['POST', '/offline', undefined, TAKE_OFFLINE, {}],
    ['POST', '/online', undefined, BRING_ONLINE, {}],
    ['PUT', '/domains', { request: ['https://a.example'] }, SET_DOMAINS, { domains: { request: ['https://a.example'], upload: [], download: [], socket: [], webview: [] } }],
    ['PUT', '/business-params', { params: { k: 'v' } }, SET_BUSINESS_PARAMS, { params: { k: 'v' } }],
    ['POST', '/members', { accountId: 'a-1', role: 'TESTER' }, ADD_MINI_PROGRAM_MEMBER, { accountId: 'a-1', role: 'TESTER' }],
  ])('%s %s sends %s %j', async (method, path, body, type, fields) => {
    bus.answer = async () => ({ ok: true });
    const request = method === 'PUT' ? server().put(`${base}${path}`) : server().post(`${base}${path}`);
    const res = await request.set('Authorization', caller).send(body);
    expect(res.status).toBeLessThan(300);
    expectSent(type, { miniProgramId: 'mp-1', ...fields });
  });

  it('deletes a member and a version with 204', async () => {
    bus.answer = async () => undefined;
    expect((await server().delete(`${base}/members/a-1`).set('Authorization', caller)).status).toBe(204);
    expectSent(REMOVE_MINI_PROGRAM_MEMBER, { miniProgramId: 'mp-1', accountId: 'a-1' });
    bus.sent.length = 0;
    expect((await server().delete(`${base}/versions/2.0.0`).set('Authorization', caller)).status).toBe(204);
    expectSent(DELETE_VERSION, { miniProgramId: 'mp-1', version: '2.0.0' });
  });

  it.each([
    ['get', '/v1/review/versions'],
    ['post', '/v1/review/mini-programs/mp-1/versions/1.0.0/approve'],
    ['post', '/v1/review/mini-programs/mp-1/versions/1.0.0/reject'],
  ] as const)('%s %s: 403 FORBIDDEN_ROLE for a non-reviewer, 401 without a token', (method, path) => expectReviewersOnly(method, path, caller));

  it.each(BAD_REASONS)('refuses a rejection reason that is %s', async (_case, body) => {
    expectInvalid(await server().post('/v1/review/mini-programs/mp-1/versions/1.0.0/reject').set('Authorization', reviewer).send(body), 'reason');
  });

  it('keeps the review routes to reviewers and sends their decisions', async () => {
    expect((await server().get('/v1/review/versions').set('Authorization', caller)).status).toBe(403);
    bus.answer = async () => ({ items: [], nextCursor: null });
    expect((await server().get('/v1/review/versions?status=IN_REVIEW').set('Authorization', reviewer)).status).toBe(200);
    expectSent(LIST_VERSIONS_FOR_REVIEW, { status: 'IN_REVIEW', limit: 20 }, 'rev-1');
    bus.sent.length = 0;
    expectInvalid(await server().post('/v1/review/mini-programs/mp-1/versions/1.0.0/reject').set('Authorization', reviewer).send({ reason: ' ' }), 'reason');
    bus.answer = async () => ({ status: 'REJECTED' });
    await server().post('/v1/review/mini-programs/mp-1/versions/1.0.0/reject').set('Authorization', reviewer).send({ reason: 'Crashes' });
    expectSent(REJECT_VERSION, { miniProgramId: 'mp-1', version: '1.0.0', reason: 'Crashes' }, 'rev-1');
    bus.sent.length = 0;
    bus.answer = async () => ({ status: 'APPROVED' });
    await server().post('/v1/review/mini-programs/mp-1/versions/1.0.0/approve').set('Authorization', reviewer);
    expectSent(APPROVE_VERSION, { miniProgramId: 'mp-1', version: '1.0.0' }, 'rev-1');
  });

  const program = { name: 'Bean Counter', description: 'Order ahead.', category: 'FOOD_AND_BEVERAGE', targetApps: ['GCASH', 'DANA'] };

  it('creates through miniprograms and answers 201 {miniProgramId}', async () => {
    bus.answer = async () => ({ miniProgramId: 'mp-1', version: 1 });
    const res = await server().post('/v1/workspaces/ws-1/mini-programs').set('Authorization', caller).send(program);
    expect([res.status, res.body.miniProgramId]).toEqual([201, 'mp-1']);
    expectSent(CREATE_MINI_PROGRAM, { ...program, workspaceId: 'ws-1' });
  });

  it.each([
    ['name', { ...program, name: ' ' }],
    ['name', { ...program, name: 'x'.repeat(61) }],
    ['description', { ...program, description: undefined }],
    ['category', { ...program, category: 'SPACE' }],
    ['targetApps', { ...program, targetApps: [] }],
    ['targetApps', { ...program, targetApps: ['GCASH', 'GCASH'] }],
    ['targetApps', { ...program, targetApps: ['MYSPACE'] }],
  ])('refuses a bad %s with 400', async (field, body) => {
    expectInvalid(await server().post('/v1/workspaces/ws-1/mini-programs').set('Authorization', caller).send(body), field);
  });

  it('reads one with its ETag, and 404s an id that cannot exist', async () => {
    bus.answer = async () => ({ miniProgramId: 'mp-1', version: 1 });
    expect((await server().get('/v1/mini-programs/mp-1').set('Authorization', caller)).headers.etag).toBe('"1"');
    expectSent(GET_MINI_PROGRAM, { miniProgramId: 'mp-1' });
    bus.sent.length = 0;
    expectNotFound(await server().get('/v1/mini-programs/x%2Fy').set('Authorization', caller), 'MINI_PROGRAM_NOT_FOUND');
  });

  it('edits its details with PATCH: the fields given and If-Match as the expected version; at least one field', async () => {
    bus.answer = async () => ({ miniProgramId: 'mp-1', version: 4 });
    const res = await server().patch(base).set('Authorization', caller).set('If-Match', '"3"').send({ name: 'Bean Counter Plus', targetApps: ['GCASH', 'DANA'] });
    expect([res.status, res.headers.etag]).toEqual([200, '"4"']);
    expectSent(EDIT_MINI_PROGRAM, { miniProgramId: 'mp-1', name: 'Bean Counter Plus', targetApps: ['GCASH', 'DANA'] });
    expect(bus.lastMeta().expectedVersion).toBe(3);
    bus.sent.length = 0;
    expectInvalid(await server().patch(base).set('Authorization', caller).send({}), '(body)');
    const bad = await server().patch(base).set('Authorization', caller).send({ name: '', category: 'SPACE', targetApps: [] });
    for (const field of ['name', 'category', 'targetApps']) expectInvalid(bad, field);
    expect(bus.sent).toHaveLength(0);
  });

  it.each([
    ['/members', LIST_MINI_PROGRAM_MEMBERS, {}],
    ['/versions', LIST_VERSIONS, {}],
    ['/versions/1.0.0', GET_VERSION, { version: '1.0.0' }],
    ['/versions/1.0.0/history', GET_VERSION_HISTORY, { version: '1.0.0' }],
    ['/history', GET_MINI_PROGRAM_HISTORY, {}],
  ])('GET %s sends %s %j', async (path, type, fields) => {
    bus.answer = async () => ({ items: [] });
    expect((await server().get(`${base}${path}`).set('Authorization', caller)).status).toBe(200);
    expectSent(type, { miniProgramId: 'mp-1', ...fields });
  });

  it('answers 404 for a version path that cannot be a version', async () => {
    expectNotFound(await server().get(`${base}/versions/1.0.0%20OR%201`).set('Authorization', caller), 'VERSION_NOT_FOUND');
  });
});
