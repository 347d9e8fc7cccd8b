import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ServiceView } from '@mpp/contracts';
import { Page } from '@mpp/platform';
import { accountJourney, archiveFromMarket, batchJobJourney, catalogJourney, gatewayConventionsJourney, ingestionKeysJourney, orderingJourney, statisticsJourney, platformJourney, templatesJourney, uiAssetsJourney, workspaceJourney, webhooksJourney, developerCliJourney, tracesJourney, startOtlpReceiver, OtlpReceiver, ApiClient, eventually, freePort, runOps, standaloneCommand, startWebhookReceiver } from '@mpp/testing';

const JWT_SECRET = 'standalone-e2e-secret-of-sufficient-length';

/** Every standalone process a test started: all are stopped at the end, even one a timed-out test left. */
const started = new Set<ChildProcess>();
/** What each of them has printed so far (stdout and stderr). */
const outputs = new Map<ChildProcess, () => string>();

/** Starts `npm start`'s process (the built standalone) and waits for its start-up line. */
async function startStandalone(dataDir: string, port: number, env: Record<string, string> = {}): Promise<ChildProcess> {
  const command = standaloneCommand();
  const child = spawn(process.execPath, command.args, {
    env: { ...process.env, ...command.env, DATA_DIR: dataDir, PORT: String(port), JWT_SECRET, LOG_LEVEL: 'warn', PLATFORM_BOOTSTRAP_REVIEWER: 'reviewer@mpp.local:review123', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.add(child);
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  outputs.set(child, () => output);
  await eventually(async () => (output.includes('is running') ? true : child.exitCode !== null ? Promise.reject(new Error(output)) : undefined), 120_000, 'standalone start-up');
  expect(output).toContain(`http://localhost:${port}/docs`);
  return child;
}

/** Stops a standalone as Ctrl-C or a supervisor does (SIGTERM); its exit code. */
const stop = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });

describe('standalone (one process, PGlite, in-process transport)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mpp-standalone-'));
  let port: number;
  let child: ChildProcess;
  let api: ApiClient;
  let traces: OtlpReceiver;

  beforeAll(async () => {
    port = await freePort();
    // Exporting every span of every test to a real OTLP receiver, as to a collector.
    traces = await startOtlpReceiver();
    child = await startStandalone(dataDir, port, { OTEL_EXPORTER_OTLP_ENDPOINT: traces.endpoint, OTEL_BSP_SCHEDULE_DELAY: '200' });
    api = new ApiClient(`http://127.0.0.1:${port}`);
  });
  afterAll(async () => {
    await Promise.all([...started].map(stop));
    await traces.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves health, docs and metrics', async () => {
    expect((await api.get('/health/live')).status).toBe(200);
    expect((await api.get('/health/ready')).status).toBe(200);
    // The docs and the metrics are served beside the API, not part of its document.
    const openapi = await api.unchecked.get<{ openapi: string; paths: Record<string, unknown> }>('/docs/openapi.json');
    expect(openapi.body.openapi).toMatch(/^3\./);
    expect(Object.keys(openapi.body.paths)).toEqual(expect.arrayContaining(['/v1/services/{id}', '/v1/services/{id}/withdraw']));
    expect((await api.unchecked.get('/docs')).status).toBe(200);
    const metrics = String((await api.unchecked.get('/metrics')).body);
    expect(metrics).toContain('http_request_duration_seconds');
    // Every service of the process reports its projections' lag there.
    for (const service of ['identity', 'catalog', 'ordering', 'miniprograms', 'insights', 'integrations']) expect(metrics).toMatch(new RegExp(`^mpp_projection_lag_events\\{service="${service}",`, 'm'));
    const asyncapi = await api.unchecked.get<{ asyncapi: string; channels: Record<string, unknown> }>('/docs/asyncapi.json');
    expect(asyncapi.body.asyncapi).toBe('3.0.0');
    expect(Object.keys(asyncapi.body.channels).length).toBeGreaterThan(0);
  });

  it('follows an order confirmation sent with a traceparent in one trace, from the gateway through ordering to miniprograms read model', async () => {
    const readMail = async (to: string) =>
      (await api.get<{ items: { subject: string; text: string }[] }>(`/v1/dev/mailbox?to=${encodeURIComponent(to)}`)).body.items;
    const reviewer = await api.post<{ accessToken: string }>('/v1/sessions', { login: 'reviewer@mpp.local', password: 'review123' });
    const { spans } = await tracesJourney(api, readMail, api.as(reviewer.body.accessToken), traces, () => 'mpp-standalone');
    // Its log lines carry the trace's ids.
    const logged = outputs.get(child)?.() ?? '';
    expect(spans.length).toBeGreaterThan(5);
    expect(logged.length === 0 || !logged.includes('"trace_id":""')).toBe(true);
  });

  it('signs a user up with a mailed code and takes the account through sign-in, refresh, logout, lockout and reset', async () => {
    const readMail = async (to: string) =>
      (await api.get<{ items: { subject: string; text: string }[] }>(`/v1/dev/mailbox?to=${encodeURIComponent(to)}`)).body.items;
    const { client } = await accountJourney(api, readMail);
    expect((await client.get('/v1/me')).status).toBe(200);
    const reviewer = await api.post<{ accessToken: string }>('/v1/sessions', { login: 'reviewer@mpp.local', password: 'review123' });
    expect((await api.as(reviewer.body.accessToken).get('/v1/me')).body).toMatchObject({ platformRoles: ['REVIEWER'] });
  });

  it('onboards an ISV (application, rejection, reapplication with a logo, approval, invitations) whose service goes through review to the market', async () => {
    const readMail = async (to: string) =>
      (await api.get<{ items: { subject: string; text: string }[] }>(`/v1/dev/mailbox?to=${encodeURIComponent(to)}`)).body.items;
    const reviewer = await api.post<{ accessToken: string }>('/v1/sessions', { login: 'reviewer@mpp.local', password: 'review123' });
    const isv = await workspaceJourney(api, readMail, api.as(reviewer.body.accessToken));
    const { serviceId, merchant } = await catalogJourney(api, readMail, api.as(reviewer.body.accessToken), { workspaceId: isv.workspaceId, client: isv.owner.client });
    await archiveFromMarket(isv.owner.client, merchant.client, serviceId);
  });

  let ordered: Awaited<ReturnType<typeof orderingJourney>> | undefined;

  it('takes an order from placement to COMPLETED with its authorization enforced by miniprograms, and every refusal on the way', async () => {
    const readMail = async (to: string) =>
      (await api.get<{ items: { subject: string; text: string }[] }>(`/v1/dev/mailbox?to=${encodeURIComponent(to)}`)).body.items;
    const reviewer = await api.post<{ accessToken: string }>('/v1/sessions', { login: 'reviewer@mpp.local', password: 'review123' });
    ordered = await orderingJourney(api, readMail, api.as(reviewer.body.accessToken));
  });

  it('runs the whole platform: onboarding, an order, a version uploaded, configured, reviewed, released in gray, and the closure that ends the ISV\'s access', async () => {
    const readMail = async (to: string) =>
      (await api.get<{ items: { subject: string; text: string }[] }>(`/v1/dev/mailbox?to=${encodeURIComponent(to)}`)).body.items;
    const reviewer = await api.post<{ accessToken: string }>('/v1/sessions', { login: 'reviewer@mpp.local', password: 'review123' });
    await platformJourney(api, readMail, api.as(reviewer.body.accessToken));
  });

  it('serves twenty merchants from one template: batch apply, a batch submission paused by the quota, expedite, gray then full release', async () => {
    const readMail = async (to: string) =>
      (await api.get<{ items: { subject: string; text: string }[] }>(`/v1/dev/mailbox?to=${encodeURIComponent(to)}`)).body.items;
    const reviewer = await api.post<{ accessToken: string }>('/v1/sessions', { login: 'reviewer@mpp.local', password: 'review123' });
    const operator = await runOps(['token', '--account', 'operator-1', '--roles', 'OPERATOR'], { JWT_SECRET });
    expect(operator.code).toBe(0);
    await templatesJourney(api, readMail, api.as(reviewer.body.accessToken), api.as(operator.stdout.trim()));
  }, 600_000);

  it('gives a mini program an icon and screenshots, checked by their bytes and read back the same', async () => {
    const readMail = async (to: string) =>
      (await api.get<{ items: { subject: string; text: string }[] }>(`/v1/dev/mailbox?to=${encodeURIComponent(to)}`)).body.items;
    const reviewer = await api.post<{ accessToken: string }>('/v1/sessions', { login: 'reviewer@mpp.local', password: 'review123' });
    await uiAssetsJourney(api, readMail, api.as(reviewer.body.accessToken));
  });

  it('lets a platform operator issue a host app an ingestion key, shown once, and revoke it', async () => {
    const operator = await runOps(['token', '--account', 'operator-1', '--roles', 'OPERATOR'], { JWT_SECRET });
    expect(operator.code).toBe(0);
    const reviewer = await api.post<{ accessToken: string }>('/v1/sessions', { login: 'reviewer@mpp.local', password: 'review123' });
    await ingestionKeysJourney(api, api.as(operator.stdout.trim()), api.as(reviewer.body.accessToken));
  });

  it('counts a host app\'s usage: each event answered on its own, the figures to the unit, readers by scope, a repeat counted once', async () => {
    const readMail = async (to: string) =>
      (await api.get<{ items: { subject: string; text: string }[] }>(`/v1/dev/mailbox?to=${encodeURIComponent(to)}`)).body.items;
    const operator = await runOps(['token', '--account', 'operator-1', '--roles', 'OPERATOR'], { JWT_SECRET });
    expect(operator.code).toBe(0);
    const reviewer = await api.post<{ accessToken: string }>('/v1/sessions', { login: 'reviewer@mpp.local', password: 'review123' });
    await statisticsJourney(api, readMail, api.as(reviewer.body.accessToken), api.as(operator.stdout.trim()));
  });

  it('runs a batch job across an ISV\'s authorized mini programs: a dry run, then the submissions, each refused as its single request would be', async () => {
    const readMail = async (to: string) =>
      (await api.get<{ items: { subject: string; text: string }[] }>(`/v1/dev/mailbox?to=${encodeURIComponent(to)}`)).body.items;
    const reviewer = await api.post<{ accessToken: string }>('/v1/sessions', { login: 'reviewer@mpp.local', password: 'review123' });
    await batchJobJourney(api, readMail, api.as(reviewer.body.accessToken));
  });

  it('tells a merchant and its ISV of an order and a version review by signed webhooks, retried after a 500, and by their event feeds', async () => {
    const readMail = async (to: string) =>
      (await api.get<{ items: { subject: string; text: string }[] }>(`/v1/dev/mailbox?to=${encodeURIComponent(to)}`)).body.items;
    const reviewer = await api.post<{ accessToken: string }>('/v1/sessions', { login: 'reviewer@mpp.local', password: 'review123' });
    const receiver = await startWebhookReceiver();
    try {
      await webhooksJourney(api, readMail, api.as(reviewer.body.accessToken), receiver);
    } finally {
      await receiver.close();
    }
  });

  it('takes a folder to a released version with the mpp CLI, and lets a CI upload with an upload key from its allowed addresses only', async () => {
    const readMail = async (to: string) =>
      (await api.get<{ items: { subject: string; text: string }[] }>(`/v1/dev/mailbox?to=${encodeURIComponent(to)}`)).body.items;
    const reviewer = await api.post<{ accessToken: string }>('/v1/sessions', { login: 'reviewer@mpp.local', password: 'review123' });
    await developerCliJourney(api, readMail, api.as(reviewer.body.accessToken));
  });

  it('holds to the gateway conventions on a catalog service, and the operator rebuilds its projection to the same list', async () => {
    const readMail = async (to: string) =>
      (await api.get<{ items: { subject: string; text: string }[] }>(`/v1/dev/mailbox?to=${encodeURIComponent(to)}`)).body.items;
    // The token a front-end developer gets from the operator CLI: the reviewer who approves the ISV's workspace.
    const minted = await runOps(['token', '--account', 'staff-1', '--roles', 'REVIEWER'], { JWT_SECRET });
    expect(minted.code).toBe(0);
    const staff = api.as(minted.stdout.trim());
    const { isv, workspaceId, serviceId } = await gatewayConventionsJourney(api, readMail, staff);
    // The ISV's services, catalog's `services` read model, before its rebuild.
    const servicesOf = async () => (await isv.client.get<Page<ServiceView>>(`/v1/workspaces/${workspaceId}/services?limit=100`)).body.items;
    const before = await servicesOf();
    expect(before.map((s) => s.serviceId)).toContain(serviceId);
    // The orders read model, as both parties see it, before its rebuild.
    const ordersOf = async () =>
      ordered ? [(await ordered.merchant.client.get(`/v1/workspaces/${ordered.merchant.workspaceId}/orders?limit=100`)).body, (await ordered.isv.client.get(`/v1/authorizations?limit=100`)).body] : [];
    const ordersBefore = await ordersOf();

    // PGlite serves one process at a time: the CLI refuses while standalone runs, and works once it stops.
    const refused = await runOps(['projections', 'status', 'catalog'], { DATA_DIR: dataDir });
    expect(refused.code).toBe(78);
    expect(refused.stderr).toContain('DATA_DIR');
    // A clean stop: the gateway, then the runners, then the databases; nothing logged at error level, exit 0.
    const printedBefore = outputs.get(child)!().length;
    expect(await stop(child)).toBe(0);
    const printedOnStop = outputs.get(child)!().slice(printedBefore);
    expect(printedOnStop).not.toMatch(/"level":(50|60)/);
    expect(printedOnStop).not.toContain('PGlite is closed');
    for (const mode of ['truncate', 'shadow']) {
      const orders = await runOps(['projections', 'rebuild', 'ordering', 'orders', '--mode', mode], { DATA_DIR: dataDir });
      expect(orders.code).toBe(0);
      const rebuilt = await runOps(['projections', 'rebuild', 'catalog', 'services', '--mode', mode], { DATA_DIR: dataDir });
      expect(rebuilt.code).toBe(0);
      expect(rebuilt.stderr).toMatch(/100% \| (\d+)\/\1 events/); // the progress bar, complete
      expect(rebuilt.stdout).toMatch(new RegExp(`rebuilt catalog/services \\(${mode}\\): \\d+ events`));
    }
    // Every projection of a service at once, each log read once for all of them.
    const all = await runOps(['projections', 'rebuild', 'ordering'], { DATA_DIR: dataDir });
    expect(all.code).toBe(0);
    for (const projection of ['orders', 'known-services', 'known-mini-programs']) expect(all.stdout).toMatch(new RegExp(`rebuilt ordering/${projection} \\(shadow\\): \\d+ events`));
    const stream = await runOps(['stream', `Service-${serviceId}`], { DATA_DIR: dataDir });
    expect(stream.stdout).toMatch(new RegExp(`^1\\t.*\\tcatalog\\.ServiceCreated\\tactor=${isv.accountId}\\t`, 'm'));
    expect(stream.stdout).toMatch(new RegExp(`^4\\t.*\\tcatalog\\.ServiceWithdrawn\\tactor=${isv.accountId}\\t`, 'm'));
    const workspace = await runOps(['stream', `Workspace-${workspaceId}`], { DATA_DIR: dataDir });
    expect(workspace.stdout).toMatch(/^1\t.*\tidentity\.WorkspaceApproved\tactor=staff-1\t/m);

    child = await startStandalone(dataDir, port);
    expect(await servicesOf()).toEqual(before);
    expect(await ordersOf()).toEqual(ordersBefore);
  });
});

