import { Webhook } from 'standardwebhooks';
import type { Schema } from '@mpp/client';
import { ApiClient, eventually } from '../api-client';
import { WebhookReceiver } from '../webhook-receiver';
import { miniProgramPackage, versionForm } from '../zip-packages';
import { ReadMail } from './account.journey';
import { approvedWorkspace, miniProgram, onlineService } from './onboarding';

type Problem = { code?: string };
type FeedPage = { items: { eventId: string; type: string; occurredAt: string; data: Record<string, unknown> }[]; nextCursor: string };
type Delivery = { deliveryId: string; eventId: string; eventType: string; status: string; attempts: { statusCode?: number; error?: string }[] };

/**
 * DOMAIN.md 7 through the gateway: a merchant and an ISV each register a webhook on the receiver the test runs; an
 * order, its authorization and a version's review reach both, signed (Standard Webhooks, verified with the secret
 * answered once), the ISV's first delivery answered 500 and retried; both feeds hold the same events in order; the
 * delivery log shows each attempt; a stranger sees neither. Returns what a caller may check further.
 */
export async function webhooksJourney(api: ApiClient, readMail: ReadMail, reviewer: ApiClient, receiver: WebhookReceiver) {
  const isv = await approvedWorkspace(api, readMail, reviewer, 'ISV', 'hooked');
  const merchant = await approvedWorkspace(api, readMail, reviewer, 'MERCHANT', 'notified');
  const stranger = await approvedWorkspace(api, readMail, reviewer, 'MERCHANT', 'outsider');
  const [merchantPath, isvPath] = [`/merchant-${merchant.workspaceId}`, `/isv-${isv.workspaceId}`];
  receiver.answer((request) => (request.path === isvPath && receiver.at(isvPath).length === 1 ? 500 : 200));

  const register = (who: typeof isv, path: string, eventTypes: Schema<'CreateWebhookRequest'>['eventTypes']) =>
    who.client.post<{ webhookId: string; secret: string }>(`/v1/workspaces/${who.workspaceId}/webhooks`, { url: receiver.url(path), eventTypes, description: 'journey' });
  const merchantHook = await register(merchant, merchantPath, ['order.placed', 'order.accepted', 'order.confirmed', 'authorization.granted', 'version.submitted', 'version.approved']);
  const isvHook = await register(isv, isvPath, ['order.placed', 'order.confirmed', 'authorization.granted', 'version.approved']);
  expect([merchantHook.status, isvHook.status]).toEqual([201, 201]);
  expect(isvHook.body.secret).toMatch(/^whsec_/);
  const strangerCall = await stranger.client.post<Problem>(`/v1/workspaces/${merchant.workspaceId}/webhooks`, { url: receiver.url('/x'), eventTypes: ['order.placed'] });
  expect([strangerCall.status, strangerCall.body.code]).toEqual([404, 'WORKSPACE_NOT_FOUND']);
  const listed = await merchant.client.get<{ items: { webhookId: string; url: string }[] }>(`/v1/workspaces/${merchant.workspaceId}/webhooks`);
  expect(listed.body.items).toEqual([expect.objectContaining({ webhookId: merchantHook.body.webhookId, url: receiver.url(merchantPath) })]);
  expect(JSON.stringify(listed.body)).not.toContain(merchantHook.body.secret);

  // The order, its authorization, and a version submitted and approved.
  const serviceId = await onlineService(isv, reviewer, `Hooks ${isv.workspaceId.slice(0, 6)}`);
  const programId = await miniProgram(merchant, 'Hooked cafe');
  const placed = await eventually(async () => {
    const r = await merchant.client.post<{ orderId: string }>('/v1/orders', { serviceId, miniProgramId: programId });
    return r.status === 201 ? r : undefined;
  }, 30_000, 'ordering knowing the service and the mini program');
  const { orderId } = placed.body;
  expect((await isv.client.post(`/v1/orders/${orderId}/accept`)).status).toBe(200);
  expect((await merchant.client.post(`/v1/orders/${orderId}/confirm`, { scopes: ['UPLOAD', 'SUBMIT_REVIEW'] })).status).toBe(200);
  const uploaded = await eventually(async () => {
    const r = await isv.client.call('POST', `/v1/mini-programs/${programId}/versions`, { form: versionForm('1.0.0', 'First', await miniProgramPackage('hooked')) });
    return r.status === 201 ? r : undefined;
  }, 30_000, 'miniprograms seeing the authorization');
  expect(uploaded.status).toBe(201);
  expect((await isv.client.post(`/v1/mini-programs/${programId}/versions/1.0.0/submit`, { releaseMode: 'MANUAL' })).status).toBe(200);
  expect((await reviewer.post(`/v1/review/mini-programs/${programId}/versions/1.0.0/approve`)).status).toBe(200);

  // Each endpoint gets the types it asked for, each once, signed; the ISV's first attempt (500) is retried ~5 s later.
  const delivered = (path: string, count: number) =>
    eventually(async () => {
      const types = [...new Set(receiver.at(path).map((r) => (JSON.parse(r.body) as { type: string }).type))];
      return types.length >= count ? types : undefined;
    }, 60_000, `the deliveries to ${path}`);
  // Deliveries are concurrent, so their order is not the events' (the feed's is; each body carries its timestamp).
  expect(new Set(await delivered(merchantPath, 6))).toEqual(new Set(['order.placed', 'order.accepted', 'order.confirmed', 'authorization.granted', 'version.submitted', 'version.approved']));
  expect(new Set(await delivered(isvPath, 4))).toEqual(new Set(['order.placed', 'order.confirmed', 'authorization.granted', 'version.approved']));
  for (const [path, secret] of [[merchantPath, merchantHook.body.secret], [isvPath, isvHook.body.secret]]) {
    for (const request of receiver.at(path)) {
      const body = new Webhook(secret).verify(request.body, request.headers) as { type: string; data: Record<string, unknown> };
      expect(body.data).toMatchObject(body.type.startsWith('version.') ? { miniProgramId: programId, version: '1.0.0' } : { miniProgramId: programId, merchantWorkspaceId: merchant.workspaceId, isvWorkspaceId: isv.workspaceId });
    }
  }
  const log = await eventually(async () => {
    const r = await isv.client.get<{ items: Delivery[] }>(`/v1/webhooks/${isvHook.body.webhookId}/deliveries`);
    return r.body.items.length === 4 && r.body.items.every((d) => d.status === 'DELIVERED') ? r.body.items : undefined;
  }, 30_000, "the ISV's delivery log");
  const isvRequests = receiver.at(isvPath);
  // The one answered 500 came again with the same webhook-id, and nothing else came twice.
  expect(isvRequests.filter((r) => r.headers['webhook-id'] === isvRequests[0].headers['webhook-id'])).toHaveLength(2);
  expect(new Set(isvRequests.map((r) => r.headers['webhook-id'])).size).toBe(isvRequests.length - 1);
  const retried = log.find((d) => d.eventId === isvRequests[0].headers['webhook-id']);
  expect(retried?.attempts.map((a) => a.statusCode)).toEqual([500, 200]);

  // The feeds hold the events in the order integrations learnt of them: each order's, authorization's and mini
  // program's in the order they happened (across them, events travel apart); the same events under the same ids for
  // both parties (whatever their webhooks chose); and a stranger reads neither.
  const feed = await merchant.client.get<FeedPage>(`/v1/workspaces/${merchant.workspaceId}/events`);
  const types = feed.body.items.map((e) => e.type);
  expect([...types].sort()).toEqual(['authorization.granted', 'order.accepted', 'order.confirmed', 'order.placed', 'version.approved', 'version.submitted']);
  expect(types.filter((t) => t.startsWith('order.'))).toEqual(['order.placed', 'order.accepted', 'order.confirmed']);
  expect(types.filter((t) => t.startsWith('version.'))).toEqual(['version.submitted', 'version.approved']);
  const isvFeed = await isv.client.get<FeedPage>(`/v1/workspaces/${isv.workspaceId}/events?types=order.confirmed,version.approved`);
  expect(isvFeed.body.items.map((e) => e.eventId)).toEqual(feed.body.items.filter((e) => ['order.confirmed', 'version.approved'].includes(e.type)).map((e) => e.eventId));
  const refused = await stranger.client.get<Problem>(`/v1/workspaces/${merchant.workspaceId}/events`);
  expect([refused.status, refused.body.code]).toEqual([404, 'WORKSPACE_NOT_FOUND']);
  const eventTypes = await api.get<{ items: { type: string }[] }>('/v1/event-types');
  expect(eventTypes.body.items.map((t) => t.type)).toEqual(expect.arrayContaining(['order.placed', 'version.approved', 'webhook.ping']));
  return { merchant, isv, programId, orderId, isvHook: { ...isvHook.body, path: isvPath }, merchantHook: { ...merchantHook.body, path: merchantPath }, feed: feed.body };
}
