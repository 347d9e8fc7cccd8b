import { randomUUID } from 'node:crypto';
import { EventEnvelope, MarketServiceView, RequestMessage, ServiceView } from '@mpp/contracts';
import { PostgresSqlClient, SqlEventStore } from '@mpp/eventsourcing';
import { createLogger, Page } from '@mpp/platform';
import { RunningService, startService } from '@mpp/runtime';
import { createTestDatabase } from '@mpp/testing';
import { catalogService } from '../catalog.service';

const isv = { accountId: 'isv-dev', platformRoles: [] as string[] };
const otherIsv = { accountId: 'other-dev', platformRoles: [] as string[] };
const merchant = { accountId: 'merchant-owner', platformRoles: [] as string[] };
const reviewer = { accountId: 'rev', platformRoles: ['REVIEWER'] };
const content = {
  name: 'Mini program build',
  industry: 'RETAIL',
  type: 'MINI_PROGRAM_DEVELOPMENT',
  description: 'We build and run your loyalty mini program.',
  images: ['https://img.example/1.png'],
  applicableApps: ['GCASH', 'DANA'],
  payment: { model: 'FIXED', amount: 5000, currency: 'USD' },
};

/** Another service's public event, as it arrives in catalog's inbox (from identity.events, miniprograms.events). */
function received(source: string, type: string, subject: string, data: Record<string, unknown>): EventEnvelope {
  return { specversion: '1.0', id: randomUUID(), type, source: `/mpp/${source}`, subject, time: new Date().toISOString(), datacontenttype: 'application/json', data, sequence: 1, correlationid: 'c' };
}
const identityEvent = (type: string, subject: string, data: Record<string, unknown>) => received('identity', type, subject, data);

