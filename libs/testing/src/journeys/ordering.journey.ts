import { AuthorizationView, HistoryItem, OrderView } from '@mpp/contracts';
import { Page } from '@mpp/platform';
import { ApiClient, ApiPath, eventually, outsideContract } from '../api-client';
import { ReadMail } from './account.journey';
import { approvedWorkspace, miniProgram, onlineService } from './onboarding';

interface Problem {
  code: string;
  status: number;
  errors?: { field: string }[];
}

type Party = { workspaceId: string; accountId: string; client: ApiClient };
type StepAnswer = { status: string; version: number; authorizationId?: string };

const expectRefusal = (response: { status: number; body: Problem }, status: number, code: string) => expect([response.status, response.body.code]).toEqual([status, code]);

/** Places an order once ordering knows the service and the mini program (their events arrive moments after). */
async function placeOrder(merchant: Party, serviceId: string, miniProgramId: string, note?: string): Promise<string> {
  const placed = await eventually(async () => {
    const response = await merchant.client.post<{ orderId: string; status: string }>('/v1/orders', { serviceId, miniProgramId, note });
    return response.status === 201 ? response : undefined;
  }, 30_000, 'ordering knowing the service and the mini program');
  expect(placed.body.status).toBe('NEW');
  return placed.body.orderId;
}

/** The ISV's view of the mini program: 200 while its authorization is ACTIVE in miniprograms' projection, 404 otherwise. */
const isvSees = async (isv: Party, miniProgramId: string, expected: 200 | 404, what: string) =>
  eventually(async () => ((await isv.client.get(`/v1/mini-programs/${miniProgramId}`)).status === expected ? true : undefined), 30_000, what);

/**
 * DOMAIN.md 3 through the gateway: an ISV's development service ordered by a merchant for its mini program,
 * accepted, confirmed (granting the ISV an authorization that miniprograms enforces), closure rejected then
 * approved; the ISV rejecting, both sides canceling where they may, scope change and revoke, and every refusal
 * on the way. Returns the ids a replay check compares.
 */
