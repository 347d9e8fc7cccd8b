import { randomUUID } from 'node:crypto';
import {
  APPLY_TEMPLATE,
  CHECK_TEMPLATE_UPLOAD,
  CREATE_TEMPLATE,
  DEPRECATE_TEMPLATE_VERSION,
  ExtSchema,
  GET_MINI_PROGRAM,
  GET_TEMPLATE,
  GET_TEMPLATE_USAGE,
  LIST_WORKSPACE_TEMPLATES,
  PUBLISH_TEMPLATE_VERSION,
  Reply,
  SET_EXT_CONFIG,
  TEMPLATE_CREATED,
  TEMPLATE_VERSION_DEPRECATED,
  TEMPLATE_VERSION_PUBLISHED,
  UPLOAD_TEMPLATE_VERSION,
} from '@mpp/contracts';
import { rebuildByTruncate, rebuildIntoShadow, SqlClient, SqlEventStore } from '@mpp/eventsourcing';
import { RunningService } from '@mpp/runtime';
import { eventually } from '@mpp/testing';
import { miniProgramStreamId } from '../mini-programs/mini-program.decider';
import { accepted, createMiniProgram, errorCode, grantAuthorizations, isv, isvOperator, isvWorkspace, merchant, merchantWorkspace, Miniprograms, now, otherIsv, otherIsvWorkspace, received, request, seedWorkspaces, startMiniprograms } from '../testing';
import { miniProgramsConfiguredFor, templateUsageProjection } from './template-usage.projection';
import { templatesProjection } from './templates.projection';
import { templateStreamId } from './template.decider';
import { MAX_TEMPLATES_PER_WORKSPACE, TEMPLATE_SLOT_TAKEN, workspaceTemplatesStreamId } from './workspace-templates.decider';

type Actor = { accountId: string; platformRoles: string[] };
const pkg = { sha256: 'c'.repeat(64), size: 2048 };
const extSchema: ExtSchema = {
  type: 'object',
  properties: { shopName: { type: 'string', maxLength: 30 }, color: { type: 'string', pattern: '^#[0-9a-f]{6}$' }, tables: { type: 'integer', minimum: 1, maximum: 100 } },
  required: ['shopName'],
};
const templateContent = { name: 'Coffee shop', description: 'A coffee shop in a day.', category: 'FOOD_AND_BEVERAGE', targetApps: ['GCASH'], extSchema };