describe('catalog services on PostgreSQL (through its request router)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sql: PostgresSqlClient;
  let store: SqlEventStore;
  let service: RunningService;

  beforeAll(async () => {
    db = await createTestDatabase('catalog');
    sql = new PostgresSqlClient({ connectionString: db.url });
    store = await new SqlEventStore(sql).init();
    service = await startService(catalogService, { sql, store, logger: createLogger('catalog-int', 'silent') });
    const workspace = (id: string, type: string, owner: string) => [
      identityEvent('identity.WorkspaceApproved', `Workspace-${id}`, { workspaceId: id, type, name: `${id} Ltd`, ownerAccountId: owner, applicationId: 'a', approvedAt: new Date().toISOString() }),
      identityEvent('identity.MemberAdded', `Workspace-${id}`, { workspaceId: id, accountId: owner, role: 'OWNER', at: new Date().toISOString() }),
    ];
    await service.inbox.receive([...workspace('isv-1', 'ISV', isv.accountId), ...workspace('isv-2', 'ISV', otherIsv.accountId), ...workspace('m-1', 'MERCHANT', merchant.accountId)]);
    await waitFor(async () => (await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM known_members`)).rows[0].n === 3);
  });
  afterAll(async () => {
    await service.stop();
    await sql.close();
    await db.drop();
  });

  const send = async (type: string, payload: unknown, actor = isv, expectedVersion?: number) =>
    service.router.handle({ type, payload, meta: { correlationId: 'c', actor, expectedVersion } } as RequestMessage);
  const ok = async <T>(type: string, payload: unknown, actor = isv, expectedVersion?: number) => {
    const reply = await send(type, payload, actor, expectedVersion);
    if (!reply.ok) throw new Error(`${type}: ${JSON.stringify(reply.error)}`);
    return reply.result as T;
  };
  const refused = async (type: string, payload: unknown, actor = isv, expectedVersion?: number) => {
    const reply = await send(type, payload, actor, expectedVersion);
    return reply.ok ? { code: 'ACCEPTED' } : reply.error;
  };

  it('takes a service from draft to the market, through a revision, to the archive', async () => {
    const { serviceId, version } = await ok<{ serviceId: string; version: number }>('catalog.CreateService', { ...content, workspaceId: 'isv-1' });
    expect(version).toBe(1);
    expect(await ok('catalog.GetService', { serviceId })).toMatchObject({ companyInfo: 'isv-1 Ltd' });
    expect(await refused('catalog.CreateService', { ...content, name: 'MINI PROGRAM BUILD', workspaceId: 'isv-1' })).toMatchObject({ code: 'SERVICE_NAME_TAKEN' });
    expect(await ok('catalog.CreateService', { ...content, workspaceId: 'isv-2' }, otherIsv)).toMatchObject({ status: 'DRAFT' });
    expect(await refused('catalog.CreateService', { ...content, workspaceId: 'm-1' }, merchant)).toMatchObject({ code: 'MERCHANTS_CANNOT_CREATE_SERVICES', category: 'forbidden' });
    expect(await refused('catalog.EditService', { serviceId, changes: { name: 'Hijack' } }, otherIsv)).toMatchObject({ code: 'SERVICE_NOT_FOUND' });
    expect(await refused('catalog.EditService', { serviceId, changes: { images: [] } })).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await refused('catalog.EditService', { serviceId, changes: { description: 'x' } }, isv, 7)).toMatchObject({ code: 'STALE_VERSION', category: 'precondition_failed' });
    // A stale rename claims nothing: the name stays free.
    expect(await refused('catalog.EditService', { serviceId, changes: { name: 'Loyalty Studio' } }, isv, 7)).toMatchObject({ code: 'STALE_VERSION' });
    expect(await ok('catalog.CreateService', { ...content, name: 'Loyalty Studio', workspaceId: 'isv-1' })).toMatchObject({ status: 'DRAFT' });
    await ok('catalog.EditService', { serviceId, changes: { description: 'We build and run your loyalty mini program, fast.' } }, isv, 1);

    await ok('catalog.SubmitService', { serviceId });
    expect(await refused('catalog.SubmitService', { serviceId })).toMatchObject({ code: 'SERVICE_ALREADY_SUBMITTED', category: 'rule_violation' });
    expect(await refused('catalog.ApproveService', { serviceId })).toMatchObject({ code: 'FORBIDDEN_ROLE' });
    const queue = await waitFor(async () => {
      const page = await ok<Page<ServiceView>>('catalog.ListServicesForReview', { limit: 50 }, reviewer);
      return page.items.some((s) => s.serviceId === serviceId) ? page : undefined;
    });
    expect(queue.items.find((s) => s.serviceId === serviceId)).toMatchObject({ status: 'PENDING_REVIEW', isvWorkspaceId: 'isv-1' });
    expect(await refused('catalog.ApproveService', { serviceId }, reviewer, 2)).toMatchObject({ code: 'STALE_VERSION' });
    expect(await ok('catalog.ApproveService', { serviceId }, reviewer, 3)).toMatchObject({ status: 'ONLINE' });

    const market = await waitFor(async () => {
      const page = await ok<Page<{ serviceId: string; isv: { name: string } }>>('catalog.SearchMarket', { q: 'loyal', app: 'DANA', industry: 'RETAIL', limit: 10 });
      return page.items.length ? page : undefined;
    });
    expect(market.items).toEqual([expect.objectContaining({ serviceId, isv: expect.objectContaining({ name: 'isv-1 Ltd' }) })]);
    expect((await ok<Page<unknown>>('catalog.SearchMarket', { q: 'loyal', app: 'KAKAOPAY', limit: 10 })).items).toEqual([]);
    expect((await ok<Page<unknown>>('catalog.SearchMarket', { q: 'blockchain', limit: 10 })).items).toEqual([]);

    // A revision is reviewed while the online content stays listed.
    await ok('catalog.EditService', { serviceId, changes: { description: 'Now also templates.' } });
    await ok('catalog.SubmitService', { serviceId });
    expect(await ok<ServiceView>('catalog.GetService', { serviceId }, merchant)).toMatchObject({ description: 'We build and run your loyalty mini program, fast.' });
    await ok('catalog.ApproveService', { serviceId }, reviewer);
    await waitFor(async () => ((await ok<Page<unknown>>('catalog.SearchMarket', { q: 'templates', limit: 10 })).items.length ? true : undefined));

    await ok('catalog.ArchiveService', { serviceId });
    await waitFor(async () => ((await ok<Page<unknown>>('catalog.SearchMarket', { q: 'templates', limit: 10 })).items.length === 0 ? true : undefined));
    expect(await refused('catalog.GetService', { serviceId }, merchant)).toMatchObject({ code: 'SERVICE_NOT_FOUND' });

    const history = await ok<{ items: { type: string; status: string; actor: string }[] }>('catalog.GetServiceHistory', { serviceId });
    expect(history.items.map((i) => `${i.type}:${i.status}`)).toEqual([
      'ServiceCreated:DRAFT',
      'ServiceEdited:DRAFT',
      'ServiceSubmitted:PENDING_REVIEW',
      'ServiceApproved:ONLINE',
      'ServiceEdited:ONLINE (revision DRAFT)',
      'ServiceSubmitted:ONLINE (revision PENDING_REVIEW)',
      'ServiceApproved:ONLINE',
      'ServiceArchived:ARCHIVED',
    ]);
    expect(history.items[3].actor).toBe('rev');
  });

  it('offers a template service only for the ISV\'s own template, and takes it ONLINE only while the template has a PUBLISHED version', async () => {
    // What miniprograms publishes about templates: catalog learns from it whose each is and how many versions are PUBLISHED.
    let clock = Date.parse('2026-11-20T10:00:00.000Z');
    const at = () => new Date((clock += 1000)).toISOString();
    const templateEvent = (type: string, data: Record<string, unknown>) => received('miniprograms', `miniprograms.${type}`, `Template-${data.templateId}`, { ...data, at: at() });
    /** A version of tpl-1 published or deprecated, once catalog's projection has it (a step asked before would see the old count). */
    const versionChanged = async (type: 'TemplateVersionPublished' | 'TemplateVersionDeprecated', version: string, publishedVersions: number) => {
      const event = templateEvent(type, { templateId: 'tpl-1', isvWorkspaceId: 'isv-1', version, publishedVersions });
      await service.inbox.receive([event]);
      const known = async () => (await sql.query<{ at: Date }>(`SELECT at FROM known_templates WHERE template_id = 'tpl-1'`)).rows[0]?.at.toISOString();
      await waitFor(async () => (await known()) === event.data.at);
    };
    await service.inbox.receive([
      templateEvent('TemplateCreated', { templateId: 'tpl-1', isvWorkspaceId: 'isv-1', name: 'Coffee shop' }),
      templateEvent('TemplateCreated', { templateId: 'tpl-2', isvWorkspaceId: 'isv-2', name: 'Rival shop' }),
    ]);
    await waitFor(async () => (await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM known_templates`)).rows[0].n === 2);
    const template = { ...content, name: 'Coffee shop in a day', type: 'MINI_PROGRAM_TEMPLATE', workspaceId: 'isv-1' };

    const missing = await refused('catalog.CreateService', template);
    expect(missing).toMatchObject({ code: 'VALIDATION_FAILED', category: 'bad_input', errors: [expect.objectContaining({ field: 'templateId' })] });
    expect(await refused('catalog.CreateService', { ...content, name: 'Builds with a template', workspaceId: 'isv-1', templateId: 'tpl-1' })).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [expect.objectContaining({ field: 'templateId' })],
    });
    expect(await refused('catalog.CreateService', { ...template, templateId: 'tpl-2' })).toMatchObject({ code: 'TEMPLATE_NOT_FOUND', category: 'rule_violation' });
    expect(await refused('catalog.CreateService', { ...template, templateId: 'no-such-template' })).toMatchObject({ code: 'TEMPLATE_NOT_FOUND' });
    // None of the refusals took the name.
    const { serviceId } = await ok<{ serviceId: string }>('catalog.CreateService', { ...template, templateId: 'tpl-1' });
    expect(await ok('catalog.GetService', { serviceId })).toMatchObject({ type: 'MINI_PROGRAM_TEMPLATE', templateId: 'tpl-1', status: 'DRAFT' });
    const listed = await waitFor(async () => (await ok<Page<ServiceView>>('catalog.ListWorkspaceServices', { workspaceId: 'isv-1', limit: 50 })).items.find((s) => s.serviceId === serviceId));
    expect(listed.templateId).toBe('tpl-1');
    expect(await refused('catalog.EditService', { serviceId, changes: { templateId: 'tpl-2' } })).toMatchObject({ code: 'TEMPLATE_NOT_FOUND' });

    // Submitted only once the template has a PUBLISHED version.
    expect(await refused('catalog.SubmitService', { serviceId })).toMatchObject({ code: 'TEMPLATE_NOT_PUBLISHED', category: 'rule_violation' });
    expect(await ok<ServiceView>('catalog.GetService', { serviceId })).toMatchObject({ status: 'DRAFT', version: 1 });
    await versionChanged('TemplateVersionPublished', '1.0.0', 1);
    expect(await ok('catalog.SubmitService', { serviceId })).toMatchObject({ status: 'PENDING_REVIEW' });
    // Approved only while it still has one.
    await versionChanged('TemplateVersionDeprecated', '1.0.0', 0);
    expect(await refused('catalog.ApproveService', { serviceId }, reviewer)).toMatchObject({ code: 'TEMPLATE_NOT_PUBLISHED' });
    await versionChanged('TemplateVersionPublished', '1.1.0', 1);
    expect(await ok('catalog.ApproveService', { serviceId }, reviewer)).toMatchObject({ status: 'ONLINE' });

    const online = await store.readStream(`Service-${serviceId}`);
    expect(online.find((e) => e.type === 'catalog.ServiceOnline')?.data).toMatchObject({ serviceId, type: 'MINI_PROGRAM_TEMPLATE', templateId: 'tpl-1' });
    const market = await waitFor(async () => (await ok<Page<MarketServiceView>>('catalog.SearchMarket', { type: 'MINI_PROGRAM_TEMPLATE', limit: 10 })).items.find((s) => s.serviceId === serviceId));
    expect(market.templateId).toBe('tpl-1');
    expect(await ok('catalog.GetMarketService', { serviceId }, merchant)).toMatchObject({ templateId: 'tpl-1' });

    // A revision goes to review only while the template has a PUBLISHED version again.
    await ok('catalog.EditService', { serviceId, changes: { description: 'Now with stamps.' } });
    await versionChanged('TemplateVersionDeprecated', '1.1.0', 0);
    expect(await refused('catalog.SubmitService', { serviceId })).toMatchObject({ code: 'TEMPLATE_NOT_PUBLISHED' });
    expect(await ok<ServiceView>('catalog.GetService', { serviceId })).toMatchObject({ status: 'ONLINE', revisionStatus: 'DRAFT' });
  });
});

async function waitFor<T>(probe: () => Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('not in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
