import { createHash } from 'node:crypto';
import { MiniProgramView, VersionView } from '@mpp/contracts';
import { Page } from '@mpp/platform';
import { ApiClient, eventually, outsideContract } from '../api-client';
import { incompressiblePackage, miniProgramPackage, traversalPackage, versionForm, zipBomb } from '../zip-packages';
import { ReadMail, signUp } from './account.journey';
import { approvedWorkspace, miniProgram, onlineService } from './onboarding';

interface Problem {
  code: string;
  status: number;
  errors?: { field: string }[];
}

const expectRefusal = (response: { status: number; body: Problem }, status: number, code: string) => expect([response.status, response.body.code]).toEqual([status, code]);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * The whole platform, DOMAIN.md 1 to 4, through the gateway: an ISV and a merchant onboard; the ISV's service goes
 * online; the merchant orders it for its mini program and confirms, authorizing the ISV; the ISV adds a developer,
 * who uploads a version; the ISV configures domains, submits, the reviewer approves, the ISV releases in gray and
 * completes; the merchant approves the closure, after which the ISV can no longer upload. Every refusal on the way
 * (no authorization, wrong scope, revoke, one submission at a time, release before approval, bad zip, oversize,
 * traversal, a lower version, bad domains) is API.md's answer.
 */
export async function platformJourney(api: ApiClient, readMail: ReadMail, reviewer: ApiClient) {
  const isv = await approvedWorkspace(api, readMail, reviewer, 'ISV', 'studio');
  const merchant = await approvedWorkspace(api, readMail, reviewer, 'MERCHANT', 'cafe');
  const developer = await signUp(api, readMail, 'dev');
  const outsider = await signUp(api, readMail, 'stranger');
  const invited = await isv.client.post<{ invitationId: string }>(`/v1/workspaces/${isv.workspaceId}/invitations`, { email: developer.email, role: 'DEVELOPER' });
  expect((await developer.client.post<{ status: string }>(`/v1/invitations/${invited.body.invitationId}/accept`)).body.status).toBe('ACCEPTED');

  const serviceId = await onlineService(isv, reviewer, `App studio ${isv.workspaceId.slice(0, 6)}`);
  const programId = await miniProgram(merchant, 'Corner Cafe');
  const base = `/v1/mini-programs/${programId}` as const;
  const v1 = await miniProgramPackage('1.0.0');

  // No authorization yet: to the ISV the mini program does not exist, and nothing is stored.
  expectRefusal(await developer.client.call<Problem>('POST', `${base}/versions`, { form: versionForm('1.0.0', 'First', v1) }), 404, 'MINI_PROGRAM_NOT_FOUND');

  const placed = await eventually(async () => {
    const r = await merchant.client.post<{ orderId: string }>('/v1/orders', { serviceId, miniProgramId: programId, note: 'A cafe ordering app' });
    return r.status === 201 ? r : undefined;
  }, 30_000, 'ordering knowing the service and the mini program');
  const orderId = placed.body.orderId;
  await isv.client.post(`/v1/orders/${orderId}/accept`);
  const confirmed = await merchant.client.post<{ authorizationId: string }>(`/v1/orders/${orderId}/confirm`, {});
  const { authorizationId } = confirmed.body;
  await eventually(async () => ((await isv.client.get(base)).status === 200 ? true : undefined), 30_000, 'miniprograms seeing the authorization');

  // MEMBERS: the ISV adds its developer; an account of neither workspace is refused.
  const added = await isv.client.post<{ accountId: string; role: string }>(`${base}/members`, { accountId: developer.accountId, role: 'DEVELOPER' });
  expect([added.status, added.body]).toEqual([201, expect.objectContaining({ accountId: developer.accountId, role: 'DEVELOPER' })]);
  expectRefusal(await isv.client.post<Problem>(`${base}/members`, { accountId: outsider.accountId, role: 'TESTER' }), 422, 'ACCOUNT_NOT_IN_WORKSPACE');
  expect((await isv.client.post<Problem>(`${base}/members`, outsideContract({ accountId: developer.accountId, role: 'OWNER' }))).status).toBe(400);
  expect((await merchant.client.get<{ items: { accountId: string }[] }>(`${base}/members`)).body.items.map((m) => m.accountId)).toEqual([developer.accountId]);

  // UPLOAD: the developer uploads; the package is checked and its hash recorded.
  const uploaded = await developer.client.call<VersionView>('POST', `${base}/versions`, { form: versionForm('1.0.0', 'First release', v1) });
  expect([uploaded.status, uploaded.body]).toEqual([201, expect.objectContaining({ version: '1.0.0', status: 'UPLOADED', sha256: sha256(v1), size: v1.length })]);
  const bad = async (form: FormData, status: number, code: string) => expectRefusal(await developer.client.call<Problem>('POST', `${base}/versions`, { form }), status, code);
  await bad(versionForm('1.0.1', 'Not a zip', Buffer.from('plain text')), 400, 'PACKAGE_NOT_A_ZIP');
  await bad(versionForm('1.0.1', 'Escapes', await traversalPackage()), 400, 'PACKAGE_PATH_TRAVERSAL');
  await bad(versionForm('1.0.1', 'Bomb', await zipBomb(8)), 400, 'PACKAGE_ZIP_BOMB');
  await bad(versionForm('1.0.1', 'Too big', await incompressiblePackage(21 * 1024 * 1024)), 413, 'PAYLOAD_TOO_LARGE');
  await bad(versionForm('1.0.0', 'Again', v1), 409, 'VERSION_EXISTS');
  await bad(versionForm('one', 'Bad version', v1), 400, 'VALIDATION_FAILED');
  await bad(versionForm('1.0.1', undefined, v1), 400, 'VALIDATION_FAILED');
  expect((await developer.client.get<{ items: VersionView[] }>(`${base}/versions`)).body.items.map((v) => v.version)).toEqual(['1.0.0']);

  // CONFIGURE: domains checked; without the scope the ISV is refused until the merchant grants it again.
  const domains = { request: ['https://api.cornercafe.example'], socket: ['wss://ws.cornercafe.example'], webview: ['https://cornercafe.example'] };
  expect((await isv.client.call<MiniProgramView>('PUT', `${base}/domains`, { body: domains })).body.domains).toMatchObject(domains);
  const badDomains = await isv.client.call<Problem>('PUT', `${base}/domains`, { body: { request: ['https://10.1.2.3', 'http://plain.example', 'https://*.cafe.example'] } });
  expect([badDomains.status, badDomains.body.errors?.map((e) => e.field)]).toEqual([400, ['request.0', 'request.1', 'request.2']]);
  // Its details edited by the ISV (CONFIGURE) with the version it saw; a stale If-Match changes nothing.
  const seen = await isv.client.get<MiniProgramView>(base);
  const edited = await isv.client.call<MiniProgramView>('PATCH', base, { body: { description: 'Order ahead, collect stamps, pay in the app.' }, headers: { 'if-match': `"${seen.body.version}"` } });
  expect([edited.status, edited.body.description, edited.body.name]).toEqual([200, 'Order ahead, collect stamps, pay in the app.', seen.body.name]);
  expectRefusal(await merchant.client.call<Problem>('PATCH', base, { body: { name: 'Stale' }, headers: { 'if-match': `"${seen.body.version}"` } }), 412, 'STALE_VERSION');
  await merchant.client.call('PUT', `/v1/authorizations/${authorizationId}/scopes`, { body: { scopes: ['MEMBERS', 'UPLOAD', 'SUBMIT_REVIEW', 'RELEASE'] } });
  // The probe changes nothing: with the scope its bad key is refused (400), without it the caller is (403).
  const probe = () => isv.client.call<Problem>('PUT', `${base}/business-params`, { body: { params: { '1bad': 'x' } } });
  const noScope = await eventually(async () => {
    const r = await probe();
    return r.status === 403 ? r : undefined;
  }, 30_000, 'the narrowed scopes arriving');
  expect(noScope.body.code).toBe('SCOPE_NOT_GRANTED');
  await merchant.client.call('PUT', `/v1/authorizations/${authorizationId}/scopes`, { body: { scopes: ['MEMBERS', 'UPLOAD', 'CONFIGURE', 'SUBMIT_REVIEW', 'RELEASE', 'STATISTICS'] } });
  await eventually(async () => ((await probe()).status === 400 ? true : undefined), 30_000, 'the scope granted again');
  expect((await isv.client.call('PUT', `${base}/business-params`, { body: { params: { table: '12' } } })).status).toBe(200);

  // SUBMIT_REVIEW and review: one version at a time; release waits for approval.
  expect((await developer.client.post<VersionView>(`${base}/versions/1.0.0/submit`, { releaseMode: 'MANUAL', note: 'First' })).body.status).toBe('IN_REVIEW');
  const v11 = await miniProgramPackage('1.1.0');
  expect((await developer.client.call('POST', `${base}/versions`, { form: versionForm('1.1.0', 'Next', v11) })).status).toBe(201);
  expectRefusal(await developer.client.post<Problem>(`${base}/versions/1.1.0/submit`, { releaseMode: 'AUTO' }), 409, 'ANOTHER_VERSION_IN_PROGRESS');
  expectRefusal(await isv.client.post<Problem>(`${base}/versions/1.0.0/release`, {}), 422, 'VERSION_NOT_APPROVED');
  expectRefusal(await isv.client.post<Problem>(`/v1/review/mini-programs/${programId}/versions/1.0.0/approve`), 403, 'FORBIDDEN_ROLE');
  const queued = await eventually(async () => {
    const page = await reviewer.get<Page<VersionView>>('/v1/review/versions?status=IN_REVIEW&limit=100');
    return page.body.items.find((v) => v.miniProgramId === programId) ? page : undefined;
  }, 30_000, 'the version in the review queue');
  expect(queued.body.items.find((v) => v.miniProgramId === programId)).toMatchObject({ version: '1.0.0', note: 'First' });
  expect((await reviewer.post<VersionView>(`/v1/review/mini-programs/${programId}/versions/1.0.0/approve`)).body.status).toBe('APPROVED');

  // RELEASE: gray to 30%, then to everyone.
  expect((await isv.client.post<VersionView>(`${base}/versions/1.0.0/release`, { grayPercent: 30 })).body).toMatchObject({ status: 'GRAY', grayPercent: 30 });
  expect((await isv.client.post<Problem>(`${base}/versions/1.0.0/release`, outsideContract({ grayPercent: 40 }))).status).toBe(400);
  expect((await isv.client.post<VersionView>(`${base}/versions/1.0.0/gray/complete`)).body.status).toBe('RELEASED');
  const online = await eventually(async () => {
    const r = await merchant.client.get<MiniProgramView>(base);
    return r.body.onlineVersion === '1.0.0' ? r : undefined;
  }, 30_000, 'the released version on the mini program');
  expect(online.body).toMatchObject({ status: 'ONLINE', onlineVersion: '1.0.0', domains: expect.objectContaining(domains), businessParams: { table: '12' } });
  await bad(versionForm('0.9.0', 'Older', await miniProgramPackage('0.9.0')), 422, 'VERSION_NOT_GREATER');

  const history = await merchant.client.get<{ items: { type: string; version?: string; actor: string }[] }>(`${base}/history`);
  expect(history.body.items.map((i) => i.type)).toEqual([
    'MiniProgramCreated', 'MemberAdded', 'VersionUploaded', 'DomainsSet', 'MiniProgramEdited', 'BusinessParamsSet', 'VersionSubmitted', 'VersionUploaded', 'VersionApproved', 'GrayReleaseStarted', 'VersionReleased',
  ]);
  expect(history.body.items.find((i) => i.type === 'VersionApproved')?.actor).not.toBe(isv.accountId);
  const versionHistory = await merchant.client.get<{ items: { type: string }[] }>(`${base}/versions/1.0.0/history`);
  expect(versionHistory.body.items.map((i) => i.type)).toEqual(['VersionUploaded', 'VersionSubmitted', 'VersionApproved', 'GrayReleaseStarted', 'VersionReleased']);

  // The merchant approves the closure: the authorization ends with the order, and the ISV can no longer upload.
  await isv.client.post(`/v1/orders/${orderId}/closure-request`);
  expect((await merchant.client.post<{ status: string }>(`/v1/orders/${orderId}/closure-request/approve`)).body.status).toBe('COMPLETED');
  // The probe uploads 1.1.0: until miniprograms has taken in the end of the authorization an upload
  // may still land, and it must not take the version number the merchant uploads next.
  const after = await eventually(async () => {
    const r = await developer.client.call<Problem>('POST', `${base}/versions`, { form: versionForm('1.1.0', 'After closure', await miniProgramPackage('1.1.0')) });
    return r.status === 404 ? r : undefined;
  }, 30_000, 'miniprograms ending the authorization');
  expect(after.body.code).toBe('MINI_PROGRAM_NOT_FOUND');
  // The merchant still works on its own mini program.
  expect((await merchant.client.call('POST', `${base}/versions`, { form: versionForm('1.2.0', 'In house', await miniProgramPackage('1.2.0')) })).status).toBe(201);

  // A new order, confirmed, then revoked: the ISV's next request is refused.
  const again = await merchant.client.post<{ orderId: string }>('/v1/orders', { serviceId, miniProgramId: programId });
  await isv.client.post(`/v1/orders/${again.body.orderId}/accept`);
  const second = await merchant.client.post<{ authorizationId: string }>(`/v1/orders/${again.body.orderId}/confirm`, {});
  await eventually(async () => ((await isv.client.get(base)).status === 200 ? true : undefined), 30_000, 'the second authorization');
  await merchant.client.post(`/v1/authorizations/${second.body.authorizationId}/revoke`);
  const revoked = await eventually(async () => {
    const r = await probe();
    return r.status === 404 ? r : undefined;
  }, 30_000, 'the revoke arriving');
  expect(revoked.body.code).toBe('MINI_PROGRAM_NOT_FOUND');

  return { isv, merchant, programId, orderId };
}
