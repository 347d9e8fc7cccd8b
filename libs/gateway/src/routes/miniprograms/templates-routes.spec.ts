import { createHash } from 'node:crypto';
import {
  APPLY_TEMPLATE,
  CHECK_TEMPLATE_UPLOAD,
  CREATE_TEMPLATE,
  DEPRECATE_TEMPLATE_VERSION,
  GET_TEMPLATE,
  GET_TEMPLATE_USAGE,
  LIST_WORKSPACE_TEMPLATES,
  PUBLISH_TEMPLATE_VERSION,
  SET_EXT_CONFIG,
  UPLOAD_TEMPLATE_VERSION,
} from '@mpp/contracts';
import { AppError } from '@mpp/platform';
import { miniProgramPackage } from '@mpp/testing';
import { routesHarness } from '../../testing/routes-harness';

// The template routes on the gateway conventions, talking to a scripted bus; uploads land in a real blob directory.

describe('template routes', () => {
  const { bus, blobs, server, token, expectSent, expectInvalid, expectNotFound } = routesHarness('miniprograms');
  let caller: string;
  beforeAll(async () => {
    caller = await token('acc-1', []);
  });
  const template = {
    name: 'Coffee shop',
    description: 'A coffee shop in a day.',
    category: 'FOOD_AND_BEVERAGE',
    targetApps: ['GCASH'],
    extSchema: { type: 'object', properties: { shopName: { type: 'string', maxLength: 30 } }, required: ['shopName'] },
  };

  it('creates a template through miniprograms and answers 201 {templateId}', async () => {
    bus.answer = async () => ({ templateId: 't-1', version: 1 });
    const res = await server().post('/v1/workspaces/ws-1/templates').set('Authorization', caller).send(template);
    expect([res.status, res.body]).toEqual([201, { templateId: 't-1', version: 1 }]);
    expectSent(CREATE_TEMPLATE, { workspaceId: 'ws-1', ...template });
  });

  it.each([
    ['name', { ...template, name: '' }],
    ['category', { ...template, category: 'SPACE' }],
    ['targetApps', { ...template, targetApps: [] }],
    ['extSchema', { ...template, extSchema: undefined }],
    ['extSchema', { ...template, extSchema: 'object' }],
    ['extSchema', { ...template, extSchema: [] }],
  ])('refuses a template with a bad %s (400), sending nothing', async (field, body) => {
    expectInvalid(await server().post('/v1/workspaces/ws-1/templates').set('Authorization', caller).send(body), field);
  });

  it('passes miniprograms\' EXT_SCHEMA_INVALID through as 400 problem+json naming the keyword', async () => {
    bus.answer = async () => {
      throw AppError.badInput('The ext schema is not valid.', [{ field: 'extSchema.properties.a.format', message: 'is not allowed' }], 'EXT_SCHEMA_INVALID');
    };
    const res = await server().post('/v1/workspaces/ws-1/templates').set('Authorization', caller).send(template);
    expect([res.status, res.headers['content-type'], res.body.code, res.body.errors]).toEqual([400, expect.stringMatching(/^application\/problem\+json/), 'EXT_SCHEMA_INVALID', [{ field: 'extSchema.properties.a.format', message: 'is not allowed' }]]);
  });

  it('uploads a template version through the same package upload, pre-checked with CheckTemplateUpload → 201 DRAFT', async () => {
    bus.answer = async (_service, message) => (message.type === CHECK_TEMPLATE_UPLOAD ? { maxBytes: 20 * 1024 * 1024 } : { version: '1.0.0', status: 'DRAFT', ...(message.payload as { package: object }).package });
    const zip = await miniProgramPackage('template');
    const res = await server().post('/v1/templates/t-1/versions').set('Authorization', caller).field('version', '1.0.0').field('description', 'First').attach('package', zip, 'package.zip');
    const sha256 = createHash('sha256').update(zip).digest('hex');
    expect([res.status, res.body]).toEqual([201, { version: '1.0.0', status: 'DRAFT', sha256, size: zip.length }]);
    expect(bus.sent.map((s) => [s.message.type, s.message.payload])).toEqual([
      [CHECK_TEMPLATE_UPLOAD, { templateId: 't-1', version: '1.0.0' }],
      [UPLOAD_TEMPLATE_VERSION, { templateId: 't-1', version: '1.0.0', description: 'First', package: { sha256, size: zip.length } }],
    ]);
    expect(await blobs.localPath(sha256)).toEqual(expect.any(String));
  });

  it('stores nothing when the template pre-check refuses, and answers 415 to a body that is not multipart', async () => {
    bus.answer = async () => {
      throw AppError.notFound('TEMPLATE_NOT_FOUND', 'no such template');
    };
    const zip = await miniProgramPackage('refused-template');
    const res = await server().post('/v1/templates/t-1/versions').set('Authorization', caller).field('version', '1.0.0').field('description', 'x').attach('package', zip, 'package.zip');
    expect([res.status, res.body.code]).toEqual([404, 'TEMPLATE_NOT_FOUND']);
    expect(await blobs.localPath(createHash('sha256').update(zip).digest('hex'))).toBeUndefined();
    bus.sent.length = 0;
    const json = await server().post('/v1/templates/t-1/versions').set('Authorization', caller).send({ version: '1.0.0' });
    expect([json.status, bus.sent]).toEqual([415, []]);
  });

  it.each([
    ['get', '/v1/workspaces/ws-1/templates?limit=5', LIST_WORKSPACE_TEMPLATES, { workspaceId: 'ws-1', limit: 5 }],
    ['get', '/v1/templates/t-1', GET_TEMPLATE, { templateId: 't-1' }],
    ['get', '/v1/templates/t-1/usage', GET_TEMPLATE_USAGE, { templateId: 't-1', limit: 20 }],
    ['post', '/v1/templates/t-1/versions/1.0.0/publish', PUBLISH_TEMPLATE_VERSION, { templateId: 't-1', version: '1.0.0' }],
    ['post', '/v1/templates/t-1/versions/1.0.0/deprecate', DEPRECATE_TEMPLATE_VERSION, { templateId: 't-1', version: '1.0.0' }],
  ] as const)('%s %s sends %s', async (method, path, type, payload) => {
    bus.answer = async () => ({ items: [], nextCursor: null, status: 'PUBLISHED' });
    const res = await server()[method](path).set('Authorization', caller);
    expect(res.status).toBe(200);
    expectSent(type, payload);
  });

  it('answers 404 for a template or version path that cannot exist', async () => {
    expectNotFound(await server().get('/v1/templates/x%2Fy').set('Authorization', caller), 'TEMPLATE_NOT_FOUND');
    expectNotFound(await server().post('/v1/templates/t-1/versions/1.0%20OR%201/publish').set('Authorization', caller), 'TEMPLATE_VERSION_NOT_FOUND');
  });

  it('applies a template to a mini program: 201 with exactly the request\'s fields and the mini program', async () => {
    bus.answer = async () => ({ version: '2.0.0', status: 'UPLOADED', sha256: 'a'.repeat(64), size: 10 });
    const body = { templateId: 't-1', templateVersion: '1.0.0', version: '2.0.0', extConfig: { shopName: 'Bean', tables: 3, open: true } };
    const res = await server().post('/v1/mini-programs/mp-1/versions/from-template').set('Authorization', caller).send(body);
    expect([res.status, res.body.status]).toEqual([201, 'UPLOADED']);
    expectSent(APPLY_TEMPLATE, { miniProgramId: 'mp-1', ...body });
  });

  it('passes EXT_CONFIG_INVALID through as 422 with the errors by setting', async () => {
    bus.answer = async () => {
      throw new AppError('EXT_CONFIG_INVALID', 'rule_violation', 'The ext config does not match.', [{ field: 'shopName', message: 'must be given' }]);
    };
    const res = await server().post('/v1/mini-programs/mp-1/versions/from-template').set('Authorization', caller).send({ templateId: 't-1', templateVersion: '1.0.0', version: '2.0.0', extConfig: {} });
    expect([res.status, res.body.code, res.body.errors]).toEqual([422, 'EXT_CONFIG_INVALID', [{ field: 'shopName', message: 'must be given' }]]);
  });

  it.each([
    ['templateId', { templateVersion: '1.0.0', version: '2.0.0' }],
    ['templateVersion', { templateId: 't-1', templateVersion: '1.0 0', version: '2.0.0' }],
    ['version', { templateId: 't-1', templateVersion: '1.0.0' }],
    ['extConfig', { templateId: 't-1', templateVersion: '1.0.0', version: '2.0.0', extConfig: null }],
    ['extConfig', { templateId: 't-1', templateVersion: '1.0.0', version: '2.0.0', extConfig: 'shopName=Bean' }],
  ])('refuses an application with a bad %s (400)', async (field, body) => {
    expectInvalid(await server().post('/v1/mini-programs/mp-1/versions/from-template').set('Authorization', caller).send(body), field);
  });

  it('sets the ext config with PUT: 200, and refuses a body without one', async () => {
    bus.answer = async () => ({ miniProgramId: 'mp-1', templateId: 't-1', extConfig: { shopName: 'Bean' }, version: 3 });
    const res = await server().put('/v1/mini-programs/mp-1/ext-config').set('Authorization', caller).send({ templateId: 't-1', extConfig: { shopName: 'Bean' } });
    expect([res.status, res.body.extConfig]).toEqual([200, { shopName: 'Bean' }]);
    expectSent(SET_EXT_CONFIG, { miniProgramId: 'mp-1', templateId: 't-1', extConfig: { shopName: 'Bean' } });
    bus.sent.length = 0;
    expectInvalid(await server().put('/v1/mini-programs/mp-1/ext-config').set('Authorization', caller).send({ templateId: 't-1' }), 'extConfig');
  });
});
