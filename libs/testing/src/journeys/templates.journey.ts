import { createHash } from 'node:crypto';
import { VersionView } from '@mpp/contracts';
import type { Schema } from '@mpp/client';
import { ApiClient, ApiPath, eventually } from '../api-client';
import { miniProgramPackage, versionForm } from '../zip-packages';
import { ReadMail } from './account.journey';
import { approvedWorkspace, miniProgram } from './onboarding';

interface Problem {
  code: string;
  status: number;
  errors?: { field: string }[];
}

interface BatchJob {
  jobId: string;
  status: string;
  total: number;
  dryRun?: boolean;
  counts: { pending: number; running: number; succeeded: number; failed: number; skipped: number };
}

interface BatchItem {
  miniProgramId: string;
  status: string;
  code?: string;
  attempts: number;
}

const expectRefusal = (response: { status: number; body: Problem }, status: number, code: string) => expect([response.status, response.body.code]).toEqual([status, code]);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The settings each merchant's copy of the template reads (DOMAIN.md 5's JSON Schema subset). */
export const storeTemplateSchema = {
  type: 'object',
  properties: {
    storeName: { type: 'string', maxLength: 40 },
    theme: { type: 'string', enum: ['light', 'dark'] },
    tables: { type: 'integer', minimum: 1, maximum: 200 },
  },
  required: ['storeName'],
};

const FINISHED = ['COMPLETED', 'COMPLETED_WITH_FAILURES', 'CANCELED'];

/**
 * Polls a batch job until it stops running (PAUSED or finished), or, given `finished`, until it has finished: the
 * job's read model follows its events, so right after a resume or retry it may still show PAUSED for a moment.
 */
export async function settledJob(client: ApiClient, jobId: string, options: { finished?: boolean; timeoutMs?: number } = {}): Promise<BatchJob> {
  return eventually(async () => {
    const job = await client.get<BatchJob>(`/v1/batch-jobs/${jobId}`);
    expect(job.status).toBe(200);
    const settled = options.finished ? FINISHED.includes(job.body.status) : job.body.status !== 'RUNNING';
    return settled ? job.body : undefined;
  }, options.timeoutMs ?? 120_000, `batch job ${jobId} settling`);
}

export async function jobItems(client: ApiClient, jobId: string, status?: string): Promise<BatchItem[]> {
  const items: BatchItem[] = [];
  let cursor: string | null | undefined;
  do {
    const query = new URLSearchParams({ limit: '100', ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) });
    const page = await client.get<{ items: BatchItem[]; nextCursor: string | null }>(`/v1/batch-jobs/${jobId}/items?${query}`);
    expect(page.status).toBe(200);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
}

/** A read model's answer once it shows what `shows` looks for (read models follow the events a moment later). */
async function readWhen<T>(client: ApiClient, path: ApiPath<'GET'>, shows: (body: T) => boolean, what: string): Promise<T> {
  return eventually(async () => {
    const r = await client.get<T>(path);
    return r.status === 200 && shows(r.body) ? r.body : undefined;
  }, 30_000, what);
}

/** Runs in batches of `width`, so twenty onboardings do not take twenty times one. */
async function inBatches<T, R>(values: T[], width: number, run: (value: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < values.length; start += width) {
    results.push(...(await Promise.all(values.slice(start, start + width).map((value, offset) => run(value, start + offset)))));
  }
  return results;
}

/**
 * DOMAIN.md 5 through the gateway: an ISV with one template serves twenty merchants. Each orders the template
 * service and confirms; one batch applies v1.0.0 to all; a batch submits all with the quota at 15 (15 submitted,
 * the 16th FAILED REVIEW_QUOTA_EXHAUSTED, the job PAUSED, the rest PENDING); an operator raises the quota and
 * retry-failed submits the rest; an expedited version comes first in the reviewer's queue; a batch releases in
 * gray 10, a merchant revokes, and the batch that widens to full fails that item with the single request's code.
 */