describe('miniprograms: ISV templates, applied to mini programs (PostgreSQL)', () => {
  let world: Miniprograms;
  let sql: SqlClient;
  let service: RunningService;
  let store: SqlEventStore;
  let miniProgramId: string;
  let templateId: string;

  const send = (type: string, payload: object, actor: Actor) => request(service, type, payload, actor) as Promise<Reply<Record<string, unknown>>>;
  const ok = (type: string, payload: object, actor: Actor) => accepted<Record<string, unknown>>(service, type, payload, actor);
  const refusal = (type: string, payload: object, actor: Actor) => errorCode(service, type, payload, actor);
  const fieldsOf = async (type: string, payload: object, actor: Actor) => {
    const reply = await send(type, payload, actor);
    return reply.ok ? 'ACCEPTED' : { code: reply.error.code, fields: (reply.error.errors ?? []).map((e) => e.field).sort() };
  };
  const createTemplate = async (workspaceId: string, actor: Actor, content: object = templateContent) => (await ok(CREATE_TEMPLATE, { workspaceId, ...content }, actor)).templateId as string;
  const uploadVersion = (id: string, version: string, actor: Actor = isv) => ok(UPLOAD_TEMPLATE_VERSION, { templateId: id, version, description: `v${version}`, package: pkg }, actor);
  const projected = (id: string, test: (view: Record<string, unknown>) => boolean) =>
    eventually(async () => {
      const { rows } = await sql.query<{ view: Record<string, unknown> }>(`SELECT view FROM templates WHERE template_id = $1`, [id]);
      return rows[0] && test(rows[0].view) ? true : undefined;
    }, 10_000, 'the template projected');

  beforeAll(async () => {
    world = await startMiniprograms('miniprograms_templates');
    ({ sql, store, service } = world);
    await seedWorkspaces(service, sql, [merchantWorkspace, { ...isvWorkspace, members: [{ accountId: isvOperator.accountId, role: 'OPERATOR' }] }, otherIsvWorkspace]);
    miniProgramId = await createMiniProgram(service, merchant, 'm-1', 'Cafe');
    await grantAuthorizations(service, sql, [{ authorizationId: 'a-1', miniProgramId, merchantWorkspaceId: 'm-1', isvWorkspaceId: 'i-1', scopes: ['UPLOAD', 'CONFIGURE'] }]);
  });
  afterAll(() => world.stop());

  it('lets ISV members with a template role create templates; refuses merchants, other roles and strangers', async () => {
    templateId = await createTemplate('i-1', isv);
    const events = await store.readStream(templateStreamId(templateId));
    expect(events.map((e) => e.type)).toEqual([TEMPLATE_CREATED]);
    expect(events[0].data).toMatchObject({ templateId, isvWorkspaceId: 'i-1', name: 'Coffee shop', extSchema });
    expect(await refusal(CREATE_TEMPLATE, { workspaceId: 'm-1', ...templateContent }, merchant)).toBe('MERCHANTS_CANNOT_CREATE_TEMPLATES');
    expect(await refusal(CREATE_TEMPLATE, { workspaceId: 'i-1', ...templateContent }, isvOperator)).toBe('FORBIDDEN_ROLE');
    expect(await refusal(CREATE_TEMPLATE, { workspaceId: 'i-1', ...templateContent }, otherIsv)).toBe('WORKSPACE_NOT_FOUND');
  });

  it('refuses a bad ext schema with 400 EXT_SCHEMA_INVALID naming each offence, and takes no template slot', async () => {
    const slots = async () => (await store.readStream(workspaceTemplatesStreamId('i-1'))).length;
    const before = await slots();
    const bad: [object, string[]][] = [
      [{ type: 'object', properties: { a: { type: 'object', properties: {} } } }, ['extSchema.properties.a.type']],
      [{ type: 'object', properties: { a: { type: 'string', pattern: '(unclosed' } } }, ['extSchema.properties.a.pattern']],
      [{ type: 'object', properties: { a: { type: 'string', $ref: '#/x' } }, $defs: {} }, ['extSchema.$defs', 'extSchema.properties.a.$ref']],
      [{ type: 'object', properties: { n: { type: 'number', maxLength: 3 } }, required: ['m'] }, ['extSchema.properties.n.maxLength', 'extSchema.required']],
      [{ type: 'object', properties: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`p${i}`, { type: 'boolean' }])) }, ['extSchema.properties']],
      [{ type: 'object', properties: { a: { type: 'string', enum: Array.from({ length: 90 }, (_, i) => `${i}`.padEnd(200, 'x')) } } }, ['extSchema']],
    ];
    for (const [schema, fields] of bad) {
      expect(await fieldsOf(CREATE_TEMPLATE, { workspaceId: 'i-1', ...templateContent, extSchema: schema }, isv)).toEqual({ code: 'EXT_SCHEMA_INVALID', fields });
    }
    expect(await slots()).toBe(before);
  });

  it('uploads DRAFT versions through the pre-check, publishes and lists them to its ISV only', async () => {
    expect(await ok(CHECK_TEMPLATE_UPLOAD, { templateId, version: '1.0.0' }, isv)).toEqual({ maxBytes: 20 * 1024 * 1024 });
    expect(await refusal(CHECK_TEMPLATE_UPLOAD, { templateId, version: '1.0.0' }, otherIsv)).toBe('TEMPLATE_NOT_FOUND');
    expect(await refusal(CHECK_TEMPLATE_UPLOAD, { templateId, version: '1.0.0' }, isvOperator)).toBe('FORBIDDEN_ROLE');
    expect(await refusal(CHECK_TEMPLATE_UPLOAD, { templateId, version: 'latest' }, isv)).toBe('VALIDATION_FAILED');
    expect(await uploadVersion(templateId, '1.0.0')).toMatchObject({ templateId, version: '1.0.0', status: 'DRAFT', ...pkg });
    expect(await ok(PUBLISH_TEMPLATE_VERSION, { templateId, version: '1.0.0' }, isv)).toMatchObject({ status: 'PUBLISHED' });
    expect(await refusal(UPLOAD_TEMPLATE_VERSION, { templateId, version: '0.9.0', description: '', package: pkg }, isv)).toBe('VERSION_NOT_GREATER');
    await uploadVersion(templateId, '2.0.0');
    expect(await refusal(PUBLISH_TEMPLATE_VERSION, { templateId, version: '2.0.0' }, otherIsv)).toBe('TEMPLATE_NOT_FOUND');
    await projected(templateId, (v) => (v.versions as unknown[]).length === 2);
    const list = await ok(LIST_WORKSPACE_TEMPLATES, { workspaceId: 'i-1', limit: 10 }, isvOperator);
    expect(list).toMatchObject({ items: [{ templateId, name: 'Coffee shop', versions: [{ version: '2.0.0', status: 'DRAFT' }, { version: '1.0.0', status: 'PUBLISHED' }] }], nextCursor: null });
    expect(await refusal(LIST_WORKSPACE_TEMPLATES, { workspaceId: 'i-1', limit: 10 }, otherIsv)).toBe('WORKSPACE_NOT_FOUND');
    expect(await refusal(GET_TEMPLATE, { templateId }, otherIsv)).toBe('TEMPLATE_NOT_FOUND');
    expect(await refusal(GET_TEMPLATE, { templateId: 'constructor' }, isv)).toBe('TEMPLATE_NOT_FOUND');
  });

  it('shows the template to any signed-in caller while an ONLINE service offers it (PUBLISHED versions only), and keeps its last PUBLISHED version', async () => {
    const service1 = (type: string) => received('catalog', `catalog.${type}`, 'Service-s-1', { serviceId: 's-1', isvWorkspaceId: 'i-1', type: 'MINI_PROGRAM_TEMPLATE', name: 'Coffee', templateId, at: now() });
    await service.inbox.receive([service1('ServiceOnline')]);
    await eventually(async () => ((await send(GET_TEMPLATE, { templateId }, otherIsv)).ok ? true : undefined), 10_000, 'the ONLINE service known');
    expect(await ok(GET_TEMPLATE, { templateId }, merchant)).toMatchObject({ templateId, extSchema, versions: [{ version: '1.0.0', status: 'PUBLISHED' }] });
    expect(await refusal(DEPRECATE_TEMPLATE_VERSION, { templateId, version: '1.0.0' }, isv)).toBe('TEMPLATE_IN_USE');
    expect(await refusal(DEPRECATE_TEMPLATE_VERSION, { templateId, version: '2.0.0' }, isv)).toBe('TEMPLATE_VERSION_NOT_PUBLISHED');
    // The service goes offline: the last PUBLISHED version may go, and the template is hidden again.
    await service.inbox.receive([service1('ServiceOffline')]);
    await eventually(async () => ((await refusal(GET_TEMPLATE, { templateId }, otherIsv)) === 'TEMPLATE_NOT_FOUND' ? true : undefined), 10_000, 'the service offline');
    const scratch = await createTemplate('i-1', isv);
    await uploadVersion(scratch, '1.0.0');
    await ok(PUBLISH_TEMPLATE_VERSION, { templateId: scratch, version: '1.0.0' }, isv);
    expect(await ok(DEPRECATE_TEMPLATE_VERSION, { templateId: scratch, version: '1.0.0' }, isv)).toMatchObject({ status: 'DEPRECATED' });
    expect((await store.readStream(templateStreamId(scratch))).map((e) => e.type).slice(-2)).toEqual([TEMPLATE_VERSION_PUBLISHED, TEMPLATE_VERSION_DEPRECATED]);
  });

  it(`keeps an ISV workspace at ${MAX_TEMPLATES_PER_WORKSPACE} templates, also under concurrent creates`, async () => {
    // 197 slots taken already (written directly: creating them one by one proves nothing more), three creates at once.
    const slot = () => ({ eventId: randomUUID(), type: TEMPLATE_SLOT_TAKEN, data: { templateId: randomUUID(), at: now() }, metadata: { correlationId: 'c', occurredAt: now() } });
    await store.append(workspaceTemplatesStreamId('i-2'), Array.from({ length: MAX_TEMPLATES_PER_WORKSPACE - 3 }, slot), { expectedVersion: 'no_stream' });
    const codes = await Promise.all([1, 2, 3, 4].map(() => refusal(CREATE_TEMPLATE, { workspaceId: 'i-2', ...templateContent }, otherIsv)));
    expect(codes.sort()).toEqual(['ACCEPTED', 'ACCEPTED', 'ACCEPTED', 'TOO_MANY_TEMPLATES']);
    expect(await refusal(CREATE_TEMPLATE, { workspaceId: 'i-2', ...templateContent }, otherIsv)).toBe('TOO_MANY_TEMPLATES');
    expect(await store.readStream(workspaceTemplatesStreamId('i-2'))).toHaveLength(MAX_TEMPLATES_PER_WORKSPACE);
  });

  it('applies a PUBLISHED version of the caller\'s template only, with a valid ext config', async () => {
    const apply = (fields: object, actor: Actor = isv) => fieldsOf(APPLY_TEMPLATE, { miniProgramId, templateId, templateVersion: '1.0.0', version: '1.0.0', ...fields }, actor);
    expect(await apply({ templateVersion: '2.0.0', extConfig: { shopName: 'Bean' } })).toEqual({ code: 'TEMPLATE_VERSION_NOT_PUBLISHED', fields: [] });
    expect(await apply({ templateVersion: '9.9.9', extConfig: { shopName: 'Bean' } })).toEqual({ code: 'TEMPLATE_VERSION_NOT_FOUND', fields: [] });
    expect(await apply({})).toEqual({ code: 'EXT_CONFIG_MISSING', fields: [] });
    expect(await apply({ extConfig: { color: 'red', tables: 0, extra: true } })).toEqual({ code: 'EXT_CONFIG_INVALID', fields: ['color', 'extra', 'shopName', 'tables'] });
    // Another ISV's template, the merchant, an ISV without an authorization: nothing to see.
    const theirs = await eventually(async () => {
      const page = (await ok(LIST_WORKSPACE_TEMPLATES, { workspaceId: 'i-2', limit: 1 }, otherIsv)) as { items: { templateId: string }[] };
      return page.items[0];
    }, 10_000, 'the other ISV\'s templates projected');
    const otherTemplate = theirs.templateId;
    expect(await apply({ templateId: otherTemplate, extConfig: { shopName: 'Bean' } })).toEqual({ code: 'TEMPLATE_NOT_FOUND', fields: [] });
    expect(await apply({ extConfig: { shopName: 'Bean' } }, merchant)).toEqual({ code: 'TEMPLATE_NOT_FOUND', fields: [] });
    expect(await apply({ extConfig: { shopName: 'Bean' } }, otherIsv)).toEqual({ code: 'MINI_PROGRAM_NOT_FOUND', fields: [] });
    expect((await store.readStream(miniProgramStreamId(miniProgramId))).map((e) => e.type)).toEqual(['miniprograms.MiniProgramCreated']);

    const applied = await ok(APPLY_TEMPLATE, { miniProgramId, templateId, templateVersion: '1.0.0', version: '1.0.0', extConfig: { shopName: 'Bean', tables: 4 } }, isv);
    expect(applied).toMatchObject({ version: '1.0.0', status: 'UPLOADED', ...pkg, templateId, templateVersion: '1.0.0', extConfig: { shopName: 'Bean', tables: 4 }, description: 'v1.0.0' });
    // The ext config given is stored, and the next application uses it; the usual upload rules hold.
    expect(await ok(APPLY_TEMPLATE, { miniProgramId, templateId, templateVersion: '1.0.0', version: '1.0.1', description: 'again' }, isv)).toMatchObject({ version: '1.0.1', extConfig: { shopName: 'Bean', tables: 4 } });
    expect(await apply({ version: '1.0.1' })).toEqual({ code: 'VERSION_EXISTS', fields: [] });
  });

  it('lists the mini programs made from the template with their merchant, template version, online version and status', async () => {
    await eventually(async () => {
      const usage = await ok(GET_TEMPLATE_USAGE, { templateId, limit: 10 }, isv);
      return (usage.items as unknown[]).length ? usage : undefined;
    }, 10_000, 'the usage projected');
    expect(await ok(GET_TEMPLATE_USAGE, { templateId, limit: 10 }, isvOperator)).toEqual({
      items: [{ miniProgramId, merchantWorkspaceId: 'm-1', templateVersion: '1.0.0', onlineVersion: null, status: 'DEVELOPING', appliedAt: expect.any(String) }],
      nextCursor: null,
    });
    expect(await refusal(GET_TEMPLATE_USAGE, { templateId, limit: 10 }, otherIsv)).toBe('TEMPLATE_NOT_FOUND');
    expect(await miniProgramsConfiguredFor(sql, templateId)).toEqual([miniProgramId]);
  });

  it('sets the stored ext config (CONFIGURE) against the newest PUBLISHED version; the detail shows it', async () => {
    expect(await fieldsOf(SET_EXT_CONFIG, { miniProgramId, templateId, extConfig: { shopName: 'x'.repeat(31) } }, isv)).toEqual({ code: 'EXT_CONFIG_INVALID', fields: ['shopName'] });
    expect(await refusal(SET_EXT_CONFIG, { miniProgramId, templateId: 'nope', extConfig: { shopName: 'Bean' } }, isv)).toBe('TEMPLATE_NOT_FOUND');
    expect(await ok(SET_EXT_CONFIG, { miniProgramId, templateId, extConfig: { shopName: 'Bean Two', color: '#00aa00' } }, isv)).toMatchObject({ templateId, extConfig: { shopName: 'Bean Two', color: '#00aa00' } });
    // The merchant may fill in the settings of a template of its authorized ISV.
    expect(await ok(SET_EXT_CONFIG, { miniProgramId, templateId, extConfig: { shopName: 'Bean Three' } }, merchant)).toMatchObject({ extConfig: { shopName: 'Bean Three' } });
    await eventually(async () => {
      const view = await ok(GET_MINI_PROGRAM, { miniProgramId }, merchant);
      return (view.extConfig as { shopName?: string } | null)?.shopName === 'Bean Three' ? view : undefined;
    }, 10_000, 'the ext config projected');
    expect(await ok(GET_MINI_PROGRAM, { miniProgramId }, isv)).toMatchObject({ templateId, extConfig: { shopName: 'Bean Three' } });
    const types = (await store.readStream(miniProgramStreamId(miniProgramId))).map((e) => e.type);
    expect(types.filter((t) => t === 'miniprograms.ExtConfigSet')).toHaveLength(3);
  });

  it('is read with a change just made, while its read model has no row yet or one that has not caught up', async () => {
    const runner = service.runners.find((r) => r.projection.name === 'templates');
    if (!runner) throw new Error('no templates runner');
    const rowOf = async (id: string) => (await sql.query<{ view: { version: number } }>(`SELECT view FROM templates WHERE template_id = $1`, [id])).rows[0];
    await runner.stop();
    let fresh: string;
    try {
      fresh = await createTemplate('i-1', isv, { ...templateContent, name: 'Tea house' });
      expect(await rowOf(fresh)).toBeUndefined();
      expect(await ok(GET_TEMPLATE, { templateId: fresh }, isv)).toMatchObject({ templateId: fresh, name: 'Tea house', versions: [], version: 1 });
      expect(await ok(GET_TEMPLATE_USAGE, { templateId: fresh, limit: 10 }, isv)).toEqual({ items: [], nextCursor: null });
      expect(await refusal(GET_TEMPLATE, { templateId: fresh }, otherIsv)).toBe('TEMPLATE_NOT_FOUND');
      expect(await refusal(GET_TEMPLATE_USAGE, { templateId: fresh, limit: 10 }, otherIsv)).toBe('TEMPLATE_NOT_FOUND');
    } finally {
      runner.start();
    }
    await projected(fresh, (v) => v.version === 1);
    await runner.stop();
    try {
      await uploadVersion(fresh, '1.0.0');
      await ok(PUBLISH_TEMPLATE_VERSION, { templateId: fresh, version: '1.0.0' }, isv);
      expect((await rowOf(fresh)).view.version).toBe(1);
      expect(await ok(GET_TEMPLATE, { templateId: fresh }, isv)).toMatchObject({ versions: [{ version: '1.0.0', status: 'PUBLISHED' }], version: 3 });
    } finally {
      runner.start();
    }
    // Caught up, the projection's own view answers, the same.
    await projected(fresh, (v) => v.version === 3);
    expect(await ok(GET_TEMPLATE, { templateId: fresh }, isv)).toMatchObject({ versions: [{ version: '1.0.0', status: 'PUBLISHED' }], version: 3 });
  });

  it('rebuilds the template read models from the log, either way, to the same rows', async () => {
    const rows = async () => [
      (await sql.query(`SELECT template_id, isv_workspace_id, state, view FROM templates ORDER BY template_id`)).rows,
      (await sql.query(`SELECT * FROM template_usage ORDER BY template_id, mini_program_id`)).rows,
      (await sql.query(`SELECT * FROM template_ext_configs ORDER BY mini_program_id`)).rows,
    ];
    // The live read model first caught up with the last ext config set.
    const last = (await store.readStream(miniProgramStreamId(miniProgramId))).filter((e) => e.type === 'miniprograms.ExtConfigSet').at(-1);
    await eventually(async () => {
      const { rows: configs } = await sql.query<{ at: Date }>(`SELECT at FROM template_ext_configs WHERE mini_program_id = $1`, [miniProgramId]);
      return configs[0]?.at.toISOString() === last?.data.at ? true : undefined;
    }, 10_000, 'the last ext config projected');
    const live = await rows();
    expect(live.map((table) => table.length)).toEqual([expect.any(Number), 1, 1]);
    for (const rebuild of [rebuildByTruncate, rebuildIntoShadow]) {
      for (const projection of [templatesProjection, templateUsageProjection]) await rebuild(sql, store, projection);
      expect(await rows()).toEqual(live);
    }
  });
});
