import { ApiClient, eventually } from '../api-client';
import { ReadMail, signUp } from '../journeys/account.journey';
import { approvedWorkspace, miniProgram, onlineService, serviceBody } from '../journeys/onboarding';
import { pngBytes } from '../journeys/workspace.journey';
import { miniProgramPackage, versionForm } from '../zip-packages';

/** Who sends a generated request: each a signed-in client, or nobody. */
export const ACTOR_NAMES = ['anonymous', 'merchant', 'isv', 'reviewer', 'operator', 'newcomer'] as const;
export type ActorName = (typeof ACTOR_NAMES)[number];

/** The kinds of id a path or a body names; the world holds real ones of each. */
export type IdKind = 'workspace' | 'account' | 'invitation' | 'service' | 'order' | 'authorization' | 'miniProgram' | 'version' | 'application' | 'screenshot' | 'template' | 'batchJob' | 'hostApp' | 'ingestionKey' | 'webhook' | 'delivery' | 'uploadKey';

/** Real resources in every state a bad request should reach, and the clients of the actors who own them. */
export interface SeededWorld {
  /** Each actor's access token; none for anonymous. */
  tokens: Record<ActorName, string | undefined>;
  ids: Record<IdKind, string[]>;
  /** Addresses whose mailbox is part of the readable state. */
  emails: string[];
  /** A small valid mini program package and logo, for the non-JSON bodies. */
  zip: Buffer;
  png: Buffer;
}

const ok = <R extends { status: number; body: unknown }>(response: R, what: string): R => {
  if (response.status >= 300) throw new Error(`seeding: ${what} answered ${response.status} ${JSON.stringify(response.body)}`);
  return response;
};

/**
 * A merchant and an ISV workspace, two services online and a draft, an order confirmed (an ACTIVE authorization with
 * every scope) and one NEW, a mini program with members, domains, business parameters, an icon, a screenshot and versions
 * RELEASED, GRAY and UPLOADED (one applied from a template with a PUBLISHED and a DRAFT version), an application under
 * review, a pending invitation, a finished batch job, a host app's ingestion key and a disabled webhook with a delivery and an upload key.
 */