export async function templatesJourney(api: ApiClient, readMail: ReadMail, reviewer: ApiClient, operator: ApiClient, merchants = 20) {
  const isv = await approvedWorkspace(api, readMail, reviewer, 'ISV', 'templates');
  const rival = await approvedWorkspace(api, readMail, reviewer, 'ISV', 'rival');

  // The template and its published version.
  const badSchema = await isv.client.post<Problem>(`/v1/workspaces/${isv.workspaceId}/templates`, {
    name: 'Broken', description: 'x', category: 'FOOD_AND_BEVERAGE', targetApps: ['GCASH'], extSchema: { type: 'object', properties: { x: { type: 'object' } } },
  });
  expectRefusal(badSchema, 400, 'EXT_SCHEMA_INVALID');
  const created = await eventually(async () => {
    const r = await isv.client.post<{ templateId: string }>(`/v1/workspaces/${isv.workspaceId}/templates`, {
      name: 'Cafe in a box', description: 'Order ahead and stamps for any cafe.', category: 'FOOD_AND_BEVERAGE', targetApps: ['GCASH'], extSchema: storeTemplateSchema,
    });
    return r.status === 201 ? r : undefined;
  }, 30_000, 'miniprograms knowing the ISV workspace');
  const { templateId } = created.body;
  const v1 = await miniProgramPackage('template-1.0.0');
  const uploaded = await isv.client.call<VersionView>('POST', `/v1/templates/${templateId}/versions`, { form: versionForm('1.0.0', 'First', v1) });
  expect([uploaded.status, uploaded.body]).toEqual([201, expect.objectContaining({ version: '1.0.0', status: 'DRAFT', sha256: sha256(v1), size: v1.length })]);
  expect((await isv.client.call('POST', `/v1/templates/${templateId}/versions`, { form: versionForm('1.1.0', 'Draft only', await miniProgramPackage('template-1.1.0')) })).status).toBe(201);

  // A template service cannot go online before a version is published.
  const service = await eventually(async () => {
    const r = await isv.client.post<{ serviceId: string }>(`/v1/workspaces/${isv.workspaceId}/services`, {
      name: `Cafe template ${isv.workspaceId.slice(0, 6)}`, industry: 'FOOD_AND_BEVERAGE', type: 'MINI_PROGRAM_TEMPLATE', templateId,
      description: 'A cafe mini program made from our template.', images: ['https://img.example/cafe.png'], applicableApps: ['GCASH'], payment: { model: 'FREE' },
    });
    return r.status === 201 ? r : undefined;
  }, 30_000, 'catalog knowing the template');
  expectRefusal(await isv.client.post<Problem>(`/v1/services/${service.body.serviceId}/submit`), 422, 'TEMPLATE_NOT_PUBLISHED');
  expect((await isv.client.post<{ status: string }>(`/v1/templates/${templateId}/versions/1.0.0/publish`)).body.status).toBe('PUBLISHED');
  const serviceId = await eventually(async () => {
    const r = await isv.client.post(`/v1/services/${service.body.serviceId}/submit`);
    return r.status === 200 ? service.body.serviceId : undefined;
  }, 30_000, 'catalog learning the published version');
  expect((await reviewer.post(`/v1/review/services/${serviceId}/approve`)).status).toBe(200);
  const market = await eventually(async () => {
    const r = await isv.client.get<{ templateId?: string; type: string }>(`/v1/market/services/${serviceId}`);
    return r.status === 200 ? r : undefined;
  }, 30_000, 'the service on the market');
  expect(market.body).toMatchObject({ type: 'MINI_PROGRAM_TEMPLATE', templateId });

  // Twenty merchants order it and confirm; the ISV stores each one's settings.
  const shops = await inBatches(Array.from({ length: merchants }, (_, i) => i), 5, async (i) => {
    const merchant = await approvedWorkspace(api, readMail, reviewer, 'MERCHANT', `shop${i}`);
    const programId = await miniProgram(merchant, `Shop ${i}`);
    const placed = await eventually(async () => {
      const r = await merchant.client.post<{ orderId: string }>('/v1/orders', { serviceId, miniProgramId: programId });
      return r.status === 201 ? r : undefined;
    }, 30_000, 'ordering knowing the service and the mini program');
    expect((await isv.client.post(`/v1/orders/${placed.body.orderId}/accept`)).status).toBe(200);
    const confirmed = await merchant.client.post<{ authorizationId: string }>(`/v1/orders/${placed.body.orderId}/confirm`, {});
    expect(confirmed.status).toBe(200);
    const base = `/v1/mini-programs/${programId}` as const;
    await eventually(async () => ((await isv.client.get(base)).status === 200 ? true : undefined), 30_000, 'miniprograms seeing the authorization');
    expect((await isv.client.call('PUT', `${base}/ext-config`, { body: { templateId, extConfig: { storeName: `Shop ${i}`, tables: 10 + i } } })).status).toBe(200);
    return { merchant, programId, base, authorizationId: confirmed.body.authorizationId };
  });
  const [first] = shops;

  // Refused: bad settings, a draft version, another ISV's template, a merchant applying it.
  expectRefusal(await isv.client.call<Problem>('PUT', `${first.base}/ext-config`, { body: { templateId, extConfig: { theme: 'neon' } } }), 422, 'EXT_CONFIG_INVALID');
  const fromTemplate = (client: ApiClient, body: Record<string, unknown>) => client.post<Problem>(`${first.base}/versions/from-template`, { templateId, templateVersion: '1.0.0', version: '0.0.1', ...body });
  const invalid = await fromTemplate(isv.client, { extConfig: { storeName: 'x'.repeat(41), tables: 0 } });
  expect([invalid.status, invalid.body.code, invalid.body.errors?.map((e) => e.field).sort()]).toEqual([422, 'EXT_CONFIG_INVALID', ['storeName', 'tables']]);
  expectRefusal(await fromTemplate(isv.client, { templateVersion: '1.1.0' }), 422, 'TEMPLATE_VERSION_NOT_PUBLISHED');
  const rivalTemplate = await rival.client.post<{ templateId: string }>(`/v1/workspaces/${rival.workspaceId}/templates`, {
    name: 'Rival', description: 'x', category: 'FOOD_AND_BEVERAGE', targetApps: ['GCASH'], extSchema: storeTemplateSchema,
  });
  expectRefusal(await fromTemplate(isv.client, { templateId: rivalTemplate.body.templateId }), 404, 'TEMPLATE_NOT_FOUND');
  expect((await fromTemplate(first.merchant.client, {})).status).toBe(404);
  expect((await isv.client.get<{ items: VersionView[] }>(`${first.base}/versions`)).body.items).toEqual([]);

  // One batch applies v1.0.0 to every mini program made from the template; a dry run first changes nothing.
  const apply: Schema<'StartBatchJobRequest'> = { kind: 'APPLY_TEMPLATE', targets: { templateId }, params: { templateId, templateVersion: '1.0.0', version: '1.0.0' } };
  const dry = await isv.client.post<BatchJob>(`/v1/workspaces/${isv.workspaceId}/batch-jobs`, { ...apply, options: { dryRun: true } });
  expect([dry.status, dry.body.total]).toEqual([202, merchants]);
  expect(await settledJob(isv.client, dry.body.jobId)).toMatchObject({ status: 'COMPLETED', dryRun: true, counts: { succeeded: merchants, failed: 0 } });
  expect((await isv.client.get<{ items: VersionView[] }>(`${first.base}/versions`)).body.items).toEqual([]);
  const applied = await isv.client.post<BatchJob>(`/v1/workspaces/${isv.workspaceId}/batch-jobs`, apply);
  expect(await settledJob(isv.client, applied.body.jobId)).toMatchObject({ status: 'COMPLETED', total: merchants, counts: { succeeded: merchants, failed: 0, pending: 0 } });
  const firstVersion = await readWhen<VersionView & { templateId?: string; templateVersion?: string }>(isv.client, `${first.base}/versions/1.0.0`, () => true, 'the applied version');
  expect(firstVersion).toMatchObject({ status: 'UPLOADED', sha256: sha256(v1), size: v1.length, templateId, templateVersion: '1.0.0' });
  const usage = await readWhen<{ items: { miniProgramId: string; templateVersion: string }[] }>(isv.client, `/v1/templates/${templateId}/usage?limit=100`, (b) => b.items.length === merchants, 'the usage of every copy');
  expect(usage.items.map((u) => u.miniProgramId).sort()).toEqual(shops.map((s) => s.programId).sort());

  // Submitting all twenty with a quota of 15: one at a time, so the sixteenth meets the empty quota.
  expect((await operator.call('PUT', `/v1/workspaces/${isv.workspaceId}/review-quota`, { body: { limit: 15 } })).status).toBe(200);
  const submit = await isv.client.post<BatchJob>(`/v1/workspaces/${isv.workspaceId}/batch-jobs`, {
    kind: 'SUBMIT_REVIEW', targets: { miniProgramIds: shops.map((s) => s.programId) }, params: { version: '1.0.0', releaseMode: 'MANUAL' }, options: { concurrency: 1 },
  });
  expect(await settledJob(isv.client, submit.body.jobId)).toMatchObject({ status: 'PAUSED', counts: { succeeded: 15, failed: 1, pending: merchants - 16 } });
  expect((await jobItems(isv.client, submit.body.jobId, 'FAILED')).map((i) => i.code)).toEqual(['REVIEW_QUOTA_EXHAUSTED']);
  expect((await isv.client.get(`/v1/workspaces/${isv.workspaceId}/review-quota`)).body).toMatchObject({ limit: 15, used: 15, remaining: 0 });
  expect((await operator.call('PUT', `/v1/workspaces/${isv.workspaceId}/review-quota`, { body: { limit: 40 } })).status).toBe(200);
  expect((await isv.client.post<{ status: string }>(`/v1/batch-jobs/${submit.body.jobId}/retry-failed`)).body.status).toBe('RUNNING');
  expect(await settledJob(isv.client, submit.body.jobId, { finished: true })).toMatchObject({ status: 'COMPLETED', counts: { succeeded: merchants, failed: 0, pending: 0 } });
  expect((await isv.client.get(`/v1/workspaces/${isv.workspaceId}/review-quota`)).body).toMatchObject({ limit: 40, used: merchants });

  // The last one submitted is expedited: first in the reviewer's queue.
  const last = shops[shops.length - 1];
  expect((await isv.client.post(`${last.base}/versions/1.0.0/expedite`)).body).toEqual({ expedited: true });
  const queue = await eventually(async () => {
    const page = await reviewer.get<{ items: { miniProgramId: string; expedited?: boolean }[] }>('/v1/review/versions?status=IN_REVIEW&limit=100');
    const ours = page.body.items.filter((v) => shops.some((s) => s.programId === v.miniProgramId));
    return ours.length === merchants && ours.some((v) => v.expedited) ? page.body.items : undefined;
  }, 30_000, 'all twenty in the review queue, one expedited');
  expect(queue[0]).toMatchObject({ miniProgramId: last.programId, expedited: true });
  for (const shop of shops) expect((await reviewer.post<VersionView>(`/v1/review/mini-programs/${shop.programId}/versions/1.0.0/approve`)).body.status).toBe('APPROVED');

  // Gray to 10 %, a merchant revokes, then the batch that widens to full fails only that item, with the single request's code.
  const release = (params: Record<string, unknown>) =>
    isv.client.post<BatchJob>(`/v1/workspaces/${isv.workspaceId}/batch-jobs`, { kind: 'RELEASE', targets: { miniProgramIds: shops.map((s) => s.programId) }, params: { version: '1.0.0', ...params } });
  const gray = await release({ grayPercent: 10 });
  expect(await settledJob(isv.client, gray.body.jobId)).toMatchObject({ status: 'COMPLETED', counts: { succeeded: merchants } });
  expect(await readWhen<VersionView>(isv.client, `${first.base}/versions/1.0.0`, (v) => v.status !== 'APPROVED', 'the version in gray')).toMatchObject({ status: 'GRAY', grayPercent: 10 });
  expect((await first.merchant.client.post(`/v1/authorizations/${first.authorizationId}/revoke`)).status).toBe(200);
  await eventually(async () => ((await isv.client.get(first.base)).status === 404 ? true : undefined), 30_000, 'miniprograms learning the revoke');
  const full = await release({});
  expect(await settledJob(isv.client, full.body.jobId)).toMatchObject({ status: 'COMPLETED_WITH_FAILURES', counts: { succeeded: merchants - 1, failed: 1 } });
  expect(await jobItems(isv.client, full.body.jobId, 'FAILED')).toEqual([expect.objectContaining({ miniProgramId: first.programId, code: 'MINI_PROGRAM_NOT_FOUND' })]);
  expect((await readWhen<{ onlineVersion: string | null }>(last.merchant.client, last.base, (mp) => mp.onlineVersion !== null, 'the version online')).onlineVersion).toBe('1.0.0');
  return { isv, templateId, serviceId, shops, jobs: [applied.body.jobId, submit.body.jobId, gray.body.jobId, full.body.jobId] };
}
