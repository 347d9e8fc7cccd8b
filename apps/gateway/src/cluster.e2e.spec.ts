import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import type { Schema } from '@mpp/client';
import { EventEnvelope, IDENTITY_PUBLIC_EVENTS, SERVICES, ServiceView } from '@mpp/contracts';
import { launchCluster, RunningCluster } from '@mpp/runtime';
import { Page, signAccessToken } from '@mpp/platform';
import {
  accountJourney, approvedWorkspace, catalogJourney, gatewayConventionsJourney, webhooksJourney, startWebhookReceiver, ingestionKeysJourney, orderingJourney, statisticsJourney, platformJourney, serviceBody, templatesJourney, workspaceJourney, ApiClient, createServiceDatabases, eventually, freePort, freePortBase,
  jobItems, miniProgram, repoRoot, readTopicUntil, runBuiltApp, runOps, settledJob, startSmtpCatcher, tableSnapshot, startOtlpReceiver, OtlpReceiver, tracesJourney,
} from '@mpp/testing';

const JWT_SECRET = 'cluster-e2e-secret-of-sufficient-length!';

describe('cluster (every app its own process, real Kafka, real PostgreSQL)', () => {
  const brokers = process.env.MPP_TEST_KAFKA_BROKERS ?? '127.0.0.1:9092';
  let databases: Awaited<ReturnType<typeof createServiceDatabases>>;
  let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
  let traces: OtlpReceiver;
  let healthPortBase: number;
  let cluster: RunningCluster;
  let api: ApiClient;
  let staff: ApiClient;
  const kafka = new Kafka({ clientId: 'e2e-probe', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const opsEnv = () => ({ DATABASE_URL_TEMPLATE: databases.template });
  const startedAt = new Date().toISOString();
  const blobDir = mkdtempSync(path.join(tmpdir(), 'mpp-e2e-blobs-'));

  beforeAll(async () => {
    databases = await createServiceDatabases();
    smtp = await startSmtpCatcher();
    // Every app exports its spans to a real OTLP receiver, as to a collector.
    traces = await startOtlpReceiver();
    const gatewayPort = await freePort();
    healthPortBase = await freePortBase(SERVICES.length);
    cluster = await launchCluster({
      root: repoRoot,
      databaseUrlTemplate: databases.template,
      kafkaBrokers: brokers,
      gatewayPort,
      healthPortBase,
      jwtSecret: JWT_SECRET,
      env: { LOG_LEVEL: 'warn', OTEL_EXPORTER_OTLP_ENDPOINT: traces.endpoint, OTEL_BSP_SCHEDULE_DELAY: '200' },
      appEnv: {
        identity: { SMTP_URL: smtp.url, PLATFORM_BOOTSTRAP_REVIEWER: 'reviewer@mpp.local:review123' },
        gateway: { BLOB_DIR: blobDir },
        // The test's webhook receiver is on 127.0.0.1; the cluster's default refuses it (checked by the sender's specs).
        integrations: { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' },
      },
      onOutput: (app, line) => process.env.E2E_VERBOSE && process.stdout.write(`${app} | ${line}\n`),
      readyTimeoutMs: 120_000,
    });
    api = new ApiClient(cluster.gatewayUrl);
    staff = api.as(await signAccessToken(JWT_SECRET, { accountId: 'staff-1', roles: ['REVIEWER'], expiresInSeconds: 900 }));
  });

  afterAll(async () => {
    await cluster?.stop();
    await databases?.drop();
    await smtp?.close();
    await traces?.close();
    rmSync(blobDir, { recursive: true, force: true });
  });

  it('runs each app as its own process', () => {
    expect([...cluster.processes.keys()].sort()).toEqual(['catalog', 'gateway', 'identity', 'insights', 'integrations', 'miniprograms', 'ordering']);
    expect(new Set([...cluster.processes.values()].map((p) => p.pid)).size).toBe(7);
  });

  it('follows an order confirmation sent with a traceparent in one trace across the gateway, ordering and miniprograms', async () => {
    const reviewer = await api.post<{ accessToken: string }>('/v1/sessions', { login: 'reviewer@mpp.local', password: 'review123' });
    const { spans } = await tracesJourney(api, smtp.readMail, api.as(reviewer.body.accessToken), traces, (service) => `mpp-${service}`);
    // ordering's own spans hold its SQL (the pg instrumentation), under its handling of the request.
    expect(spans.some((s) => s.service === 'mpp-ordering' && s.attributes['db.system.name'] === 'postgresql' && s.name.startsWith('pg.query:'))).toBe(true);
  });

  it("serves each service's metrics on its health port, with its projections' and consumer groups' lags", async () => {
    const scrapes = await Promise.all(SERVICES.map(async (service, i) => [service, await (await fetch(`http://127.0.0.1:${healthPortBase + i + 1}/metrics`)).text()] as const));
    for (const [service, text] of scrapes) {
      expect([service, text]).toEqual([service, expect.stringMatching(new RegExp(`^mpp_projection_lag_events\\{service="${service}",projection="relay"\\} \\d+$`, 'm'))]);
      expect([service, text]).toEqual([service, expect.stringMatching(new RegExp(`^mpp_kafka_consumer_lag\\{service="${service}",group="${service}.requests",topic="${service}.requests"\\} \\d+$`, 'm'))]);
      expect(text).toContain(`mpp_dead_letters{service="${service}"}`);
    }
    const miniprograms = scrapes.find(([service]) => service === 'miniprograms')?.[1] ?? '';
    expect(miniprograms).toMatch(/^mpp_kafka_consumer_lag\{service="miniprograms",group="miniprograms",topic="ordering.events"\} \d+$/m);
    // The gateway serves its own, and the AsyncAPI document of the topics.
    expect(String((await api.unchecked.get('/metrics')).body)).toContain('http_request_duration_seconds');
    expect((await api.unchecked.get<{ asyncapi: string }>('/docs/asyncapi.json')).body.asyncapi).toBe('3.0.0');
  });

  it('signs a user up with a code that arrives over real SMTP, and takes the account through sign-in, refresh, logout, lockout and reset', async () => {
    const { client, email } = await accountJourney(api, smtp.readMail);
    expect((await client.get('/v1/me')).body).toMatchObject({ email });
    expect(smtp.mails.filter((m) => m.to.includes(email)).every((m) => /^<[0-9a-f-]{36}@mpp\.local>$/.test(m.messageId))).toBe(true);
    // With SMTP configured, there is no dev mailbox.
    expect((await api.get<{ code: string }>(`/v1/dev/mailbox?to=${encodeURIComponent(email)}`)).body.code).toBe('MAILBOX_OFF');
    const reviewer = await api.post<{ accessToken: string }>('/v1/sessions', { login: 'reviewer@mpp.local', password: 'review123' });
    expect((await api.as(reviewer.body.accessToken).get('/v1/me')).body).toMatchObject({ platformRoles: ['REVIEWER'] });
  });

  it('onboards an ISV across the processes and takes its service through review onto the market', async () => {
    const reviewer = await api.post<{ accessToken: string }>('/v1/sessions', { login: 'reviewer@mpp.local', password: 'review123' });
    const isv = await workspaceJourney(api, smtp.readMail, api.as(reviewer.body.accessToken));
    // ...whose service goes through review onto the Service Market, catalog learning of the ISV from Kafka.
    const { serviceId } = await catalogJourney(api, smtp.readMail, api.as(reviewer.body.accessToken), { workspaceId: isv.workspaceId, client: isv.owner.client });
    // What ordering will learn from: catalog.events carries the service going online and being revised, nothing private.
    const mine = (seen: { envelope: EventEnvelope }[]) => seen.filter((m) => m.envelope.subject === `Service-${serviceId}`);
    const published = await readTopicUntil(brokers, 'catalog.events', (seen) => mine(seen).length >= 2);
    expect(mine(published).map((m) => m.envelope.type)).toEqual(['catalog.ServiceOnline', 'catalog.ServiceRevised']);
    expect(mine(published)[0].envelope.data).toMatchObject({ serviceId, isvWorkspaceId: isv.workspaceId, type: 'MINI_PROGRAM_DEVELOPMENT' });
  });

  it('takes an order to COMPLETED across the processes: ordering learns from catalog, miniprograms and identity over Kafka, miniprograms enforces the authorization', async () => {
    const reviewer = await api.post<{ accessToken: string }>('/v1/sessions', { login: 'reviewer@mpp.local', password: 'review123' });
    const { orderId, authorizationId } = await orderingJourney(api, smtp.readMail, api.as(reviewer.body.accessToken));
    // What miniprograms (and anyone else) learns from: every step of the order and of its authorization, in order.
    const of = (subject: string) => (seen: { envelope: EventEnvelope }[]) => seen.filter((m) => m.envelope.subject === subject).map((m) => m.envelope.type);
    const published = await readTopicUntil(brokers, 'ordering.events', (seen) => of(`Order-${orderId}`)(seen).length >= 7 && of(`Authorization-${authorizationId}`)(seen).length >= 4);
    expect(of(`Order-${orderId}`)(published)).toEqual([
      'ordering.OrderPlaced', 'ordering.OrderAccepted', 'ordering.OrderConfirmed', 'ordering.OrderClosureRequested',
      'ordering.OrderClosureRejected', 'ordering.OrderClosureRequested', 'ordering.OrderCompleted',
    ]);
    expect(of(`Authorization-${authorizationId}`)(published)).toEqual([
      'ordering.AuthorizationGranted', 'ordering.AuthorizationScopesChanged', 'ordering.AuthorizationScopesChanged', 'ordering.AuthorizationEnded',
    ]);
    expect(published.find((m) => m.envelope.type === 'ordering.AuthorizationEnded' && m.envelope.subject === `Authorization-${authorizationId}`)?.envelope.data).toMatchObject({ authorizationId, orderId, status: 'ENDED', reason: 'COMPLETED' });
    // No order slot claims leave ordering (other tests share the topic: only the absence of internals is checked).
    expect(published.filter((m) => m.envelope.subject?.startsWith('OrderSlot-') || m.envelope.type?.includes('Slot'))).toEqual([]);
  });

  it('runs the whole platform across the processes: a version uploaded through the gateway, reviewed, released in gray; the closure ends the ISV\'s access', async () => {
    const reviewer = await api.post<{ accessToken: string }>('/v1/sessions', { login: 'reviewer@mpp.local', password: 'review123' });
    const { programId } = await platformJourney(api, smtp.readMail, api.as(reviewer.body.accessToken));
    // miniprograms.events carries the creation, the edits of its details and its versions' review and release (what
    // webhooks tell): uploads, members and configuration stay inside.
    const ofProgram = (seen: { envelope: EventEnvelope }[]) => seen.filter((m) => m.envelope.subject === `MiniProgram-${programId}`);
    const published = await readTopicUntil(brokers, 'miniprograms.events', (seen) => ofProgram(seen).some((m) => m.envelope.type === 'miniprograms.VersionReleased'));
    expect(ofProgram(published).map((m) => m.envelope.type)).toEqual([
      'miniprograms.MiniProgramCreated',
      'miniprograms.MiniProgramEdited',
      'miniprograms.VersionSubmitted',
      'miniprograms.VersionApproved',
      'miniprograms.GrayReleaseStarted',
      'miniprograms.VersionReleased',
    ]);
  });

  let templates: Awaited<ReturnType<typeof templatesJourney>>;
  it('serves twenty merchants from one template across the processes: batch apply, a batch submission paused by the quota, expedite, gray then full release', async () => {
    const reviewer = await api.post<{ accessToken: string }>('/v1/sessions', { login: 'reviewer@mpp.local', password: 'review123' });
    const operator = api.as(await signAccessToken(JWT_SECRET, { accountId: 'operator-1', roles: ['OPERATOR'], expiresInSeconds: 1800 }));
    templates = await templatesJourney(api, smtp.readMail, api.as(reviewer.body.accessToken), operator);
  }, 600_000);

  it('lets a platform operator issue a host app an ingestion key (insights, its own process) and revoke it', async () => {
    const reviewer = await api.post<{ accessToken: string }>('/v1/sessions', { login: 'reviewer@mpp.local', password: 'review123' });
    const operator = api.as(await signAccessToken(JWT_SECRET, { accountId: 'operator-1', roles: ['OPERATOR'], expiresInSeconds: 1800 }));
    const keys = await ingestionKeysJourney(api, operator, api.as(reviewer.body.accessToken));
    // Sent with an Idempotency-Key, yet kept nowhere in the clear: not in the events, not in the command log.
    const insightsDb = databases.template.replace('{service}', 'insights');
    const stored = JSON.stringify([await tableSnapshot(insightsDb, 'es_events', 'global_position'), await tableSnapshot(insightsDb, 'command_log', 'key')]);
    for (const { keyId, key } of [keys.revoked, keys.active]) {
      expect(stored).toContain(keyId);
      expect(stored).not.toContain(key);
    }
  });

  it('counts a host app\'s usage across the processes: each event answered on its own, the figures to the unit, no user id or key stored or carried', async () => {
    const reviewer = await api.post<{ accessToken: string }>('/v1/sessions', { login: 'reviewer@mpp.local', password: 'review123' });
    const operator = api.as(await signAccessToken(JWT_SECRET, { accountId: 'operator-1', roles: ['OPERATOR'], expiresInSeconds: 1800 }));
    const sent = await statisticsJourney(api, smtp.readMail, api.as(reviewer.body.accessToken), operator);
    // The host app's user ids and its key left the gateway as a keyed hash: not on Kafka, not in insights' database.
    const insightsDb = databases.template.replace('{service}', 'insights');
    const stored = JSON.stringify([await tableSnapshot(insightsDb, 'usage_events', 'position'), await tableSnapshot(insightsDb, 'usage_daily_visitors', 'visitor')]);
    expect(stored).toContain(sent.miniProgramId);
    const carried = JSON.stringify(await readTopicUntil(brokers, 'insights.requests', (seen) => JSON.stringify(seen).includes(sent.miniProgramId)));
    for (const secret of [...sent.userIds, sent.key]) {
      expect(stored).not.toContain(secret);
      expect(carried).not.toContain(secret);
    }
  });

  it('tells a merchant and its ISV of an order and a review by webhooks and feeds (integrations, its own process), loses nothing when integrations is killed -9, and mails the Owner of an endpoint disabled after 5 days of failures', async () => {
    const reviewer = await api.post<{ accessToken: string }>('/v1/sessions', { login: 'reviewer@mpp.local', password: 'review123' });
    const receiver = await startWebhookReceiver();
    try {
      const { merchant, isv, orderId, merchantHook } = await webhooksJourney(api, smtp.readMail, api.as(reviewer.body.accessToken), receiver);
      const wanted: Schema<'CreateWebhookRequest'>['eventTypes'] = ['order.closure_requested', 'order.completed', 'authorization.ended'];
      const changed = await merchant.client.call('PATCH', `/v1/webhooks/${merchantHook.webhookId}`, { body: { eventTypes: wanted } });
      expect(changed.status).toBe(200);
      // Let the change reach the endpoints' read model before integrations dies, so the events below are wanted.
      await eventually(async () => ((await merchant.client.get<{ items: { eventTypes: string[] }[] }>(`/v1/workspaces/${merchant.workspaceId}/webhooks`)).body.items[0].eventTypes.length === 3 ? true : undefined), 30_000, 'the change applied');
      const before = receiver.at(merchantHook.path).length;
      await cluster.kill('integrations', 'SIGKILL');
      // While it is down, the order closes: its events wait on Kafka for integrations' consumer group.
      expect((await isv.client.post(`/v1/orders/${orderId}/closure-request`)).status).toBe(200);
      expect((await merchant.client.post(`/v1/orders/${orderId}/closure-request/approve`)).status).toBe(200);
      await cluster.restart('integrations');
      const after = await eventually(async () => {
        const bodies = receiver.at(merchantHook.path).slice(before).map((r) => ({ id: r.headers['webhook-id'], type: (JSON.parse(r.body) as { type: string }).type }));
        return wanted.every((type) => bodies.some((b) => b.type === type)) ? bodies : undefined;
      }, 60_000, 'the deliveries after the restart');
      // Each event once, or again under the same webhook-id (at least once): never two ids for one type of this order.
      for (const type of wanted) expect(new Set(after.filter((b) => b.type === type).map((b) => b.id)).size).toBe(1);
      const feed = await merchant.client.get<{ items: { type: string }[] }>(`/v1/workspaces/${merchant.workspaceId}/events?types=${wanted.join(',')}`);
      expect(feed.body.items.map((e) => e.type).sort()).toEqual([...wanted].sort());

      // An endpoint failing every delivery for 5 days is disabled, and identity mails the workspace's Owner over SMTP.
      const integrationsDb = new Client({ connectionString: databases.template.replace('{service}', 'integrations') });
      await integrationsDb.connect();
      try {
        await integrationsDb.query(`INSERT INTO webhook_health (webhook_id, failing_since) VALUES ($1, now() - interval '6 days')`, [merchantHook.webhookId]);
      } finally {
        await integrationsDb.end();
      }
      receiver.answer((request) => (request.path === merchantHook.path ? 503 : 200));
      expect((await merchant.client.post(`/v1/webhooks/${merchantHook.webhookId}/ping`)).status).toBe(202);
      const mail = await eventually(async () => (await smtp.readMail(merchant.email)).find((m) => /webhook of your workspace was disabled/.test(m.subject)), 60_000, "the Owner's mail");
      expect(mail?.text).toContain(receiver.url(merchantHook.path));
      const hooks = await merchant.client.get<{ items: { enabled: boolean; disabledReason?: string }[] }>(`/v1/workspaces/${merchant.workspaceId}/webhooks`);
      expect(hooks.body.items[0]).toMatchObject({ enabled: false, disabledReason: 'FAILING' });
    } finally {
      await receiver.close();
    }
  });

  it('finishes a 200-item job after miniprograms is killed -9 in the middle, every item taking effect exactly once', async () => {
    const { isv, templateId, serviceId } = templates;
    const reviewer = api.as(await signAccessToken(JWT_SECRET, { accountId: 'staff-1', roles: ['REVIEWER'], expiresInSeconds: 1800 }));
    const merchant = await approvedWorkspace(api, smtp.readMail, reviewer, 'MERCHANT', 'chain');
    const programIds: string[] = [];
    for (let start = 0; start < 200; start += 10) {
      programIds.push(...(await Promise.all(Array.from({ length: 10 }, async (_, offset) => {
        const programId = await miniProgram(merchant, `Branch ${start + offset}`);
        const placed = await eventually(async () => {
          const r = await merchant.client.post<{ orderId: string }>('/v1/orders', { serviceId, miniProgramId: programId });
          return r.status === 201 ? r : undefined;
        }, 30_000, 'ordering knowing the mini program');
        expect((await isv.client.post(`/v1/orders/${placed.body.orderId}/accept`)).status).toBe(200);
        expect((await merchant.client.post(`/v1/orders/${placed.body.orderId}/confirm`, {})).status).toBe(200);
        await eventually(async () => {
          const r = await isv.client.call('PUT', `/v1/mini-programs/${programId}/ext-config`, { body: { templateId, extConfig: { storeName: `Branch ${start + offset}` } } });
          return r.status === 200 ? true : undefined;
        }, 30_000, 'miniprograms seeing the authorization');
        return programId;
      }))));
    }
    const started = await isv.client.post<{ jobId: string; total: number }>(`/v1/workspaces/${isv.workspaceId}/batch-jobs`, {
      kind: 'APPLY_TEMPLATE', targets: { miniProgramIds: programIds }, params: { templateId, templateVersion: '1.0.0', version: '2.0.0' }, options: { concurrency: 10 },
    });
    expect([started.status, started.body.total]).toEqual([202, 200]);
    const midway = await eventually(async () => {
      const job = await isv.client.get<{ counts: { succeeded: number } }>(`/v1/batch-jobs/${started.body.jobId}`);
      return job.body.counts.succeeded >= 30 ? job.body.counts.succeeded : undefined;
    }, 60_000, 'thirty items done');
    await cluster.kill('miniprograms', 'SIGKILL');
    expect(midway).toBeLessThan(200);
    await cluster.restart('miniprograms');
    expect(await settledJob(isv.client, started.body.jobId, { finished: true, timeoutMs: 180_000 })).toMatchObject({ status: 'COMPLETED', counts: { succeeded: 200, failed: 0, pending: 0, running: 0 } });
    expect((await jobItems(isv.client, started.body.jobId)).every((item) => item.status === 'SUCCEEDED')).toBe(true);
    // Exactly once: one VersionUploaded of 2.0.0 in each of the 200 streams, and each history shows it once.
    const db = new Client({ connectionString: databases.template.replace('{service}', 'miniprograms') });
    await db.connect();
    try {
      const { rows } = await db.query<{ uploads: string }>(
        `SELECT count(*) AS uploads FROM es_events WHERE type LIKE '%VersionUploaded' AND data->>'version' = '2.0.0' AND stream_id = ANY($1::text[]) GROUP BY stream_id`,
        [programIds.map((id) => `MiniProgram-${id}`)],
      );
      expect([rows.length, rows.every((r) => Number(r.uploads) === 1)]).toEqual([200, true]);
    } finally {
      await db.end();
    }
    const history = await merchant.client.get<{ items: { type: string; version?: string }[] }>(`/v1/mini-programs/${programIds[0]}/history`);
    expect(history.body.items.filter((i) => i.type === 'VersionUploaded' && i.version === '2.0.0')).toHaveLength(1);
  }, 600_000);

  let conventions: Awaited<ReturnType<typeof gatewayConventionsJourney>>;

  it('holds to the gateway conventions on a catalog service; the relay carries identity\'s public events to Kafka, keyed by stream id', async () => {
    // The reviewer is staff-1: a signed token, no account behind it.
    conventions = await gatewayConventionsJourney(api, smtp.readMail, staff);
    const { workspaceId, approvalCorrelationId } = conventions;

    // The relay published CloudEvents-shaped envelopes on identity.events, keyed by stream id.
    const ofWorkspace = (seen: { envelope: EventEnvelope }[]) => seen.filter((m) => m.envelope.subject === `Workspace-${workspaceId}`);
    const seen = await readTopicUntil(brokers, 'identity.events', (all) => ofWorkspace(all).length >= 2);
    const mine = ofWorkspace(seen) as { key: string; envelope: EventEnvelope }[];
    expect(mine.map((m) => m.key)).toEqual([`Workspace-${workspaceId}`, `Workspace-${workspaceId}`]);
    // Event 2 of the stream, the workspace's profile (website, contact email), stays inside identity.
    expect(mine.map((m) => [m.envelope.type, m.envelope.sequence])).toEqual([
      ['identity.WorkspaceApproved', 1],
      ['identity.MemberAdded', 3],
    ]);
    expect(mine[0].envelope).toMatchObject({ specversion: '1.0', source: '/mpp/identity', correlationid: approvalCorrelationId, actor: 'staff-1' });
    expect(mine[1].envelope).toMatchObject({ correlationid: approvalCorrelationId, actor: 'staff-1' });
    // Sign-ups, codes, logins and onboarding ran before this: only identity's public events left the service.
    const thisRun = seen.filter((m) => m.envelope.time >= startedAt).map((m) => m.envelope.type);
    expect(thisRun).toEqual(expect.arrayContaining(['identity.AccountRegistered', 'identity.WorkspaceApproved', 'identity.MemberAdded', 'identity.InvitationAccepted']));
    expect(thisRun.filter((type) => !IDENTITY_PUBLIC_EVENTS.includes(type))).toEqual([]);
    expect(JSON.stringify(seen.filter((m) => m.envelope.time >= startedAt))).not.toMatch(/passwordHash|codeHash|codeCiphertext|secret123/);
  });

  it('parks a malformed message on the dead-letter topic and keeps consuming', async () => {
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'identity.events', messages: [{ key: 'garbage', value: '{"not":"an envelope"}' }] });
    await producer.disconnect();
    // A workspace approved after the garbage still reaches catalog: its ISV can create a service.
    const later = await approvedWorkspace(api, smtp.readMail, staff, 'ISV', 'aftergarbage');
    await eventually(async () => {
      const created = await later.client.post(`/v1/workspaces/${later.workspaceId}/services`, serviceBody(`After the garbage ${later.workspaceId.slice(0, 8)}`));
      return created.status === 201 ? created : undefined;
    }, 30_000, 'catalog knowing the workspace approved after the malformed message');
    const listed = await eventually(async () => {
      const out = await runOps(['dlq', 'list', 'catalog'], opsEnv());
      return out.stdout.includes('specversion must be "1.0"') ? out : undefined;
    }, 30_000, 'the dead letter in `ops dlq list`');
    expect(listed.stdout).toContain('kafka:catalog');
    const id = Number(listed.stdout.split('\n')[1].split('\t')[1]);
    const retry = await runOps(['dlq', 'retry', 'catalog', String(id)], opsEnv());
    expect(retry.code).toBe(4);
    expect(retry.stderr).toContain('still malformed');
  });

  it('lets the operator see status, rebuild the projection while it serves, and print a stream', async () => {
    const { isv, workspaceId, serviceId } = conventions;
    const servicesOf = async () => (await isv.client.get<Page<ServiceView>>(`/v1/workspaces/${workspaceId}/services?limit=100`)).body.items;
    const before = await servicesOf();
    expect(before.map((s) => s.serviceId)).toContain(serviceId);
    const status = await eventually(async () => {
      const out = await runOps(['projections', 'status', 'catalog'], opsEnv());
      return /catalog\tservices\t0\t/.test(out.stdout) ? out : undefined;
    }, 30_000, 'lag 0 in `ops projections status`');
    expect(status.code).toBe(0);

    const rebuilt = await runOps(['projections', 'rebuild', 'catalog', 'services'], opsEnv());
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toContain('rebuilt catalog/services (shadow)');
    expect(await servicesOf()).toEqual(before);

    // The operator's check of a read model: equal to its rebuild; then, with a row altered by hand, the difference.
    const verified = await runOps(['projections', 'verify', 'catalog', 'services'], opsEnv());
    expect([verified.code, verified.stdout]).toEqual([0, expect.stringContaining('verified catalog/services: equal to its rebuild from')]);
    const catalogDb = new Client({ connectionString: databases.template.replace('{service}', 'catalog') });
    await catalogDb.connect();
    try {
      await catalogDb.query(`UPDATE services SET status = 'TAMPERED' WHERE service_id = $1`, [serviceId]);
    } finally {
      await catalogDb.end();
    }
    const tampered = await runOps(['projections', 'verify', 'catalog', 'services'], opsEnv());
    expect(tampered.code).toBe(3);
    expect(tampered.stdout).toMatch(/^services\t\d+ rows\t1 only in the live table, 1 only in the rebuilt one$/m);
    expect(tampered.stdout).toMatch(/^market_services\t\d+ rows\tequal$/m);
    expect(tampered.stdout).toContain('"status":"TAMPERED"');
    expect(tampered.stderr).toContain('catalog/services differs from its rebuild from the log in services');
    expect((await runOps(['projections', 'rebuild', 'catalog', 'services'], opsEnv())).code).toBe(0);
    expect(await servicesOf()).toEqual(before);

    // Read models rebuilt from their logs, each way, are the same rows as the live ones (the market among them).
    const tables: [string, string, string, string][] = [
      ['identity', 'workspace-directory', 'workspace_members', 'workspace_id, account_id'],
      ['identity', 'workspace-applications', 'workspace_applications', 'application_id'],
      ['catalog', 'services', 'market_services', 'service_id'],
      ['catalog', 'services', 'services', 'service_id'],
      ['catalog', 'known-workspaces', 'known_members', 'workspace_id, account_id'],
      ['ordering', 'orders', 'orders', 'order_id'],
      ['ordering', 'orders', 'authorizations', 'authorization_id'],
      ['ordering', 'known-services', 'known_services', 'service_id'],
      ['ordering', 'known-mini-programs', 'known_mini_programs', 'mini_program_id'],
      ['ordering', 'known-workspaces', 'known_members', 'workspace_id, account_id'],
      ['miniprograms', 'mini-programs', 'mini_programs', 'mini_program_id'],
      ['miniprograms', 'mini-programs', 'mini_program_versions', 'mini_program_id, version'],
      ['miniprograms', 'known-workspaces', 'known_members', 'workspace_id, account_id'],
      ['miniprograms', 'granted-authorizations', 'granted_authorizations', 'authorization_id'],
      ['miniprograms', 'templates', 'templates', 'template_id'],
      ['miniprograms', 'template-usage', 'template_usage', 'template_id, mini_program_id'],
      ['miniprograms', 'template-usage', 'template_ext_configs', 'mini_program_id'],
      ['miniprograms', 'template-services', 'template_services', 'service_id'],
      ['catalog', 'known-templates', 'known_templates', 'template_id'],
      ['miniprograms', 'batch-jobs', 'batch_jobs', 'job_id'],
      ['miniprograms', 'batch-jobs', 'batch_job_items', 'job_id, idx'],
      ['insights', 'ingestion-keys', 'ingestion_keys', 'key_id'],
      ['insights', 'known-mini-programs', 'known_mini_programs', 'mini_program_id'],
      ['insights', 'granted-authorizations', 'granted_authorizations', 'authorization_id'],
      ['insights', 'known-workspaces', 'known_members', 'workspace_id, account_id'],
      ['insights', 'usage-figures', 'usage_daily', 'mini_program_id, host_app, day'],
      ['insights', 'usage-figures', 'usage_daily_visitors', 'mini_program_id, day, visitor'],
      ['insights', 'usage-figures', 'usage_daily_sessions', 'mini_program_id, day, host_app, session_id'],
      ['insights', 'usage-figures', 'usage_first_visits', 'mini_program_id, visitor'],
      ['insights', 'usage-figures', 'usage_daily_pages', 'mini_program_id, host_app, day, page'],
      ['insights', 'usage-figures', 'usage_daily_page_visitors', 'mini_program_id, day, page, visitor'],
    ];
    // Each projection rebuilt once each way, all its tables compared (an ops process per rebuild is the slow part).
    const byProjection = new Map<string, typeof tables>();
    for (const row of tables) byProjection.set(`${row[0]}/${row[1]}`, [...(byProjection.get(`${row[0]}/${row[1]}`) ?? []), row]);
    for (const rows of byProjection.values()) {
      const [service, projection] = rows[0];
      const db = databases.template.replace('{service}', service);
      const snapshot = () => Promise.all(rows.map(([, , table, order]) => tableSnapshot(db, table, order)));
      const live = await snapshot();
      for (const table of live) expect(table.length).toBeGreaterThan(0);
      for (const mode of ['shadow', 'truncate']) {
        const out = await runOps(['projections', 'rebuild', service, projection, '--mode', mode], opsEnv());
        expect(out.code).toBe(0);
        expect(await snapshot()).toEqual(live);
      }
    }

    // An ingestion key from the CLI: printed once, nowhere in the events, its hash in the read model; then revoked.
    const insightsDb = databases.template.replace('{service}', 'insights');
    const issuedByCli = await runOps(['ingestion-keys', 'issue', 'GCASH'], opsEnv());
    const [, keyId, key] = /^key (\S+) for GCASH:\n(mpp_ik_\S+)$/m.exec(issuedByCli.stdout) ?? [];
    expect([issuedByCli.code, key?.length]).toEqual([0, 50]);
    const events = JSON.stringify(await tableSnapshot(insightsDb, 'es_events', 'global_position'));
    expect(events).toContain(keyId);
    expect(events).not.toContain(key);
    const keyRow = async () => (await tableSnapshot(insightsDb, 'ingestion_keys', 'key_id')).find((row) => (row as { key_id: string }).key_id === keyId) as { key_hash: string; revoked_at: string | null } | undefined;
    await eventually(async () => ((await keyRow())?.key_hash === createHash('sha256').update(key).digest('hex') ? true : undefined), 30_000, 'the key in the read model');
    expect((await runOps(['ingestion-keys', 'revoke', 'GCASH', keyId], opsEnv())).code).toBe(0);
    await eventually(async () => ((await keyRow())?.revoked_at ? true : undefined), 30_000, 'the key revoked in the read model');
    const unknownApp = await runOps(['ingestion-keys', 'issue', 'NOT_AN_APP'], opsEnv());
    expect([unknownApp.code, unknownApp.stderr]).toEqual([4, expect.stringContaining('no host app NOT_AN_APP')]);

    // Raw usage events past their 90 days: none yet, and the command says so.
    const expired = await runOps(['usage', 'drop-expired'], opsEnv());
    expect([expired.code, expired.stdout.trim()]).toEqual([0, 'no day of usage events is past retention']);

    // More staff from the CLI: the account signs in as a reviewer at once.
    const staff = await runOps(['staff', 'add', 'second.reviewer@mpp.local', '--password', 'review456'], opsEnv());
    expect(staff.stdout).toContain('is REVIEWER');
    const second = await api.post<{ accessToken: string }>('/v1/sessions', { login: 'second.reviewer@mpp.local', password: 'review456' });
    expect((await api.as(second.body.accessToken).get('/v1/review/workspace-applications')).status).toBe(200);
    expect((await runOps(['staff', 'add', 'x@mpp.local', '--role', 'KING'], opsEnv())).code).not.toBe(0);

    const stream = await runOps(['stream', `Service-${serviceId}`], opsEnv());
    expect(stream.stdout.split('\n').filter(Boolean).map((line) => line.split('\t')[2])).toEqual([
      'catalog.ServiceCreated', 'catalog.ServiceEdited', 'catalog.ServiceSubmitted', 'catalog.ServiceWithdrawn',
    ]);
    const unknown = await runOps(['stream', 'Service-nope'], opsEnv());
    expect(unknown.code).toBe(4);
    const badArgument = await runOps(['projections', 'rebuild', 'billing', 'x'], opsEnv());
    expect(badArgument.code).not.toBe(0);
    expect(badArgument.stderr).toContain('must be one of identity, catalog, ordering, miniprograms, insights');
  }, 300_000);

  it('refuses to boot on missing or wrong configuration, naming the variable', async () => {
    const gateway = await runBuiltApp('dist/apps/gateway/main.js', [], { JWT_SECRET: '', KAFKA_BROKERS: brokers, PORT: '0' });
    expect(gateway.code).toBe(78);
    expect(gateway.stderr).toContain('JWT_SECRET');
    const service = await runBuiltApp('dist/apps/catalog/main.js', [], { DATABASE_URL: 'mysql://nope', KAFKA_BROKERS: brokers });
    expect(service.code).toBe(78);
    expect(service.stderr).toContain('DATABASE_URL must be a postgres or postgresql URL');
    const port = await runBuiltApp('dist/apps/gateway/main.js', [], { JWT_SECRET, KAFKA_BROKERS: brokers, PORT: 'eighty' });
    expect(port.stderr).toContain('PORT must be a whole number');
  });
});