describe('standalone on a data directory of the earlier layout (one database per service)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mpp-standalone-earlier-'));
  afterAll(async () => {
    await Promise.all([...started].map(stop));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('copies every service\'s data into the one database at start, keeps the old databases aside, and starts with nothing lost', async () => {
    // The earlier code's layout, made by that code path (kept runnable to measure against): DATA_DIR/<service>.
    const port = await freePort();
    let child = await startStandalone(dataDir, port, { STANDALONE_LAYOUT: 'database-per-service' });
    const api = new ApiClient(`http://127.0.0.1:${port}`);
    const readMail = async (to: string) => (await api.get<{ items: { subject: string; text: string }[] }>(`/v1/dev/mailbox?to=${encodeURIComponent(to)}`)).body.items;
    const reviewer = await api.post<{ accessToken: string }>('/v1/sessions', { login: 'reviewer@mpp.local', password: 'review123' });
    const { merchant, isv } = await orderingJourney(api, readMail, api.as(reviewer.body.accessToken));
    const readable = async () => [
      (await merchant.client.get(`/v1/workspaces/${merchant.workspaceId}/orders?limit=100`)).body,
      (await isv.client.get(`/v1/authorizations?limit=100`)).body,
      (await merchant.client.get(`/v1/workspaces/${merchant.workspaceId}/mini-programs?limit=100`)).body,
      (await merchant.client.get('/v1/market/services?limit=100')).body,
    ];
    const before = await readable();
    expect(await stop(child)).toBe(0);
    for (const service of ['identity', 'catalog', 'ordering', 'miniprograms', 'insights', 'integrations']) expect(existsSync(path.join(dataDir, service, 'PG_VERSION'))).toBe(true);

    child = await startStandalone(dataDir, port);
    const output = outputs.get(child)!();
    expect(output).toContain('earlier layout');
    expect(await readable()).toEqual(before);
    // The copy is the store itself: new events go on after the old ones, and a new sign-in works.
    expect((await api.post('/v1/sessions', { login: 'reviewer@mpp.local', password: 'review123' })).status).toBe(201);
    expect(existsSync(path.join(dataDir, 'pglite', 'PG_VERSION'))).toBe(true);
    for (const service of ['identity', 'ordering']) {
      expect(existsSync(path.join(dataDir, service))).toBe(false);
      expect(existsSync(path.join(dataDir, 'four-database-layout', service, 'PG_VERSION'))).toBe(true);
    }
    expect(await stop(child)).toBe(0);

    // Once copied, a start is an ordinary one.
    child = await startStandalone(dataDir, port);
    expect(outputs.get(child)!()).not.toContain('earlier layout');
    expect(await readable()).toEqual(before);
  }, 300_000);
});
