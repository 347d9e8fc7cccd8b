import { ExtSchema, TEMPLATE_CREATED, TEMPLATE_VERSION_DEPRECATED, TEMPLATE_VERSION_PUBLISHED } from '@mpp/contracts';
import { fold } from '@mpp/eventsourcing';
import { deciderSpecification, SPEC_NOW } from '@mpp/eventsourcing/testing';
import { EXT_CONFIG_SET, ExistingMiniProgram, miniProgramDecider, MiniProgramEvent, VERSION_UPLOADED } from '../mini-programs/mini-program.decider';
import { checkExtConfig, checkExtSchema, patternRisk } from './ext-schema';
import { TEMPLATE_VERSION_UPLOADED, TemplateCommand, templateDecider, TemplateEvent, TemplateState } from './template.decider';
import { MAX_TEMPLATES_PER_WORKSPACE, TEMPLATE_SLOT_TAKEN, workspaceTemplatesDecider, WorkspaceTemplatesEvent } from './workspace-templates.decider';

const dev = { accountId: 'dev-1', platformRoles: [] as string[] };
const extSchema: ExtSchema = {
  type: 'object',
  properties: { shopName: { type: 'string', maxLength: 30 }, color: { type: 'string', pattern: '^#[0-9a-f]{6}$' }, tables: { type: 'integer', minimum: 1, maximum: 100 }, delivery: { type: 'boolean' }, plan: { type: 'string', enum: ['BASIC', 'PRO'] } },
  required: ['shopName'],
};
const content = { name: ' Coffee shop ', description: 'A coffee shop in a day.', category: 'FOOD_AND_BEVERAGE', targetApps: ['GCASH'], extSchema };
const pkg = { sha256: 'b'.repeat(64), size: 4321 };

const spec = deciderSpecification(templateDecider, { actor: dev });
const then = (events: TemplateEvent[], command: TemplateCommand) => spec.given(events).when(command).events();
const state = (events: TemplateEvent[]) => fold(templateDecider, events) as Exclude<TemplateState, { status: 'NONE' }>;
const created = then([], { type: 'CreateTemplate', templateId: 't-1', isvWorkspaceId: 'i-1', content });
const upload = (events: TemplateEvent[], version: string) => then(events, { type: 'UploadTemplateVersion', version, description: `v${version}`, package: pkg });
const publish = (events: TemplateEvent[], version: string) => then(events, { type: 'PublishTemplateVersion', version });
const deprecate = (events: TemplateEvent[], version: string, backsOnlineService = false) => then(events, { type: 'DeprecateTemplateVersion', version, backsOnlineService });
const v1Published = publish(upload(created, '1.0.0'), '1.0.0');
const at = SPEC_NOW.toISOString();

