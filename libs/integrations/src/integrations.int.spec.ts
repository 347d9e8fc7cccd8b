import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import {
  CREATE_WEBHOOK,
  CreatedWebhook,
  DELETE_WEBHOOK,
  DeliveryView,
  LIST_WEBHOOK_DELIVERIES,
  LIST_WEBHOOKS,
  LIST_WORKSPACE_EVENTS,
  MINI_PROGRAM_CREATED,
  PING_WEBHOOK,
  REDELIVER_WEBHOOK_DELIVERY,
  Reply,
  RequestActor,
  ROTATE_WEBHOOK_SECRET,
  UPDATE_WEBHOOK,
  WebhookView,
  WorkspaceEventsPage,
} from '@mpp/contracts';
import { PostgresSqlClient, rebuildIntoShadow, SqlEventStore } from '@mpp/eventsourcing';
import { createLogger, encodeCursor } from '@mpp/platform';
import { RunningService, startService } from '@mpp/runtime';
import { authorizationEvent, createTestDatabase, eventually, received, seedWorkspaces, startWebhookReceiver, tableSnapshot, WebhookReceiver } from '@mpp/testing';
import { sendDelivery } from './deliveries/webhook-sender';
import { integrationsService } from './integrations.service';
import { workspaceEventsProjection } from './workspace-events/workspace-events.projection';

// integrations on PostgreSQL with a real HTTP receiver: the public events of ordering and miniprograms become each
// workspace's feed, and its webhooks deliver them signed (Standard Webhooks), retried until a 2xx, logged, redelivered.

const merchant: RequestActor = { accountId: 'merchant-owner', platformRoles: [] };
const merchantDev: RequestActor = { accountId: 'merchant-dev', platformRoles: [] };
const isv: RequestActor = { accountId: 'isv-owner', platformRoles: [] };
const stranger: RequestActor = { accountId: 'stranger', platformRoles: [] };
const at = () => new Date().toISOString();

