import { ServiceView } from '@mpp/contracts';
import { Page } from '@mpp/platform';
import { ApiClient, eventually, outsideContract } from '../api-client';
import { ReadMail } from './account.journey';
import { approvedWorkspace, serviceBody } from './onboarding';

interface Problem {
  code: string;
  status: number;
  errors?: { field: string }[];
}

interface MarketItem {
  serviceId: string;
  name: string;
  description: string;
  isv: { workspaceId: string; name: string; logoUrl: string };
}


/**
 * An ISV's service from draft to the Service Market and back off it, as the ISV, a merchant and a reviewer
 * see it; each refusal is the API.md answer. Returns the service's id and the market listing it ended on.
 */
export async function catalogJourney(api: ApiClient, readMail: ReadMail, reviewer: ApiClient, isv: { workspaceId: string; client: ApiClient }) {
  const merchant = await approvedWorkspace(api, readMail, reviewer, 'MERCHANT', 'merchant');
  const name = `Loyalty build ${isv.workspaceId.slice(0, 6)}`;

  // Catalog learns of the workspace from identity's events: creation works as soon as they have arrived.
  const created = await eventually(async () => {
    const response = await isv.client.post<{ serviceId: string; status: string; version: number }>(`/v1/workspaces/${isv.workspaceId}/services`, serviceBody(name));
    return response.status === 201 ? response : undefined;
  }, 30_000, 'catalog knowing the ISV workspace');
  expect(created.body).toMatchObject({ status: 'DRAFT', version: 1 });
  const serviceId = created.body.serviceId;

  const duplicate = await isv.client.post<Problem>(`/v1/workspaces/${isv.workspaceId}/services`, serviceBody(name.toUpperCase()));
  expect([duplicate.status, duplicate.body.code]).toEqual([409, 'SERVICE_NAME_TAKEN']);
  const badFields = await isv.client.post<Problem>(`/v1/workspaces/${isv.workspaceId}/services`, outsideContract({ ...serviceBody('Bad'), industry: 'SPACE', images: [] }));
  expect(badFields.status).toBe(400);
  expect(badFields.body.errors?.map((e) => e.field)).toEqual(expect.arrayContaining(['industry', 'images']));
  const freeWithPrice = await isv.client.post<Problem>(`/v1/workspaces/${isv.workspaceId}/services`, serviceBody('Free', { payment: { model: 'FREE', amount: 10, currency: 'USD' } }));
  expect([freeWithPrice.status, freeWithPrice.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  const byMerchant = await eventually(async () => {
    const response = await merchant.client.post<Problem>(`/v1/workspaces/${merchant.workspaceId}/services`, serviceBody('Merchant service'));
    return response.status === 403 ? response : undefined;
  }, 30_000, 'the merchant refused');
  expect(byMerchant.body.code).toBe('MERCHANTS_CANNOT_CREATE_SERVICES');
  expect((await merchant.client.call<Problem>('PATCH', `/v1/services/${serviceId}`, { body: { name: 'Hijacked' } })).body.code).toBe('SERVICE_NOT_FOUND');

  const stale = await isv.client.call<Problem>('PATCH', `/v1/services/${serviceId}`, { body: { description: 'Edited once.' }, headers: { 'if-match': '"9"' } });
  expect([stale.status, stale.body.code]).toEqual([412, 'STALE_VERSION']);
  const edited = await isv.client.call<ServiceView>('PATCH', `/v1/services/${serviceId}`, { body: { description: 'Loyalty mini programs, built and run.' }, headers: { 'if-match': '"1"' } });
  expect([edited.status, edited.body.version]).toEqual([200, 2]);

  expect((await isv.client.post<{ status: string }>(`/v1/services/${serviceId}/submit`)).body.status).toBe('PENDING_REVIEW');
  const twice = await isv.client.post<Problem>(`/v1/services/${serviceId}/submit`);
  expect([twice.status, twice.body.code]).toEqual([422, 'SERVICE_ALREADY_SUBMITTED']);
  const notReviewer = await isv.client.post<Problem>(`/v1/review/services/${serviceId}/approve`);
  expect([notReviewer.status, notReviewer.body.code]).toEqual([403, 'FORBIDDEN_ROLE']);
  await eventually(async () => {
    const queue = await reviewer.get<Page<ServiceView>>('/v1/review/services?limit=100');
    return queue.body.items.some((s) => s.serviceId === serviceId) ? true : undefined;
  }, 30_000, 'the service in the review queue');
  const rejected = await reviewer.post<{ status: string }>(`/v1/review/services/${serviceId}/reject`, { reason: 'Add a screenshot of a delivered mini program' });
  expect(rejected.body.status).toBe('TURNED_DOWN');
  expect((await isv.client.get<ServiceView>(`/v1/services/${serviceId}`)).body).toMatchObject({ status: 'TURNED_DOWN', reason: 'Add a screenshot of a delivered mini program' });
  await isv.client.call('PATCH', `/v1/services/${serviceId}`, { body: { images: ['https://img.example/cover.png', 'https://img.example/delivered.png'] } });
  await isv.client.post(`/v1/services/${serviceId}/submit`);
  expect((await reviewer.post<{ status: string }>(`/v1/review/services/${serviceId}/approve`)).body.status).toBe('ONLINE');

  // The market: search, filters, detail with the ISV's public information.
  const found = await eventually(async () => {
    const page = await merchant.client.get<Page<MarketItem>>(`/v1/market/services?q=${encodeURIComponent('loyal mini')}&industry=RETAIL&app=DANA&type=MINI_PROGRAM_DEVELOPMENT`);
    return page.body.items.find((s) => s.serviceId === serviceId);
  }, 30_000, 'the service on the market');
  expect(found).toMatchObject({ name, isv: { workspaceId: isv.workspaceId } });
  for (const miss of ['q=blockchain', 'app=KAKAOPAY', 'industry=TRAVEL', 'type=MINI_PROGRAM_TEMPLATE']) {
    const page = await merchant.client.get<Page<MarketItem>>(`/v1/market/services?${miss}&limit=100`);
    expect(page.body.items.map((s) => s.serviceId)).not.toContain(serviceId);
  }
  expect((await merchant.client.get<Problem>('/v1/market/services?industry=SPACE')).status).toBe(400);
  const detail = await merchant.client.get<MarketItem>(`/v1/market/services/${serviceId}`);
  expect(detail.body.isv).toMatchObject({ workspaceId: isv.workspaceId, logoUrl: `/v1/workspaces/${isv.workspaceId}/logo` });
  expect(detail.body.isv.name).not.toBe('');

  // A revision is reviewed while the online content stays listed; approval replaces it.
  await isv.client.call('PATCH', `/v1/services/${serviceId}`, { body: { description: 'Loyalty and membership mini programs.' } });
  expect((await isv.client.post<{ status: string }>(`/v1/services/${serviceId}/submit`)).body.status).toBe('PENDING_REVIEW');
  expect((await merchant.client.get<MarketItem>(`/v1/market/services/${serviceId}`)).body.description).toBe('Loyalty mini programs, built and run.');
  await reviewer.post(`/v1/review/services/${serviceId}/approve`);
  await eventually(async () => {
    const page = await merchant.client.get<Page<MarketItem>>('/v1/market/services?q=membership');
    return page.body.items.some((s) => s.serviceId === serviceId) ? true : undefined;
  }, 30_000, 'the revision on the market');

  const history = await isv.client.get<{ items: { type: string; status: string; reason?: string }[] }>(`/v1/services/${serviceId}/history`);
  expect(history.body.items.map((i) => i.type)).toEqual([
    'ServiceCreated', 'ServiceEdited', 'ServiceSubmitted', 'ServiceRejected', 'ServiceEdited', 'ServiceSubmitted', 'ServiceApproved',
    'ServiceEdited', 'ServiceSubmitted', 'ServiceApproved',
  ]);
  expect(history.body.items[3]).toMatchObject({ status: 'TURNED_DOWN', reason: 'Add a screenshot of a delivered mini program' });
  expect((await merchant.client.get<Problem>(`/v1/services/${serviceId}/history`)).status).toBe(404);
  return { serviceId, merchant };
}

/** Archives the service and checks it leaves the market. */
export async function archiveFromMarket(isv: ApiClient, merchant: ApiClient, serviceId: string) {
  expect((await isv.post<{ status: string }>(`/v1/services/${serviceId}/archive`)).body.status).toBe('ARCHIVED');
  await eventually(async () => ((await merchant.get(`/v1/market/services/${serviceId}`)).status === 404 ? true : undefined), 30_000, 'the service off the market');
  const again = await isv.post<Problem>(`/v1/services/${serviceId}/archive`);
  expect([again.status, again.body.code]).toEqual([422, 'SERVICE_NOT_ONLINE']);
}
