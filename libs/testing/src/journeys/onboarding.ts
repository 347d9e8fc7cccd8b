import type { Schema } from '@mpp/client';
import { ApiClient, eventually } from '../api-client';
import { ReadMail, signUp } from './account.journey';

/** A service's fields as the catalog routes take them; `extra` overrides any. */
export const serviceBody = (name: string, extra: Partial<Schema<'CreateServiceRequest'>> = {}): Schema<'CreateServiceRequest'> => ({
  name,
  industry: 'RETAIL',
  type: 'MINI_PROGRAM_DEVELOPMENT',
  description: 'We build and run loyalty mini programs for retailers.',
  images: ['https://img.example/cover.png'],
  applicableApps: ['GCASH', 'DANA'],
  payment: { model: 'FIXED', amount: 4800, currency: 'USD' },
  ...extra,
});

/** A fresh account whose workspace of the given type is approved (the approval sent with `approvalHeaders`); the account is its Owner. */
export async function approvedWorkspace(api: ApiClient, readMail: ReadMail, reviewer: ApiClient, type: 'ISV' | 'MERCHANT', label: string, approvalHeaders?: Record<string, string>) {
  const owner = await signUp(api, readMail, label);
  const applied = await owner.client.post<{ applicationId: string }>('/v1/workspace-applications', {
    type,
    companyName: `${type === 'ISV' ? 'Studio' : 'Shop'} ${owner.username}`,
    businessAddress: '2 Market Street',
    countryRegion: 'PH',
    businessRepresentative: 'Ben Cruz',
    acceptTerms: true,
    acceptPrivacyPolicy: true,
  });
  const approved = await reviewer.post<{ workspaceId: string }>(`/v1/review/workspace-applications/${applied.body.applicationId}/approve`, undefined, approvalHeaders);
  expect(approved.status).toBe(200);
  return { ...owner, workspaceId: approved.body.workspaceId };
}

/** An ISV's service taken to the market: created (once catalog knows the workspace), submitted, approved. */
export async function onlineService(isv: { workspaceId: string; client: ApiClient }, reviewer: ApiClient, name: string, extra: Partial<Schema<'CreateServiceRequest'>> = {}): Promise<string> {
  const created = await eventually(async () => {
    const response = await isv.client.post<{ serviceId: string }>(`/v1/workspaces/${isv.workspaceId}/services`, serviceBody(name, extra));
    return response.status === 201 ? response : undefined;
  }, 30_000, 'catalog knowing the ISV workspace');
  const { serviceId } = created.body;
  expect((await isv.client.post(`/v1/services/${serviceId}/submit`)).status).toBe(200);
  expect((await reviewer.post(`/v1/review/services/${serviceId}/approve`)).status).toBe(200);
  return serviceId;
}

/** A merchant's mini program, created once miniprograms knows the workspace. */
export async function miniProgram(merchant: { workspaceId: string; client: ApiClient }, name: string): Promise<string> {
  const created = await eventually(async () => {
    const response = await merchant.client.post<{ miniProgramId: string }>(`/v1/workspaces/${merchant.workspaceId}/mini-programs`, {
      name,
      description: 'Order ahead and collect stamps.',
      category: 'FOOD_AND_BEVERAGE',
      targetApps: ['GCASH'],
    });
    return response.status === 201 ? response : undefined;
  }, 30_000, 'miniprograms knowing the merchant workspace');
  return created.body.miniProgramId;
}