describe('integrations: workspace events, feeds and webhooks (PostgreSQL, a real HTTP receiver)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sql: PostgresSqlClient;
  let service: RunningService;
  let receiver: WebhookReceiver;
  const env = { WEBHOOK_SECRETS_KEY: process.env.WEBHOOK_SECRETS_KEY, WEBHOOK_ALLOW_PRIVATE_NETWORKS: process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS };

  const ask = async <T,>(type: string, payload: object, actor: RequestActor): Promise<Reply<T>> =>
    (await service.router.handle({ type, payload, meta: { correlationId: randomUUID(), actor } })) as Reply<T>;
  const ok = async <T,>(type: string, payload: object, actor: RequestActor): Promise<T> => {
    const reply = await ask<T>(type, payload, actor);
    if (!reply.ok) throw new Error(`${type} refused: ${reply.error.code} ${reply.error.message}`);
    return reply.result;
  };
  const refusal = async (type: string, payload: object, actor: RequestActor) => {
    const reply = await ask(type, payload, actor);
    return reply.ok ? 'accepted' : reply.error.code;
  };
  const feed = (workspaceId: string, query: object = {}, actor = workspaceId === 'm-1' ? merchant : isv) =>
    ok<WorkspaceEventsPage>(LIST_WORKSPACE_EVENTS, { workspaceId, limit: 100, ...query }, actor);
  const deliveries = (webhookId: string) => ok<{ items: DeliveryView[] }>(LIST_WEBHOOK_DELIVERIES, { webhookId }, merchant).then((r) => r.items);
  /** An order placed and confirmed, and the mini program's version submitted and approved: 5 events for both parties. */
  const orderFlow = (orderId: string) => {
    const order = { orderId, serviceId: 's-1', miniProgramId: 'mp-1', merchantWorkspaceId: 'm-1', isvWorkspaceId: 'i-1' };
    return {
      placed: received('ordering', 'ordering.OrderPlaced', `Order-${orderId}`, { ...order, at: at() }),
      confirmed: received('ordering', 'ordering.OrderConfirmed', `Order-${orderId}`, { orderId, by: 'MERCHANT', authorizationId: `a-${orderId}`, scopes: ['UPLOAD'], at: at() }),
      granted: authorizationEvent('AuthorizationGranted', { authorizationId: `a-${orderId}`, miniProgramId: 'mp-1', merchantWorkspaceId: 'm-1', isvWorkspaceId: 'i-1', scopes: ['UPLOAD'] }),
      submitted: received('miniprograms', 'miniprograms.VersionSubmitted', 'MiniProgram-mp-1', { version: '1.0.0', releaseMode: 'MANUAL', at: at() }),
      approved: received('miniprograms', 'miniprograms.VersionApproved', 'MiniProgram-mp-1', { version: '1.0.0', reviewerAccountId: 'r-1', at: at() }),
    };
  };

  beforeAll(async () => {
    process.env.WEBHOOK_SECRETS_KEY = 'integrations-int-secrets-key-of-32-chars+';
    // The receiver is on 127.0.0.1, as in development; the refusal of private addresses is tested on the sender below.
    process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS = 'true';
    receiver = await startWebhookReceiver();
    db = await createTestDatabase('integrations');
    sql = new PostgresSqlClient({ connectionString: db.url });
    const store = await new SqlEventStore(sql).init();
    service = await startService(integrationsService, { sql, store, logger: createLogger('integrations-int', 'silent') });
    await seedWorkspaces(service, sql, [
      { workspaceId: 'm-1', type: 'MERCHANT', owner: merchant.accountId, members: [{ accountId: merchantDev.accountId, role: 'DEVELOPER' }] },
      { workspaceId: 'i-1', type: 'ISV', owner: isv.accountId },
      { workspaceId: 'm-2', type: 'MERCHANT', owner: stranger.accountId },
    ]);
    await service.inbox.receive([received('miniprograms', MINI_PROGRAM_CREATED, 'MiniProgram-mp-1', { miniProgramId: 'mp-1', ownerWorkspaceId: 'm-1', name: 'Cafe', description: 'd', category: 'FOOD_AND_BEVERAGE', targetApps: ['GCASH'], at: at() })]);
  });
  afterAll(async () => {
    await service?.stop();
    await sql?.close();
    await db?.drop();
    await receiver?.close();
    Object.assign(process.env, env);
    for (const [key, value] of Object.entries(env)) if (value === undefined) delete process.env[key];
  });

  it("keeps each workspace's feed in order, by cursor and type, and shows it to its members only", async () => {
    const flow = orderFlow('o-feed');
    await service.inbox.receive([flow.placed, flow.confirmed, flow.granted, flow.submitted, flow.approved]);
    const expected = ['order.placed', 'order.confirmed', 'authorization.granted', 'version.submitted', 'version.approved'];
    const merchantFeed = await eventually(async () => {
      const page = await feed('m-1');
      return page.items.length === 5 ? page : undefined;
    }, 10_000, 'the merchant feed');
    expect(merchantFeed.items.map((e) => e.type)).toEqual(expected);
    expect(merchantFeed.items.map((e) => e.eventId)).toEqual([flow.placed, flow.confirmed, flow.granted, flow.submitted, flow.approved].map((e) => e.id));
    expect(merchantFeed.items[3]).toMatchObject({ data: { miniProgramId: 'mp-1', version: '1.0.0', releaseMode: 'MANUAL' } });
    expect((await feed('i-1')).items.map((e) => e.type)).toEqual(expected);

    const first = await feed('m-1', { limit: 2 });
    expect(first.items.map((e) => e.type)).toEqual(expected.slice(0, 2));
    const rest = await feed('m-1', { after: first.nextCursor });
    expect(rest.items.map((e) => e.type)).toEqual(expected.slice(2));
    expect((await feed('m-1', { after: rest.nextCursor })).items).toEqual([]);
    expect((await feed('m-1', { after: rest.nextCursor })).nextCursor).toBe(rest.nextCursor);
    expect((await feed('m-1', { types: ['version.approved', 'order.placed'] })).items.map((e) => e.type)).toEqual(['order.placed', 'version.approved']);

    expect(await refusal(LIST_WORKSPACE_EVENTS, { workspaceId: 'm-1', limit: 10 }, stranger)).toBe('WORKSPACE_NOT_FOUND');
    expect(await refusal(LIST_WORKSPACE_EVENTS, { workspaceId: 'm-1', limit: 10 }, isv)).toBe('WORKSPACE_NOT_FOUND');
    expect(await refusal(LIST_WORKSPACE_EVENTS, { workspaceId: 'm-1', limit: 10, after: 'not-a-cursor' }, merchant)).toBe('INVALID_CURSOR');
    for (const seq of [1.5, 1e20, -1]) expect(await refusal(LIST_WORKSPACE_EVENTS, { workspaceId: 'm-1', limit: 10, after: encodeCursor({ seq }) }, merchant)).toBe('INVALID_CURSOR');
    // A member who is not Owner or Admin reads the feed.
    expect((await feed('m-1', {}, merchantDev)).items).toHaveLength(5);
  });

  it('delivers signed, retries a 500 until a 2xx, logs each attempt, and redelivers with the same webhook-id', async () => {
    receiver.requests.length = 0;
    receiver.answer((_, n) => (n === 1 ? 500 : 200));
    const { webhookId, secret } = await ok<CreatedWebhook>(CREATE_WEBHOOK, { workspaceId: 'm-1', url: receiver.url('/retry'), eventTypes: ['order.completed'], description: 'orders' }, merchant);
    expect(secret).toMatch(/^whsec_/);
    await eventually(async () => ((await ok<{ items: WebhookView[] }>(LIST_WEBHOOKS, { workspaceId: 'm-1' }, merchant)).items.some((w) => w.webhookId === webhookId) ? true : undefined), 10_000, 'the endpoint listed');

    const completed = received('ordering', 'ordering.OrderCompleted', 'Order-o-feed', { orderId: 'o-feed', by: 'MERCHANT', authorizationId: 'a-o-feed', at: at() });
    await service.inbox.receive([completed, received('ordering', 'ordering.OrderClosureRequested', 'Order-o-feed', { orderId: 'o-feed', by: 'ISV', at: at() })]);
    // First attempt 500, the next about 5 s later (RETRY_DELAYS_MS) answered 200.
    const delivered = await eventually(async () => {
      const [delivery] = await deliveries(webhookId);
      return delivery?.status === 'DELIVERED' ? delivery : undefined;
    }, 20_000, 'the delivery retried and delivered');
    expect(delivered).toMatchObject({ eventId: completed.id, eventType: 'order.completed', attempts: [{ statusCode: 500, response: 'failed with 500' }, { statusCode: 200, response: 'ok' }] });
    expect(receiver.requests).toHaveLength(2);
    for (const request of receiver.requests) {
      expect(request.headers['webhook-id']).toBe(completed.id);
      expect(new Webhook(secret).verify(request.body, request.headers)).toEqual({ type: 'order.completed', timestamp: completed.time, data: expect.objectContaining({ orderId: 'o-feed', merchantWorkspaceId: 'm-1' }) });
    }
    // Not wanted by the endpoint's types: never delivered.
    expect(receiver.requests.map((r) => JSON.parse(r.body).type)).not.toContain('order.closure_requested');

    expect(await ok(REDELIVER_WEBHOOK_DELIVERY, { webhookId, deliveryId: delivered.deliveryId }, merchant)).toEqual({ deliveryId: delivered.deliveryId });
    await eventually(async () => (receiver.requests.length === 3 ? true : undefined), 10_000, 'the redelivery');
    expect(receiver.requests[2].headers['webhook-id']).toBe(completed.id);
    await eventually(async () => ((await deliveries(webhookId))[0].attempts.length === 3 ? true : undefined), 10_000, 'the redelivery logged');
    expect(await refusal(REDELIVER_WEBHOOK_DELIVERY, { webhookId, deliveryId: randomUUID() }, merchant)).toBe('DELIVERY_NOT_FOUND');
    await ok(DELETE_WEBHOOK, { webhookId }, merchant);
  });

  it('pings an endpoint whatever its types, and signs with both secrets for a day after a rotation', async () => {
    receiver.requests.length = 0;
    receiver.answer(() => 204);
    const { webhookId, secret } = await ok<CreatedWebhook>(CREATE_WEBHOOK, { workspaceId: 'i-1', url: receiver.url('/ping'), eventTypes: ['batch_job.completed'] }, isv);
    const { secret: rotated } = await ok<{ secret: string }>(ROTATE_WEBHOOK_SECRET, { webhookId }, isv);
    expect(rotated).not.toBe(secret);
    await eventually(async () => ((await sql.query(`SELECT 1 FROM webhook_endpoints WHERE webhook_id = $1 AND previous_sealed_secret IS NOT NULL`, [webhookId])).rows.length ? true : undefined), 10_000, 'the rotation applied');
    const { deliveryId } = await ok<{ deliveryId: string }>(PING_WEBHOOK, { webhookId }, isv);
    await eventually(async () => (receiver.requests.length === 1 ? true : undefined), 10_000, 'the ping');
    const [ping] = receiver.requests;
    expect(ping.headers['webhook-signature'].split(' ')).toHaveLength(2);
    for (const key of [secret, rotated]) expect(new Webhook(key).verify(ping.body, ping.headers)).toMatchObject({ type: 'webhook.ping', data: { webhookId } });
    const [logged] = await ok<{ items: DeliveryView[] }>(LIST_WEBHOOK_DELIVERIES, { webhookId }, isv).then((r) => r.items);
    expect(logged).toMatchObject({ deliveryId, eventType: 'webhook.ping', status: 'DELIVERED', attempts: [{ statusCode: 204 }] });

    // Neither the events nor the read model hold a secret that signs.
    const stored = JSON.stringify((await sql.query(`SELECT data FROM es_events WHERE stream_id = $1`, [`Webhook-${webhookId}`])).rows);
    const endpoint = JSON.stringify((await sql.query(`SELECT * FROM webhook_endpoints WHERE webhook_id = $1`, [webhookId])).rows);
    for (const s of [secret, rotated]) for (const kept of [stored, endpoint]) expect(kept).not.toContain(s.slice('whsec_'.length));
  });

  it("lets a workspace's Owner and Admins manage its webhooks, and nobody else see them", async () => {
    const body = { workspaceId: 'm-1', url: receiver.url(), eventTypes: ['order.placed'] };
    expect(await refusal(CREATE_WEBHOOK, body, merchantDev)).toBe('FORBIDDEN_WORKSPACE_ROLE');
    expect(await refusal(CREATE_WEBHOOK, body, stranger)).toBe('WORKSPACE_NOT_FOUND');
    expect(await refusal(CREATE_WEBHOOK, { ...body, url: 'ftp://x' }, merchant)).toBe('WEBHOOK_URL_INVALID');
    const { webhookId } = await ok<CreatedWebhook>(CREATE_WEBHOOK, body, merchant);
    for (const [type, payload] of [
      [UPDATE_WEBHOOK, { webhookId, enabled: false }],
      [PING_WEBHOOK, { webhookId }],
      [LIST_WEBHOOK_DELIVERIES, { webhookId }],
      [DELETE_WEBHOOK, { webhookId }],
    ] as const) {
      expect(await refusal(type, payload, stranger)).toBe('WEBHOOK_NOT_FOUND');
      expect(await refusal(type, payload, isv)).toBe('WEBHOOK_NOT_FOUND');
      expect(await refusal(type, payload, merchantDev)).toBe('FORBIDDEN_WORKSPACE_ROLE');
    }
    expect(await ok<WebhookView>(UPDATE_WEBHOOK, { webhookId, enabled: false, description: 'paused' }, merchant)).toMatchObject({ webhookId, enabled: false, disabledReason: 'MEMBER', description: 'paused' });
    await ok(DELETE_WEBHOOK, { webhookId }, merchant);
    expect(await refusal(UPDATE_WEBHOOK, { webhookId, enabled: true }, merchant)).toBe('WEBHOOK_NOT_FOUND');
  });

  it('lists an endpoint right after its creation: the list waits for the webhooks projection to catch up', async () => {
    const runner = service.runners.find((r) => r.projection.name === 'webhooks');
    if (!runner) throw new Error('no webhooks runner');
    await runner.stop();
    let listing: Promise<{ items: WebhookView[] }> | undefined;
    let webhookId = '';
    try {
      ({ webhookId } = await ok<CreatedWebhook>(CREATE_WEBHOOK, { workspaceId: 'm-1', url: receiver.url('/listed'), eventTypes: ['order.placed'] }, merchant));
      expect((await sql.query(`SELECT 1 FROM webhook_endpoints WHERE webhook_id = $1`, [webhookId])).rows).toEqual([]);
      listing = ok<{ items: WebhookView[] }>(LIST_WEBHOOKS, { workspaceId: 'm-1' }, merchant);
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      runner.start();
    }
    expect((await listing)?.items.map((w) => w.webhookId)).toContain(webhookId);
    await ok(DELETE_WEBHOOK, { webhookId }, merchant);
    expect((await ok<{ items: WebhookView[] }>(LIST_WEBHOOKS, { workspaceId: 'm-1' }, merchant)).items.map((w) => w.webhookId)).not.toContain(webhookId);
  });

  it('disables an endpoint that has failed every delivery for 5 days, once, with a public event for its Owner\'s mail', async () => {
    receiver.answer(() => 500);
    const { webhookId } = await ok<CreatedWebhook>(CREATE_WEBHOOK, { workspaceId: 'm-1', url: receiver.url('/failing'), eventTypes: ['order.canceled'] }, merchant);
    await eventually(async () => ((await sql.query(`SELECT 1 FROM webhook_endpoints WHERE webhook_id = $1`, [webhookId])).rows.length ? true : undefined), 10_000, 'the endpoint known');
    // Its first failure, six days ago (as the dispatcher records it): the next failed attempt disables it.
    await sql.query(`INSERT INTO webhook_health (webhook_id, failing_since) VALUES ($1, now() - interval '6 days')`, [webhookId]);
    await ok(PING_WEBHOOK, { webhookId }, merchant);
    const disabled = await eventually(async () => {
      const hook = (await ok<{ items: WebhookView[] }>(LIST_WEBHOOKS, { workspaceId: 'm-1' }, merchant)).items.find((w) => w.webhookId === webhookId);
      return hook?.enabled === false ? hook : undefined;
    }, 15_000, 'the endpoint disabled');
    expect(disabled).toMatchObject({ disabledReason: 'FAILING' });
    const { rows } = await sql.query<{ type: string; data: object }>(`SELECT type, data FROM es_events WHERE stream_id = $1 AND type = 'integrations.WebhookDisabled'`, [`Webhook-${webhookId}`]);
    expect(rows).toEqual([{ type: 'integrations.WebhookDisabled', data: { webhookId, workspaceId: 'm-1', url: receiver.url('/failing'), reason: 'FAILING', at: expect.any(String) } }]);
    // Disabled, it is sent nothing: its deliveries wait, those of events that come meanwhile too. Enabled again by a
    // member, it is sent them all, its run of failures forgotten.
    const attempts = receiver.at('/failing').length;
    await ok(PING_WEBHOOK, { webhookId }, merchant);
    const canceled = received('ordering', 'ordering.OrderCanceled', 'Order-o-feed', { orderId: 'o-feed', by: 'MERCHANT', reason: 'changed plans', at: at() });
    await service.inbox.receive([canceled]);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(receiver.at('/failing')).toHaveLength(attempts);
    receiver.answer(() => 200);
    expect(await ok<WebhookView>(UPDATE_WEBHOOK, { webhookId, enabled: true }, merchant)).toMatchObject({ enabled: true });
    expect((await sql.query(`SELECT 1 FROM webhook_health WHERE webhook_id = $1`, [webhookId])).rows).toEqual([]);
    await eventually(async () => (receiver.at('/failing').some((r) => r.headers['webhook-id'] === canceled.id) ? true : undefined), 15_000, 'the event that came while it was disabled, sent once enabled');
    await eventually(async () => (receiver.at('/failing').some((r) => JSON.parse(r.body).type === 'webhook.ping' && receiver.at('/failing').indexOf(r) >= attempts) ? true : undefined), 15_000, 'the waiting ping sent once enabled');
  });

  it('sends one endpoint at most 4 deliveries at once, so a slow endpoint leaves the other slots to the others', async () => {
    receiver.answer((request) => (request.path === '/slow' ? 'hang' : 200));
    const { webhookId } = await ok<CreatedWebhook>(CREATE_WEBHOOK, { workspaceId: 'i-1', url: receiver.url('/slow'), eventTypes: ['order.placed'] }, isv);
    const fast = await ok<CreatedWebhook>(CREATE_WEBHOOK, { workspaceId: 'i-1', url: receiver.url('/fast'), eventTypes: ['order.placed'] }, isv);
    // Two first, under way before the other four come: those under way count against the four at once (a step that
    // claimed up to four more whatever was under way once sent this endpoint six).
    for (let i = 0; i < 2; i++) await ok(PING_WEBHOOK, { webhookId }, isv);
    await eventually(async () => (receiver.at('/slow').length === 2 ? true : undefined), 30_000, 'two deliveries under way to the slow endpoint');
    for (let i = 0; i < 4; i++) await ok(PING_WEBHOOK, { webhookId }, isv);
    // A busy machine (CI) can take longer than 10 s to start them.
    await eventually(async () => (receiver.at('/slow').length >= 4 ? true : undefined), 30_000, 'four deliveries under way to the slow endpoint');
    // Another endpoint is served meanwhile, and the slow one is sent no fifth while its four hang.
    await ok(PING_WEBHOOK, { webhookId: fast.webhookId }, isv);
    await eventually(async () => (receiver.at('/fast').length === 1 ? true : undefined), 10_000, 'the other endpoint served');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(receiver.at('/slow')).toHaveLength(4);
    receiver.release(200);
    await eventually(async () => (receiver.at('/slow').length === 6 ? true : undefined), 10_000, 'the other two once a slot freed');
    receiver.release(200);
    for (const id of [webhookId, fast.webhookId]) await ok(DELETE_WEBHOOK, { webhookId: id }, isv);
  });

  it('rebuilds the feeds from the inbox equal to the live ones', async () => {
    const snapshot = () => tableSnapshot(db.url, 'workspace_events', 'workspace_id, seq');
    const live = await snapshot();
    expect(live.length).toBeGreaterThan(10);
    await rebuildIntoShadow(sql, service.inbox, workspaceEventsProjection, { batchSize: 3 });
    expect(await snapshot()).toEqual(live);
  });
});