describe('template decider', () => {
  it('creates a template of an ISV workspace, publicly (TemplateCreated carries the public fields)', () => {
    expect(created).toEqual([
      { type: TEMPLATE_CREATED, data: { templateId: 't-1', isvWorkspaceId: 'i-1', name: 'Coffee shop', description: content.description, category: content.category, targetApps: ['GCASH'], extSchema, at } },
    ]);
    spec.given(created).when({ type: 'CreateTemplate', templateId: 't-1', isvWorkspaceId: 'i-1', content }).thenRefuses('TEMPLATE_EXISTS', 'conflict');
  });

  it('refuses bad details and a bad ext schema, naming the fields', () => {
    expect(() => spec.given().when({ type: 'CreateTemplate', templateId: 't-2', isvWorkspaceId: 'i-1', content: { ...content, name: '', category: 'SPACE' } }).decided()).toThrow(
      expect.objectContaining({ category: 'bad_input', errors: [expect.objectContaining({ field: 'name' }), expect.objectContaining({ field: 'category' })] }),
    );
    spec.given().when({ type: 'CreateTemplate', templateId: 't-2', isvWorkspaceId: 'i-1', content: { ...content, extSchema: { type: 'array' } as unknown as ExtSchema } }).thenRefuses('EXT_SCHEMA_INVALID', 'bad_input');
  });

  it('uploads versions as DRAFT; a version must be a new semantic version greater than every PUBLISHED one', () => {
    const drafted = upload(created, '1.0.0');
    expect(drafted.at(-1)).toEqual({ type: TEMPLATE_VERSION_UPLOADED, data: { version: '1.0.0', description: 'v1.0.0', ...pkg, uploadedBy: 'dev-1', at } });
    expect(state(drafted).versions['1.0.0'].status).toBe('DRAFT');
    spec.given(drafted).when({ type: 'UploadTemplateVersion', version: '1.0.0', description: '', package: pkg }).thenRefuses('VERSION_EXISTS', 'conflict');
    spec.given(created).when({ type: 'UploadTemplateVersion', version: 'v1', description: '', package: pkg }).thenRefuses('VALIDATION_FAILED', 'bad_input');
    // A draft below another draft is fine; below a published one is not.
    expect(state(upload(drafted, '0.9.0')).versions['0.9.0'].status).toBe('DRAFT');
    spec.given(v1Published).when({ type: 'UploadTemplateVersion', version: '1.0.0-beta.1', description: '', package: pkg }).thenRefuses('VERSION_NOT_GREATER');
    spec.given(v1Published).when({ type: 'UploadTemplateVersion', version: '0.9.0', description: '', package: pkg }).thenRefuses('VERSION_NOT_GREATER');
  });

  it('publishes a DRAFT (publicly, counting the PUBLISHED versions), once; a later publish must still be greater', () => {
    expect(v1Published.at(-1)).toEqual({ type: TEMPLATE_VERSION_PUBLISHED, data: { templateId: 't-1', isvWorkspaceId: 'i-1', version: '1.0.0', publishedVersions: 1, at } });
    spec.given(v1Published).when({ type: 'PublishTemplateVersion', version: '1.0.0' }).then([]);
    spec.given(created).when({ type: 'PublishTemplateVersion', version: '1.0.0' }).thenRefuses('TEMPLATE_VERSION_NOT_FOUND', 'not_found');
    // 1.1.0 drafted, then 1.2.0 published: 1.1.0 may no longer be published.
    const both = publish(upload(upload(v1Published, '1.1.0'), '1.2.0'), '1.2.0');
    expect(both.at(-1)).toMatchObject({ data: { publishedVersions: 2 } });
    spec.given(both).when({ type: 'PublishTemplateVersion', version: '1.1.0' }).thenRefuses('VERSION_NOT_GREATER');
  });

  it('deprecates only a PUBLISHED version; keeps the last one while an ONLINE service offers the template', () => {
    spec.given(upload(created, '1.0.0')).when({ type: 'DeprecateTemplateVersion', version: '1.0.0', backsOnlineService: false }).thenRefuses('TEMPLATE_VERSION_NOT_PUBLISHED');
    spec.given(v1Published).when({ type: 'DeprecateTemplateVersion', version: '1.0.0', backsOnlineService: true }).thenRefuses('TEMPLATE_IN_USE');
    const deprecated = deprecate(v1Published, '1.0.0');
    expect(deprecated.at(-1)).toEqual({ type: TEMPLATE_VERSION_DEPRECATED, data: { templateId: 't-1', isvWorkspaceId: 'i-1', version: '1.0.0', publishedVersions: 0, at } });
    expect(state(deprecated).versions['1.0.0'].status).toBe('DEPRECATED');
    spec.given(deprecated).when({ type: 'PublishTemplateVersion', version: '1.0.0' }).thenRefuses('TEMPLATE_VERSION_NOT_DRAFT');
    spec.given(deprecated).when({ type: 'DeprecateTemplateVersion', version: '1.0.0', backsOnlineService: true }).then([]);
    // With another PUBLISHED version left, an online service does not keep this one.
    const two = publish(upload(v1Published, '2.0.0'), '2.0.0');
    expect(deprecate(two, '1.0.0', true).at(-1)).toMatchObject({ type: TEMPLATE_VERSION_DEPRECATED, data: { publishedVersions: 1 } });
  });

  it('finds no version named like a built-in property', () => {
    for (const name of ['constructor', '__proto__', 'toString']) spec.given(v1Published).when({ type: 'PublishTemplateVersion', version: name }).thenRefuses('TEMPLATE_VERSION_NOT_FOUND');
  });
});

describe('templates per ISV workspace', () => {
  const slots = deciderSpecification(workspaceTemplatesDecider);
  const taken = (n: number): WorkspaceTemplatesEvent[] => Array.from({ length: n }, (_, i) => ({ type: TEMPLATE_SLOT_TAKEN, data: { templateId: `t-${i}`, at } }));

  it(`takes a slot per template up to ${MAX_TEMPLATES_PER_WORKSPACE}, then refuses`, () => {
    slots.given(taken(MAX_TEMPLATES_PER_WORKSPACE - 1)).when({ type: 'TakeTemplateSlot', templateId: 'new' }).then([{ type: TEMPLATE_SLOT_TAKEN, data: { templateId: 'new', at } }]);
    slots.given(taken(MAX_TEMPLATES_PER_WORKSPACE)).when({ type: 'TakeTemplateSlot', templateId: 'new' }).thenRefuses('TOO_MANY_TEMPLATES', 'rule_violation');
    slots.given(taken(MAX_TEMPLATES_PER_WORKSPACE)).when({ type: 'TakeTemplateSlot', templateId: 't-3' }).then([]);
  });
});