export async function seedWorld(api: ApiClient, readMail: ReadMail, tokens: { reviewer: string; operator: string }): Promise<SeededWorld> {
  const reviewer = api.as(tokens.reviewer);
  const isv = await approvedWorkspace(api, readMail, reviewer, 'ISV', 'fuzzisv');
  const merchant = await approvedWorkspace(api, readMail, reviewer, 'MERCHANT', 'fuzzshop');
  const developer = await signUp(api, readMail, 'fuzzdev');
  const newcomer = await signUp(api, readMail, 'fuzznew');
  const tag = isv.workspaceId.slice(0, 6);

  const joined = ok(await isv.client.post<{ invitationId: string }>(`/v1/workspaces/${isv.workspaceId}/invitations`, { email: developer.email, role: 'DEVELOPER' }), 'invite');
  ok(await developer.client.post(`/v1/invitations/${joined.body.invitationId}/accept`), 'accept');
  const pending = ok(await isv.client.post<{ invitationId: string }>(`/v1/workspaces/${isv.workspaceId}/invitations`, { email: newcomer.email, role: 'OPERATOR' }), 'invite');
  const application = ok(
    await newcomer.client.post<{ applicationId: string }>('/v1/workspace-applications', {
      type: 'MERCHANT', companyName: `Pending ${tag}`, businessAddress: '3 Quay', countryRegion: 'SG', businessRepresentative: 'Cy Tan', acceptTerms: true, acceptPrivacyPolicy: true,
    }),
    'application',
  );

  const serviceId = await onlineService(isv, reviewer, `Fuzz builds ${tag}`);
  const otherServiceId = await onlineService(isv, reviewer, `Fuzz care ${tag}`);
  const draft = ok(await isv.client.post<{ serviceId: string }>(`/v1/workspaces/${isv.workspaceId}/services`, serviceBody(`Fuzz draft ${tag}`)), 'draft service');
  const programId = await miniProgram(merchant, `Fuzz Cafe ${tag}`);

  const placed = await eventually(async () => {
    const r = await merchant.client.post<{ orderId: string }>('/v1/orders', { serviceId, miniProgramId: programId });
    return r.status === 201 ? r : undefined;
  }, 30_000, 'ordering knowing the service and the mini program');
  const orderId = placed.body.orderId;
  ok(await isv.client.post(`/v1/orders/${orderId}/accept`), 'accept order');
  const confirmed = ok(await merchant.client.post<{ authorizationId: string }>(`/v1/orders/${orderId}/confirm`, {}), 'confirm order');
  const newOrder = await eventually(async () => {
    const r = await merchant.client.post<{ orderId: string }>('/v1/orders', { serviceId: otherServiceId, miniProgramId: programId, note: 'Later' });
    return r.status === 201 ? r : undefined;
  }, 30_000, 'a second order');
  const base = `/v1/mini-programs/${programId}` as const;
  await eventually(async () => ((await isv.client.get(base)).status === 200 ? true : undefined), 30_000, 'miniprograms seeing the authorization');

  ok(await isv.client.post(`${base}/members`, { accountId: developer.accountId, role: 'DEVELOPER' }), 'mini program member');
  const zip = await miniProgramPackage('fuzz');
  for (const version of ['1.0.0', '1.1.0', '1.2.0']) ok(await isv.client.call('POST', `${base}/versions`, { form: versionForm(version, `Version ${version}`, zip) }), `upload ${version}`);
  ok(await isv.client.call('PUT', `${base}/domains`, { body: { request: ['https://api.fuzz.example'], webview: ['https://fuzz.example'] } }), 'domains');
  ok(await isv.client.call('PUT', `${base}/business-params`, { body: { params: { table: '12' } } }), 'business params');
  const png = pngBytes(256, 256);
  ok(await isv.client.call('PUT', `${base}/icon`, { rawBody: png, headers: { 'content-type': 'image/png' } }), 'icon');
  const screenshot = ok(await isv.client.call<{ screenshotId: string }>('POST', `${base}/screenshots`, { rawBody: png, headers: { 'content-type': 'image/png' } }), 'screenshot');
  for (const [version, release] of [['1.0.0', {}], ['1.1.0', { grayPercent: 30 }]] as const) {
    ok(await isv.client.post(`${base}/versions/${version}/submit`, { releaseMode: 'MANUAL', note: 'Seeded' }), `submit ${version}`);
    await eventually(async () => ((await reviewer.post(`/v1/review/mini-programs/${programId}/versions/${version}/approve`)).status === 200 ? true : undefined), 30_000, `approve ${version}`);
    ok(await isv.client.post(`${base}/versions/${version}/release`, release), `release ${version}`);
  }

  // A template with a PUBLISHED and a DRAFT version, applied to the mini program with its ext config stored.
  const template = ok(await isv.client.post<{ templateId: string }>(`/v1/workspaces/${isv.workspaceId}/templates`, {
    name: `Fuzz template ${tag}`, description: 'Seeded', category: 'FOOD_AND_BEVERAGE', targetApps: ['GCASH'],
    extSchema: { type: 'object', properties: { shopName: { type: 'string', maxLength: 30 } }, required: ['shopName'] },
  }), 'template');
  const templateBase = `/v1/templates/${template.body.templateId}` as const;
  for (const version of ['1.0.0', '1.2.0']) ok(await isv.client.call('POST', `${templateBase}/versions`, { form: versionForm(version, `Template ${version}`, zip) }), `template upload ${version}`);
  ok(await isv.client.post(`${templateBase}/versions/1.0.0/publish`), 'publish template 1.0.0');
  ok(await isv.client.post(`${base}/versions/from-template`, { templateId: template.body.templateId, templateVersion: '1.0.0', version: '1.3.0', extConfig: { shopName: 'Fuzz Cafe' } }), 'apply template');
  // A finished batch job (a dry run: it changes nothing else; its item fails, 1.1.0 being in gray), whose reads and
  // steering bad requests reach.
  const job = ok(
    await isv.client.post<{ jobId: string }>(`/v1/workspaces/${isv.workspaceId}/batch-jobs`, {
      kind: 'SUBMIT_REVIEW', targets: { miniProgramIds: [programId] }, params: { version: '1.2.0', releaseMode: 'MANUAL' }, options: { dryRun: true },
    }),
    'batch job',
  );
  await eventually(async () => ((await isv.client.get<{ status: string }>(`/v1/batch-jobs/${job.body.jobId}`)).body.status.startsWith('COMPLETED') ? true : undefined), 30_000, 'the batch job done');

  // A host app's ingestion key, issued by the operator: the key routes' bad requests reach a real one.
  const operator = api.as(tokens.operator);
  const key = ok(await operator.post<{ keyId: string }>('/v1/host-apps/GCASH/ingestion-keys'), 'ingestion key');

  // A webhook with one delivery in its log (a ping to a port nobody listens on), then disabled by the merchant so that
  // no retry changes the log while the bad requests go out.
  const webhook = ok(await merchant.client.post<{ webhookId: string }>(`/v1/workspaces/${merchant.workspaceId}/webhooks`, { url: 'http://127.0.0.1:9/fuzz', eventTypes: ['order.placed'] }), 'webhook');
  const webhookBase = `/v1/webhooks/${webhook.body.webhookId}` as const;
  const ping = ok(await merchant.client.post<{ deliveryId: string }>(`${webhookBase}/ping`), 'ping');
  await eventually(async () => ((await merchant.client.get<{ items: { attempts: unknown[] }[] }>(`${webhookBase}/deliveries`)).body.items[0]?.attempts.length ? true : undefined), 30_000, 'the ping tried');
  ok(await merchant.client.call('PATCH', webhookBase, { body: { enabled: false } }), 'webhook disabled');
  // An upload key of the mini program, made by the merchant.
  const uploadKey = ok(await merchant.client.post<{ keyId: string }>(`${base}/upload-keys`, { name: 'Fuzz CI', ipAllowlist: ['203.0.113.0/24'], expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() }), 'upload key');

  const tokenOf = async (username: string) => ok(await api.post<{ accessToken: string }>('/v1/sessions', { login: username, password: 'secret123' }), 'sign-in').body.accessToken;
  return {
    tokens: { anonymous: undefined, merchant: await tokenOf(merchant.username), isv: await tokenOf(isv.username), newcomer: await tokenOf(newcomer.username), ...tokens },
    ids: {
      workspace: [merchant.workspaceId, isv.workspaceId],
      account: [developer.accountId, merchant.accountId, isv.accountId, newcomer.accountId],
      invitation: [pending.body.invitationId, joined.body.invitationId],
      service: [serviceId, otherServiceId, draft.body.serviceId],
      order: [orderId, newOrder.body.orderId],
      authorization: [confirmed.body.authorizationId],
      miniProgram: [programId],
      version: ['1.2.0', '1.1.0', '1.0.0'],
      application: [application.body.applicationId],
      screenshot: [screenshot.body.screenshotId],
      template: [template.body.templateId],
      batchJob: [job.body.jobId],
      hostApp: ['GCASH'],
      ingestionKey: [key.body.keyId],
      webhook: [webhook.body.webhookId],
      delivery: [ping.body.deliveryId],
      uploadKey: [uploadKey.body.keyId],
    },
    emails: [merchant.email, isv.email, developer.email, newcomer.email],
    zip,
    png,
  };
}