export async function orderingJourney(api: ApiClient, readMail: ReadMail, reviewer: ApiClient) {
  const isv = await approvedWorkspace(api, readMail, reviewer, 'ISV', 'isv');
  const otherIsv = await approvedWorkspace(api, readMail, reviewer, 'ISV', 'rival');
  const merchant = await approvedWorkspace(api, readMail, reviewer, 'MERCHANT', 'shop');
  const otherMerchant = await approvedWorkspace(api, readMail, reviewer, 'MERCHANT', 'kiosk');
  const tag = isv.workspaceId.slice(0, 6);

  const serviceId = await onlineService(isv, reviewer, `Store builds ${tag}`);
  // Another ISV's: ordering learns of its archiving moments after it learned it ONLINE, and a placement probed in
  // between is taken; so it cannot be among the orders of the ISV this journey counts.
  const retiredId = await onlineService(otherIsv, reviewer, `Retired builds ${tag}`);
  expect((await otherIsv.client.post(`/v1/services/${retiredId}/archive`)).status).toBe(200);

  const programId = await miniProgram(merchant, `Bean Counter ${tag}`);
  const otherProgramId = await miniProgram(otherMerchant, `Corner Kiosk ${tag}`);
  expectRefusal(await isv.client.post<Problem>(`/v1/workspaces/${isv.workspaceId}/mini-programs`, { name: 'Mine', description: '', category: 'RETAIL', targetApps: ['GCASH'] }), 403, 'ISVS_CANNOT_CREATE_MINI_PROGRAMS');
  const badProgram = await merchant.client.post<Problem>(`/v1/workspaces/${merchant.workspaceId}/mini-programs`, outsideContract({ name: '', category: 'SPACE', targetApps: [] }));
  expect(badProgram.status).toBe(400);
  expect(badProgram.body.errors?.map((e) => e.field)).toEqual(expect.arrayContaining(['name', 'description', 'category', 'targetApps']));
  // The workspace's list is miniprograms' read model: it shows the program moments after its creation.
  const programs = await eventually(async () => {
    const page = await merchant.client.get<Page<{ miniProgramId: string }>>(`/v1/workspaces/${merchant.workspaceId}/mini-programs`);
    return page.body.items.length > 0 ? page : undefined;
  }, 30_000, 'the mini program in the workspace\'s list');
  expect(programs.body.items.map((p) => p.miniProgramId)).toEqual([programId]);
  expect((await otherMerchant.client.get(`/v1/mini-programs/${programId}`)).status).toBe(404);

  // --- The refusals of a placement: each answers as API.md says and places nothing.
  const otherOrderId = await placeOrder(otherMerchant, serviceId, otherProgramId, 'A kiosk menu');
  expectRefusal(await merchant.client.post<Problem>('/v1/orders', { serviceId, miniProgramId: otherProgramId }), 404, 'MINI_PROGRAM_NOT_FOUND');
  const retired = await eventually(async () => {
    const response = await merchant.client.post<Problem>('/v1/orders', { serviceId: retiredId, miniProgramId: programId });
    return response.status === 422 ? response : undefined;
  }, 30_000, 'the offline service refused');
  expect(retired.body.code).toBe('SERVICE_NOT_ONLINE');
  expectRefusal(await merchant.client.post<Problem>('/v1/orders', { serviceId: 'no-such-service', miniProgramId: programId }), 404, 'SERVICE_NOT_FOUND');
  const missing = await merchant.client.post<Problem>('/v1/orders', outsideContract({ miniProgramId: programId, note: 42 }));
  expect([missing.status, [...new Set(missing.body.errors?.map((e) => e.field))].sort()]).toEqual([400, ['note', 'serviceId']]);

  // --- The happy path, with closure rejected once.
  expect((await isv.client.get(`/v1/mini-programs/${programId}`)).status).toBe(404);
  const orderId = await placeOrder(merchant, serviceId, programId, 'Stamps and a member card');
  expectRefusal(await merchant.client.post<Problem>('/v1/orders', { serviceId, miniProgramId: programId }), 409, 'UNFINISHED_ORDER_EXISTS');
  // Lists are read models: they show a step moments after it.
  const listed = (client: ApiClient, path: ApiPath<'GET'>, count: number, what: string) =>
    eventually(async () => {
      const page = await client.get<Page<OrderView>>(path);
      return page.body.items.length >= count ? page : undefined;
    }, 30_000, what);
  const isvOrders = await listed(isv.client, `/v1/workspaces/${isv.workspaceId}/orders?status=NEW`, 2, 'both NEW orders listed for the ISV');
  expect(isvOrders.body.items.map((o) => o.orderId).sort()).toEqual([orderId, otherOrderId].sort());
  expect(isvOrders.body.items.find((o) => o.orderId === orderId)).toMatchObject({ serviceName: `Store builds ${tag}`, merchantWorkspaceId: merchant.workspaceId, note: 'Stamps and a member card' });

  expectRefusal(await merchant.client.post<Problem>(`/v1/orders/${orderId}/accept`), 403, 'ISV_SIDE_ONLY');
  expectRefusal(await otherIsv.client.post<Problem>(`/v1/orders/${orderId}/accept`), 404, 'ORDER_NOT_FOUND');
  expectRefusal(await otherIsv.client.get<Problem>(`/v1/orders/${orderId}`), 404, 'ORDER_NOT_FOUND');
  expectRefusal(await otherIsv.client.get<Problem>(`/v1/workspaces/${isv.workspaceId}/orders`), 404, 'WORKSPACE_NOT_FOUND');
  expectRefusal(await merchant.client.post<Problem>(`/v1/orders/${orderId}/confirm`, {}), 422, 'ORDER_NOT_PENDING_CONFIRMATION');
  expectRefusal(await isv.client.post<Problem>(`/v1/orders/${orderId}/cancel`, { reason: 'Not yet started' }), 422, 'ORDER_NOT_CANCELABLE');
  expect((await isv.client.post<StepAnswer>(`/v1/orders/${orderId}/accept`)).body).toMatchObject({ status: 'PENDING_CONFIRMATION', version: 2 });
  expect((await merchant.client.post<Problem>(`/v1/orders/${orderId}/confirm`, outsideContract({ scopes: ['UPLOAD', 'HACK'] }))).status).toBe(400);

  // Two confirmations at once: exactly one wins, the other is told the order moved on.
  const confirms = await Promise.all([
    merchant.client.post<StepAnswer & Problem>(`/v1/orders/${orderId}/confirm`, {}),
    merchant.client.post<StepAnswer & Problem>(`/v1/orders/${orderId}/confirm`, { scopes: ['UPLOAD'] }),
  ]);
  const won = confirms.filter((r) => r.status === 200);
  expect(won).toHaveLength(1);
  expect(confirms.filter((r) => r.status !== 200).map((r) => [r.status, r.body.code])).toEqual([[422, 'ORDER_NOT_PENDING_CONFIRMATION']]);
  const { authorizationId } = won[0].body;
  expect(won[0].body).toMatchObject({ status: 'IN_DEVELOPMENT', authorizationId: expect.any(String) });
  const authorization = await eventually(async () => {
    const response = await isv.client.get<AuthorizationView>(`/v1/authorizations/${authorizationId}`);
    return response.status === 200 ? response : undefined;
  }, 30_000, 'the authorization listed');
  expect(authorization.body).toMatchObject({ status: 'ACTIVE', orderId, miniProgramId: programId, isvWorkspaceId: isv.workspaceId, merchantWorkspaceId: merchant.workspaceId });
  expect(authorization.body.scopes).toEqual(won[0] === confirms[0] ? ['MEMBERS', 'UPLOAD', 'CONFIGURE', 'SUBMIT_REVIEW', 'RELEASE', 'STATISTICS'] : ['UPLOAD']);
  await isvSees(isv, programId, 200, 'miniprograms seeing the authorization');
  expect((await otherIsv.client.get(`/v1/mini-programs/${programId}`)).status).toBe(404);
  const authorizations = await merchant.client.get<Page<AuthorizationView>>(`/v1/authorizations?miniProgramId=${programId}`);
  expect(authorizations.body.items.map((a) => a.authorizationId)).toEqual([authorizationId]);
  expect((await otherIsv.client.get<Page<AuthorizationView>>(`/v1/authorizations?miniProgramId=${programId}`)).body.items).toEqual([]);

  // The merchant narrows and widens the scopes; the ISV cannot; a stale If-Match is refused.
  const current = await eventually(async () => {
    const a = await merchant.client.get<AuthorizationView>(`/v1/authorizations/${authorizationId}`);
    return a.body.version >= 1 ? a : undefined;
  }, 30_000, 'the grant recorded');
  const narrowed = await merchant.client.call<{ scopes: string[]; version: number }>('PUT', `/v1/authorizations/${authorizationId}/scopes`, { body: { scopes: ['CONFIGURE', 'UPLOAD'] }, headers: { 'if-match': `"${current.body.version}"` } });
  expect([narrowed.status, narrowed.body.scopes]).toEqual([200, ['UPLOAD', 'CONFIGURE']]);
  expectRefusal(await merchant.client.call<Problem>('PUT', `/v1/authorizations/${authorizationId}/scopes`, { body: { scopes: ['MEMBERS'] }, headers: { 'if-match': `"${current.body.version}"` } }), 412, 'STALE_VERSION');
  expectRefusal(await isv.client.call<Problem>('PUT', `/v1/authorizations/${authorizationId}/scopes`, { body: { scopes: ['MEMBERS', 'UPLOAD', 'CONFIGURE', 'SUBMIT_REVIEW', 'RELEASE'] } }), 403, 'MERCHANT_SIDE_ONLY');
  expect((await merchant.client.call<Problem>('PUT', `/v1/authorizations/${authorizationId}/scopes`, { body: { scopes: [] } })).status).toBe(400);
  const widened = await merchant.client.call<{ scopes: string[] }>('PUT', `/v1/authorizations/${authorizationId}/scopes`, { body: { scopes: ['MEMBERS', 'UPLOAD', 'CONFIGURE', 'RELEASE'] } });
  expect(widened.body.scopes).toEqual(['MEMBERS', 'UPLOAD', 'CONFIGURE', 'RELEASE']);

  expect((await isv.client.post<StepAnswer>(`/v1/orders/${orderId}/closure-request`)).body.status).toBe('UNDER_APPROVAL');
  expect((await merchant.client.post<Problem>(`/v1/orders/${orderId}/closure-request/reject`, outsideContract({}))).status).toBe(400);
  const closureRejected = await merchant.client.post<StepAnswer>(`/v1/orders/${orderId}/closure-request/reject`, { reason: 'The member card is missing' });
  expect(closureRejected.body.status).toBe('IN_DEVELOPMENT');
  expect((await isv.client.post<StepAnswer>(`/v1/orders/${orderId}/closure-request`)).body.status).toBe('UNDER_APPROVAL');
  expectRefusal(await isv.client.post<Problem>(`/v1/orders/${orderId}/closure-request/approve`), 403, 'MERCHANT_SIDE_ONLY');
  expect((await merchant.client.post<StepAnswer>(`/v1/orders/${orderId}/closure-request/approve`)).body).toMatchObject({ status: 'COMPLETED', version: 7 });
  expectRefusal(await merchant.client.post<Problem>(`/v1/orders/${orderId}/cancel`, { reason: 'Too late' }), 422, 'ORDER_FINISHED');
  // Completion ends the authorization with it: in ordering's read model at once, in miniprograms once the event arrives.
  const endedAuthorization = await eventually(async () => {
    const a = await isv.client.get<AuthorizationView>(`/v1/authorizations/${authorizationId}`);
    return a.body.status !== 'ACTIVE' ? a : undefined;
  }, 30_000, 'the authorization ended');
  expect(endedAuthorization.body.status).toBe('ENDED');
  await isvSees(isv, programId, 404, 'miniprograms ending the authorization');

  // The history, every step in order with who and why; and the order "as of" a version and a time.
  const history = await isv.client.get<{ items: HistoryItem[] }>(`/v1/orders/${orderId}/history`);
  expect(history.body.items.map((i) => [i.type, i.status, i.actor])).toEqual([
    ['OrderPlaced', 'NEW', merchant.accountId],
    ['OrderAccepted', 'PENDING_CONFIRMATION', isv.accountId],
    ['OrderConfirmed', 'IN_DEVELOPMENT', merchant.accountId],
    ['OrderClosureRequested', 'UNDER_APPROVAL', isv.accountId],
    ['OrderClosureRejected', 'IN_DEVELOPMENT', merchant.accountId],
    ['OrderClosureRequested', 'UNDER_APPROVAL', isv.accountId],
    ['OrderCompleted', 'COMPLETED', merchant.accountId],
  ]);
  expect(history.body.items[4].reason).toBe('The member card is missing');
  const authorizationHistory = await merchant.client.get<{ items: HistoryItem[] }>(`/v1/authorizations/${authorizationId}/history`);
  expect(authorizationHistory.body.items.map((i) => [i.type, i.status])).toEqual([
    ['AuthorizationGranted', 'ACTIVE'],
    ['AuthorizationScopesChanged', 'ACTIVE'],
    ['AuthorizationScopesChanged', 'ACTIVE'],
    ['AuthorizationEnded', 'ENDED'],
  ]);
  expect((await merchant.client.get<OrderView>(`/v1/orders/${orderId}?version=2`)).body).toMatchObject({ status: 'PENDING_CONFIRMATION', version: 2 });
  const asOfConfirm = await merchant.client.get<OrderView>(`/v1/orders/${orderId}?at=${encodeURIComponent(history.body.items[2].at)}`);
  expect(asOfConfirm.body).toMatchObject({ status: 'IN_DEVELOPMENT', version: 3, authorizationId });
  const beforePlacement = new Date(Date.parse(history.body.items[0].at) - 60_000).toISOString();
  expectRefusal(await merchant.client.get<Problem>(`/v1/orders/${orderId}?at=${encodeURIComponent(beforePlacement)}`), 404, 'ORDER_NOT_PLACED_YET');
  expect((await merchant.client.get<Problem>(`/v1/orders/${orderId}?version=zero`)).status).toBe(400);
  expect((await merchant.client.get<OrderView>(`/v1/orders/${orderId}`)).body).toMatchObject({ status: 'COMPLETED', version: 7, serviceName: `Store builds ${tag}` });

  // --- Revoke: a finished order frees the pair, so the merchant orders again; the grant is then revoked.
  const againId = await placeOrder(merchant, serviceId, programId);
  await isv.client.post(`/v1/orders/${againId}/accept`);
  const again = await merchant.client.post<StepAnswer>(`/v1/orders/${againId}/confirm`, { scopes: ['UPLOAD'] });
  await isvSees(isv, programId, 200, 'miniprograms seeing the second authorization');
  expect((await merchant.client.post<{ status: string }>(`/v1/authorizations/${again.body.authorizationId}/revoke`)).body.status).toBe('REVOKED');
  expectRefusal(await merchant.client.post<Problem>(`/v1/authorizations/${again.body.authorizationId}/revoke`), 422, 'AUTHORIZATION_NOT_ACTIVE');
  await isvSees(isv, programId, 404, 'miniprograms applying the revoke');
  // The ISV gives up on the order: once work has started it owes a reason.
  expect((await isv.client.post<Problem>(`/v1/orders/${againId}/cancel`, {})).status).toBe(400);
  expect((await isv.client.post<StepAnswer>(`/v1/orders/${againId}/cancel`, { reason: 'Access was revoked' })).body.status).toBe('CANCELED');
  expect((await merchant.client.get<AuthorizationView>(`/v1/authorizations/${again.body.authorizationId}`)).body.status).toBe('REVOKED');

  // --- The ISV rejects; the merchant cancels at NEW, at PENDING_CONFIRMATION and IN_DEVELOPMENT (ending the grant).
  expect((await isv.client.post<Problem>(`/v1/orders/${otherOrderId}/reject`, { reason: '' })).status).toBe(400);
  expect((await isv.client.post<StepAnswer>(`/v1/orders/${otherOrderId}/reject`, { reason: 'We do not build kiosks' })).body.status).toBe('REJECTED');
  const canceledNew = await placeOrder(otherMerchant, serviceId, otherProgramId);
  expect((await otherMerchant.client.post<StepAnswer>(`/v1/orders/${canceledNew}/cancel`, {})).body.status).toBe('CANCELED');
  const canceledPending = await placeOrder(otherMerchant, serviceId, otherProgramId);
  await isv.client.post(`/v1/orders/${canceledPending}/accept`);
  expect((await otherMerchant.client.post<StepAnswer>(`/v1/orders/${canceledPending}/cancel`, { reason: 'Found a cheaper offer' })).body.status).toBe('CANCELED');
  const canceledWork = await placeOrder(otherMerchant, serviceId, otherProgramId);
  await isv.client.post(`/v1/orders/${canceledWork}/accept`);
  const work = await otherMerchant.client.post<StepAnswer>(`/v1/orders/${canceledWork}/confirm`, {});
  expect((await otherMerchant.client.post<Problem>(`/v1/orders/${canceledWork}/cancel`, {})).status).toBe(400);
  expect((await otherMerchant.client.post<StepAnswer>(`/v1/orders/${canceledWork}/cancel`, { reason: 'Budget cut' })).body.status).toBe('CANCELED');
  await eventually(async () => ((await otherMerchant.client.get<AuthorizationView>(`/v1/authorizations/${work.body.authorizationId}`)).body.status === 'ENDED' ? true : undefined), 30_000, 'the canceled order\'s authorization ended');
  const canceledHistory = await otherMerchant.client.get<{ items: HistoryItem[] }>(`/v1/orders/${canceledWork}/history`);
  expect(canceledHistory.body.items.map((i) => i.type)).toEqual(['OrderPlaced', 'OrderAccepted', 'OrderConfirmed', 'OrderCanceled']);
  expect(canceledHistory.body.items[3]).toMatchObject({ actor: otherMerchant.accountId, reason: 'Budget cut' });

  // Both sides' lists, filtered by status.
  const completed = await listed(merchant.client, `/v1/workspaces/${merchant.workspaceId}/orders?status=COMPLETED`, 1, 'the COMPLETED order listed');
  expect(completed.body.items.map((o) => o.orderId)).toEqual([orderId]);
  await listed(isv.client, `/v1/workspaces/${isv.workspaceId}/orders?status=CANCELED`, 4, 'the four CANCELED orders listed');
  const canceled = await isv.client.get<Page<OrderView>>(`/v1/workspaces/${isv.workspaceId}/orders?status=CANCELED&limit=2`);
  expect(canceled.body.items).toHaveLength(2);
  const rest = await isv.client.get<Page<OrderView>>(`/v1/workspaces/${isv.workspaceId}/orders?status=CANCELED&limit=2&cursor=${canceled.body.nextCursor}`);
  expect([...canceled.body.items, ...rest.body.items].map((o) => o.orderId).sort()).toEqual([againId, canceledNew, canceledPending, canceledWork].sort());
  expect((await isv.client.get<Problem>(`/v1/workspaces/${isv.workspaceId}/orders?status=DONE`)).status).toBe(400);

  return { isv, merchant, serviceId, programId, orderId, authorizationId: authorizationId as string };
}