describe('ext schema and ext config', () => {
  const fieldsOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return { code: (error as { code: string }).code, fields: ((error as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field) };
    }
    return undefined;
  };

  it.each([
    ['not an object', [], ['extSchema']],
    ['another type', { type: 'array', properties: {} }, ['extSchema.type']],
    ['an unknown top-level keyword', { type: 'object', properties: {}, additionalProperties: true }, ['extSchema.additionalProperties']],
    ['a nested object', { type: 'object', properties: { a: { type: 'object' } } }, ['extSchema.properties.a.type']],
    ['a keyword of another type', { type: 'object', properties: { a: { type: 'boolean', maxLength: 3 } } }, ['extSchema.properties.a.maxLength']],
    ['an unknown keyword', { type: 'object', properties: { a: { type: 'string', format: 'email' } } }, ['extSchema.properties.a.format']],
    ['a broken pattern', { type: 'object', properties: { a: { type: 'string', pattern: '([a-z' } } }, ['extSchema.properties.a.pattern']],
    ['an overlong pattern', { type: 'object', properties: { a: { type: 'string', pattern: 'a'.repeat(257) } } }, ['extSchema.properties.a.pattern']],
    ['min above max', { type: 'object', properties: { a: { type: 'number', minimum: 5, maximum: 1 } } }, ['extSchema.properties.a.minimum']],
    ['an enum of the wrong type', { type: 'object', properties: { a: { type: 'integer', enum: [1, 1.5] } } }, ['extSchema.properties.a.enum']],
    ['a built-in property name', JSON.parse('{"type":"object","properties":{"__proto__":{"type":"string"}}}'), ['extSchema.properties.__proto__']],
    ['a required name it does not have', { type: 'object', properties: { a: { type: 'string' } }, required: ['b'] }, ['extSchema.required']],
    ['51 properties', { type: 'object', properties: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`p${i}`, { type: 'boolean' }])) }, ['extSchema.properties']],
    ['over 16 KB', { type: 'object', properties: { a: { type: 'string', enum: Array.from({ length: 100 }, (_, i) => `${i}`.padEnd(200, 'x')) } } }, ['extSchema']],
  ])('refuses a schema with %s: 400 EXT_SCHEMA_INVALID naming it', (_case, schema, fields) => {
    expect(fieldsOf(() => checkExtSchema(schema))).toEqual({ code: 'EXT_SCHEMA_INVALID', fields });
  });

  it.each(['(a+)+$', '^(a|ab)*c', '(x*y?){2,}', '^\\d*\\d*\\d*\\d*x$', '(\\w)\\1', '(?<c>a)\\k<c>', '^((ab)*)+$'])('refuses the pattern %s, which could backtrack for ever', (pattern) => {
    expect(patternRisk(pattern)).toEqual(expect.any(String));
    expect(fieldsOf(() => checkExtSchema({ type: 'object', properties: { a: { type: 'string', pattern } } }))).toEqual({ code: 'EXT_SCHEMA_INVALID', fields: ['extSchema.properties.a.pattern'] });
  });

  it.each(['^#[0-9a-f]{6}$', '^[A-Z]{2}-\\d+$', '^(\\+\\d{1,3})?\\d{6,12}$', '^(?<year>\\d{4})-(?:0[1-9]|1[0-2])$', '^(ab){2}[(*+)]*$', '^\\p{L}+( \\p{L}+)?$', '^a+?b*$'])('takes the pattern %s', (pattern) => {
    expect(patternRisk(pattern)).toBeUndefined();
    expect(checkExtSchema({ type: 'object', properties: { a: { type: 'string', pattern } } }).properties.a.pattern).toBe(pattern);
  });

  it('checks an ext config against the schema with ajv, naming each wrong setting', () => {
    expect(checkExtConfig('t-1', '1.0.0', extSchema, { shopName: 'Bean', color: '#00ff00', tables: 3, delivery: true, plan: 'PRO' })).toEqual(expect.objectContaining({ shopName: 'Bean' }));
    expect(fieldsOf(() => checkExtConfig('t-1', '1.0.0', extSchema, { color: 'red', tables: 0.5, delivery: 'yes', plan: 'GOLD', extra: 1 }))).toEqual({
      code: 'EXT_CONFIG_INVALID',
      fields: expect.arrayContaining(['shopName', 'color', 'tables', 'delivery', 'plan', 'extra']),
    });
    expect(fieldsOf(() => checkExtConfig('t-1', '1.0.0', extSchema, { shopName: 'x'.repeat(31) }))).toEqual({ code: 'EXT_CONFIG_INVALID', fields: ['shopName'] });
    expect(fieldsOf(() => checkExtConfig('t-1', '1.0.0', extSchema, 'not an object'))).toEqual({ code: 'EXT_CONFIG_INVALID', fields: ['extConfig'] });
    // A patterned setting is bounded before its pattern runs.
    expect(fieldsOf(() => checkExtConfig('t-1', '1.0.0', extSchema, { shopName: 'Bean', color: '#'.repeat(257) }))).toEqual({ code: 'EXT_CONFIG_INVALID', fields: ['color'] });
  });
});