describe('webhook sender: what it refuses to reach, and how long it waits (a real HTTP server)', () => {
  let receiver: WebhookReceiver;
  let target: WebhookReceiver;
  const body = JSON.stringify({ type: 'webhook.ping', timestamp: new Date().toISOString(), data: {} });
  const send = (url: string, allowPrivateNetworks: boolean, timeoutMs?: number) =>
    sendDelivery({ url, messageId: randomUUID(), timestamp: new Date(), body, secrets: ['whsec_' + Buffer.alloc(32, 7).toString('base64')] }, { allowPrivateNetworks, timeoutMs });

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    target = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await target.close();
  });

  it('refuses loopback, link-local and names resolving to them unless private networks are allowed, without connecting', async () => {
    const port = new URL(target.url()).port;
    for (const url of [`http://127.0.0.1:${port}/`, `http://[::1]:${port}/`, 'http://169.254.169.254/latest/meta-data/', `http://localhost:${port}/`, 'http://10.0.0.1/']) {
      const outcome = await send(url, false);
      expect({ url, delivered: outcome.delivered, error: outcome.error }).toEqual({ url, delivered: false, error: expect.stringMatching(/webhooks reach public addresses only/) });
    }
    expect(target.requests).toHaveLength(0);
    expect(await send(target.url(), true)).toMatchObject({ delivered: true, statusCode: 200 });
    expect(target.requests).toHaveLength(1);
  });

  it('never follows a redirect (to the metadata address here): a 3xx is a failed attempt', async () => {
    receiver.answer(() => 302);
    const outcome = await send(receiver.url('/moved'), true);
    expect(outcome).toMatchObject({ delivered: false, statusCode: 302, error: 'redirect not followed (to http://169.254.169.254/latest/meta-data/)' });
  });

  it('gives up on an endpoint that does not answer in time, and keeps 1 KB of a long answer', async () => {
    receiver.answer(() => 'hang');
    const outcome = await send(receiver.url('/slow'), true, 300);
    expect(outcome).toMatchObject({ delivered: false, error: 'no answer within 0.3 s' });
    expect(outcome.durationMs).toBeGreaterThanOrEqual(290);
    receiver.answer(() => 200);
    const long = await send(receiver.url('/long'), true);
    expect(long).toMatchObject({ delivered: true, statusCode: 200 });
    expect(long.response).toBe('x'.repeat(1024));
  });
});
