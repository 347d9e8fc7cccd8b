import { ApiClient, eventually } from '../api-client';
import { miniProgramPackage, versionForm } from '../zip-packages';
import { ReadMail } from './account.journey';
import { approvedWorkspace, miniProgram, onlineService } from './onboarding';

/**
 * DOMAIN.md 5, templates: an ISV makes a template with an ext schema, uploads and publishes a version, applies it to a
 * merchant's mini program it is authorized on (same package, nothing uploaded again; the ext config checked and
 * stored), applies it again with the stored config, sees the mini program in the template's usage once released.
 */
export async function templatesJourney(api: ApiClient, readMail: ReadMail, reviewer: ApiClient) {
  const isv = await approvedWorkspace(api, readMail, reviewer, 'ISV', 'tplisv');
  const merchant = await approvedWorkspace(api, readMail, reviewer, 'MERCHANT', 'tplshop');
  const serviceId = await onlineService(isv, reviewer, `Templates ${isv.workspaceId.slice(0, 6)}`);
  const programId = await miniProgram(merchant, 'Template Cafe');
  const placed = await eventually(async () => {
    const r = await merchant.client.post<{ orderId: string }>('/v1/orders', { serviceId, miniProgramId: programId });
    return r.status === 201 ? r : undefined;
  }, 30_000, 'ordering knowing the service and the mini program');
  expect((await isv.client.post(`/v1/orders/${placed.body.orderId}/accept`)).status).toBe(200);
  expect((await merchant.client.post(`/v1/orders/${placed.body.orderId}/confirm`, {})).status).toBe(200);
  const base = `/v1/mini-programs/${programId}`;
  await eventually(async () => ((await isv.client.get(base)).status === 200 ? true : undefined), 30_000, 'miniprograms seeing the authorization');

  // A merchant cannot make templates; a bad ext schema is refused, naming the keyword.
  const body = {
    name: 'Coffee shop',
    description: 'A coffee shop mini program in a day.',
    category: 'FOOD_AND_BEVERAGE',
    targetApps: ['GCASH'],
    extSchema: { type: 'object', properties: { shopName: { type: 'string', maxLength: 30 }, tables: { type: 'integer', minimum: 1 } }, required: ['shopName'] },
  };
  const merchantTry = await merchant.client.post(`/v1/workspaces/${merchant.workspaceId}/templates`, body);
  expect([merchantTry.status, merchantTry.body.code]).toEqual([403, 'MERCHANTS_CANNOT_CREATE_TEMPLATES']);
  const badSchema = await isv.client.post<{ code: string; errors: { field: string }[] }>(`/v1/workspaces/${isv.workspaceId}/templates`, { ...body, extSchema: { type: 'object', properties: { a: { type: 'string', format: 'email' } } } });
  expect([badSchema.status, badSchema.body.code, badSchema.body.errors.map((e) => e.field)]).toEqual([400, 'EXT_SCHEMA_INVALID', ['extSchema.properties.a.format']]);
  const created = await isv.client.post<{ templateId: string }>(`/v1/workspaces/${isv.workspaceId}/templates`, body);
  expect(created.status).toBe(201);
  const templateBase = `/v1/templates/${created.body.templateId}`;

  const zip = await miniProgramPackage('template-journey');
  const uploaded = await isv.client.call<{ version: string; status: string; sha256: string; size: number }>('POST', `${templateBase}/versions`, { form: versionForm('1.0.0', 'First template', zip) });
  expect([uploaded.status, uploaded.body.status, uploaded.body.size]).toEqual([201, 'DRAFT', zip.length]);
  const early = await isv.client.post(`${base}/versions/from-template`, { templateId: created.body.templateId, templateVersion: '1.0.0', version: '1.0.0', extConfig: { shopName: 'Bean' } });
  expect([early.status, early.body.code]).toEqual([422, 'TEMPLATE_VERSION_NOT_PUBLISHED']);
  expect((await isv.client.post<{ status: string }>(`${templateBase}/versions/1.0.0/publish`)).body.status).toBe('PUBLISHED');

  const apply = (fields: Record<string, unknown>) => isv.client.post<Record<string, unknown>>(`${base}/versions/from-template`, { templateId: created.body.templateId, templateVersion: '1.0.0', ...fields });
  const missing = await apply({ version: '1.0.0' });
  expect([missing.status, missing.body.code]).toEqual([422, 'EXT_CONFIG_MISSING']);
  const invalid = await apply({ version: '1.0.0', extConfig: { tables: 0 } });
  expect([invalid.status, invalid.body.code, (invalid.body.errors as { field: string }[]).map((e) => e.field).sort()]).toEqual([422, 'EXT_CONFIG_INVALID', ['shopName', 'tables']]);
  const applied = await apply({ version: '1.0.0', extConfig: { shopName: 'Bean', tables: 8 } });
  expect([applied.status, applied.body]).toEqual([201, expect.objectContaining({ version: '1.0.0', status: 'UPLOADED', sha256: uploaded.body.sha256, size: zip.length, templateId: created.body.templateId, templateVersion: '1.0.0' })]);
  // The stored ext config is used when none is given.
  const again = await apply({ version: '1.0.1' });
  expect([again.status, again.body.extConfig]).toEqual([201, { shopName: 'Bean', tables: 8 }]);
  // Only the ISV sees its template (no ONLINE service offers it).
  expect((await merchant.client.get(templateBase)).status).toBe(404);

  const config = await isv.client.call<Record<string, unknown>>('PUT', `${base}/ext-config`, { body: { templateId: created.body.templateId, extConfig: { shopName: 'Bean & Co' } } });
  expect([config.status, config.body.extConfig]).toEqual([200, { shopName: 'Bean & Co' }]);
  await eventually(async () => ((await merchant.client.get(base)).body.extConfig as { shopName?: string } | null)?.shopName === 'Bean & Co' || undefined, 20_000, 'the ext config in the detail');

  // Review and release are the usual ones; the usage shows the online version.
  expect((await isv.client.post(`${base}/versions/1.0.0/submit`, { releaseMode: 'AUTO' })).status).toBe(200);
  expect((await reviewer.post(`/v1/review/mini-programs/${programId}/versions/1.0.0/approve`)).status).toBe(200);
  const usage = await eventually(async () => {
    const r = await isv.client.get<{ items: Record<string, unknown>[] }>(`${templateBase}/usage`);
    return r.body.items?.[0]?.onlineVersion === '1.0.0' ? r.body.items : undefined;
  }, 20_000, 'the usage with the online version');
  expect(usage).toEqual([expect.objectContaining({ miniProgramId: programId, merchantWorkspaceId: merchant.workspaceId, templateVersion: '1.0.0', onlineVersion: '1.0.0', status: 'ONLINE' })]);
  return { isv, merchant, programId, templateId: created.body.templateId };
}