describe('a mini program version applied from a template (the mini program decider)', () => {
  const mp = deciderSpecification(miniProgramDecider, { actor: dev });
  const made = mp.given().when({ type: 'CreateMiniProgram', miniProgramId: 'mp-1', ownerWorkspaceId: 'm-1', content: { name: 'Cafe', description: '', category: 'FOOD_AND_BEVERAGE', targetApps: ['GCASH'] } }).events();
  const origin = { templateId: 't-1', templateVersion: '1.0.0', extConfig: { shopName: 'Bean' } };
  const applied = mp.given(made).when({ type: 'UploadVersion', version: '1.0.0', description: 'from t-1', package: pkg, template: origin, storesExtConfig: true }).events();
  const mpState = (events: MiniProgramEvent[]) => fold(miniProgramDecider, events) as ExistingMiniProgram;

  it('records the template, its version and ext config on the version, and stores the ext config', () => {
    expect(applied.slice(-2)).toEqual([
      { type: VERSION_UPLOADED, data: { version: '1.0.0', description: 'from t-1', ...pkg, uploadedBy: 'dev-1', ...origin, at } },
      { type: EXT_CONFIG_SET, data: { templateId: 't-1', extConfig: { shopName: 'Bean' }, at } },
    ]);
    expect(mpState(applied).versions['1.0.0']).toMatchObject({ status: 'UPLOADED', sha256: pkg.sha256, ...origin });
    expect(mpState(applied).extConfig).toEqual({ templateId: 't-1', extConfig: { shopName: 'Bean' } });
    // The same config again is not stored again, nor one taken from the store; the usual upload rules hold.
    expect(mp.given(applied).when({ type: 'UploadVersion', version: '1.0.1', description: '', package: pkg, template: origin, storesExtConfig: true }).decided()).toHaveLength(1);
    const fromStore = { ...origin, extConfig: { shopName: 'Old' } };
    expect(mp.given(applied).when({ type: 'UploadVersion', version: '1.0.1', description: '', package: pkg, template: fromStore }).decided()).toEqual([
      { type: VERSION_UPLOADED, data: expect.objectContaining({ version: '1.0.1', extConfig: { shopName: 'Old' } }) },
    ]);
    mp.given(applied).when({ type: 'UploadVersion', version: '1.0.0', description: '', package: pkg, template: origin }).thenRefuses('VERSION_EXISTS');
  });

  it('sets the ext config on its own, once per change, and still reads versions uploaded before templates', () => {
    const set = mp.given(made).when({ type: 'SetExtConfig', templateId: 't-1', extConfig: { shopName: 'Bean' } }).events();
    expect(set.at(-1)).toEqual({ type: EXT_CONFIG_SET, data: { templateId: 't-1', extConfig: { shopName: 'Bean' }, at } });
    mp.given(set).when({ type: 'SetExtConfig', templateId: 't-1', extConfig: { shopName: 'Bean' } }).then([]);
    const old = mp.given(made).when({ type: 'UploadVersion', version: '1.0.0', description: '', package: pkg }).events();
    expect(old.at(-1)?.data).not.toHaveProperty('templateId');
    expect(mpState(old).versions['1.0.0']).not.toHaveProperty('templateId');
    expect(mpState(old).extConfig).toBeUndefined();
  });
});
