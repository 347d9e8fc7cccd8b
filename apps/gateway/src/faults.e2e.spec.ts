import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { Client } from 'pg';
import { SERVICES } from '@mpp/contracts';
import { launchCluster, RunningCluster } from '@mpp/runtime';
import { signAccessToken } from '@mpp/platform';
import {
  ApiClient,
  eventually,
  approvedWorkspace,
  freePort,
  freePortBase,
  miniProgram,
  onlineService,
  PatientClient,
  repoRoot,
  runOps,
  ScratchServer,
  startScratchKafka,
  startScratchPostgres,
  startSmtpCatcher,
  tableSnapshot,
  Violation,
} from '@mpp/testing';

// `npm run test:faults` runs this at full scale (FAULT_JOURNEYS=12); `npm test` at CI scale.
const JOURNEYS = Number(process.env.FAULT_JOURNEYS ?? 6);
const SEED = Number(process.env.FAULT_SEED ?? Date.now() % 100_000);
const JWT_SECRET = 'faults-e2e-secret-of-sufficient-length!!';
/** The gateway gives up on a service after REQUEST_TIMEOUT_MS (10 s): an answer later than this is a hang. */
const HANG_MS = 15_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** When each fault strikes (1-4 s after the last recovery), drawn by fast-check: the same FAULT_SEED, the same points. */
const faultDelays = (seed: number) => fc.sample(fc.integer({ min: 1_000, max: 4_000 }), { seed, numRuns: 8 });

/** Every item of a list, page by page. */
async function everyItem<T>(client: PatientClient, path: string): Promise<T[]> {
  const items: T[] = [];
  for (let cursor: string | undefined = ''; cursor !== undefined; ) {
    const page: { body: { items: T[]; nextCursor?: string | null } } = await client.read(`${path}${path.includes('?') ? '&' : '?'}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...page.body.items);
    cursor = page.body.nextCursor ?? undefined;
  }
  return items;
}

interface Acked {
  journey: number;
  name: string;
  miniProgramId?: string;
  orderId?: string;
  accepted?: boolean;
  authorizationId?: string;
  domain?: string;
}

interface Measured {
  fault: string;
  /** From the fault (kill, stop) until every probe was served again. */
  unavailableMs: number;
  /** From the part's return (the process started again, the broker or database back) until served. */
  afterReturnMs: number;
  /** How many answers clients should never have seen, counted up to this fault's recovery. */
  violations: number;
}

describe('faults: kill -9 of every app, the broker and PostgreSQL restarted, under concurrent journeys', () => {
  let postgres: ScratchServer;
  let kafka: ScratchServer;
  let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
  // Each app's last warnings and errors, shown when a part does not recover: why is in them, and a CI run keeps no
  // logs. Kept per app: the gateway's warnings about refused requests would otherwise crowd out the silent service's.
  const TROUBLE_KEPT = 15;
  const appTrouble = new Map<string, string[]>();
  const troubleReport = () => [...appTrouble.values()].flat().join('\n');
  let cluster: RunningCluster;
  const blobDir = mkdtempSync(path.join(tmpdir(), 'mpp-faults-blobs-'));
  const databaseUrl = (service: string) => postgres.address.replace('{database}', `mpp_${service}`);

  beforeAll(async () => {
    [postgres, kafka, smtp] = await Promise.all([startScratchPostgres(), startScratchKafka(), startSmtpCatcher()]);
    const admin = new Client({ connectionString: postgres.address.replace('{database}', 'postgres') });
    await admin.connect();
    for (const service of SERVICES) await admin.query(`CREATE DATABASE mpp_${service}`);
    await admin.end();
    cluster = await launchCluster({
      root: repoRoot,
      databaseUrlTemplate: postgres.address.replace('{database}', 'mpp_{service}'),
      kafkaBrokers: kafka.address,
      gatewayPort: await freePort(),
      healthPortBase: await freePortBase(SERVICES.length),
      jwtSecret: JWT_SECRET,
      // Its broker comes from scripts/kafka.sh, which allows the short request sessions compose also uses.
      env: { LOG_LEVEL: process.env.FAULT_APP_LOG_LEVEL ?? 'warn', KAFKA_REQUEST_SESSION_TIMEOUT_MS: process.env.KAFKA_REQUEST_SESSION_TIMEOUT_MS ?? '3000' },
      appEnv: { identity: { SMTP_URL: smtp.url, PLATFORM_BOOTSTRAP_REVIEWER: 'reviewer@mpp.local:review123' }, gateway: { BLOB_DIR: blobDir } },
      onOutput: (app, line) => {
        if (process.env.E2E_VERBOSE) process.stdout.write(`${app} | ${line}\n`);
        if (!/"level":(40|50|60)/.test(line)) return;
        const kept = appTrouble.get(app) ?? [];
        kept.push(`${app} | ${line.length > 1_500 ? `${line.slice(0, 1_500)}…` : line}`);
        if (kept.length > TROUBLE_KEPT) kept.shift();
        appTrouble.set(app, kept);
      },
      readyTimeoutMs: 180_000,
    });
  });

  afterAll(async () => {
    await cluster?.stop();
    await Promise.all([kafka?.close(), postgres?.close(), smtp?.close()]);
    rmSync(blobDir, { recursive: true, force: true });
  });

  it('loses no acknowledged command, applies none twice, answers only 503 with Retry-After while a part is down, and recovers by itself', async () => {
    const delays = faultDelays(SEED);
    const api = new ApiClient(cluster.gatewayUrl);
    const reviewerToken = (await api.post<{ accessToken: string }>('/v1/sessions', { login: 'reviewer@mpp.local', password: 'review123' })).body.accessToken;
    const reviewer = api.as(reviewerToken);
    const isv = await approvedWorkspace(api, smtp.readMail, reviewer, 'ISV', 'isv');
    const serviceId = await onlineService(isv, reviewer, 'Fault-tolerant builds');
    const merchants: Awaited<ReturnType<typeof approvedWorkspace>>[] = [];
    for (let j = 0; j < JOURNEYS; j++) merchants.push(await approvedWorkspace(api, smtp.readMail, reviewer, 'MERCHANT', `shop${j}`));

    // A host app reporting usage of one of merchant 0's mini programs (insights' probe and its exactly-once check).
    const operator = api.as(await signAccessToken(JWT_SECRET, { accountId: 'operator-1', roles: ['OPERATOR'], expiresInSeconds: 3600 }));
    const ingestionKey = (await operator.post<{ key: string }>('/v1/host-apps/GCASH/ingestion-keys')).body.key;
    const counted = await miniProgram({ workspaceId: merchants[0].workspaceId, client: merchants[0].client }, 'Counted under faults');
    const DAY_MS = 86_400_000;
    const figuresPath = `/v1/mini-programs/${counted}/statistics?from=${new Date(Date.now() - DAY_MS).toISOString().slice(0, 10)}&to=${new Date(Date.now() + DAY_MS).toISOString().slice(0, 10)}` as const;
    await eventually(async () => ((await merchants[0].client.get(figuresPath)).status === 200 ? true : undefined), 60_000, 'insights knowing the mini program');

    const violations: Violation[] = [];
    const client = (token: string) => new PatientClient(cluster.gatewayUrl, token, violations, HANG_MS);
    const isvClient = client(isv.token);
    const acked: Acked[] = [];

    /** Sends a command (new key each time) until it is answered `expected`; a refusal on the way changed nothing. */
    const until = async <T,>(send: () => Promise<{ status: number; body: T }>, expected: number, what: string): Promise<T> => {
      const deadline = Date.now() + 180_000;
      for (;;) {
        const answer = await send();
        if (answer.status === expected) return answer.body;
        if (Date.now() > deadline) throw new Error(`${what}: still ${answer.status} ${JSON.stringify(answer.body)}`);
        await sleep(250);
      }
    };

    let faultsDone = false;
    const journey = async (j: number) => {
      const merchant = merchants[j];
      const me = client(merchant.token);
      for (let round = 0; !faultsDone || round < 2; round++) {
        const record: Acked = { journey: j, name: `Faulty ${j}-${round}` };
        acked.push(record);
        const created = await until(
          () => me.command<{ miniProgramId: string }>('POST', `/v1/workspaces/${merchant.workspaceId}/mini-programs`, { name: record.name, description: 'Made under faults.', category: 'FOOD_AND_BEVERAGE', targetApps: ['GCASH'] }),
          201,
          `mini program ${record.name}`,
        );
        record.miniProgramId = created.miniProgramId;
        const order = await until(() => me.command<{ orderId: string }>('POST', '/v1/orders', { serviceId, miniProgramId: record.miniProgramId }), 201, `order for ${record.name}`);
        record.orderId = order.orderId;
        await until(() => isvClient.command('POST', `/v1/orders/${record.orderId}/accept`), 200, `accept ${record.orderId}`);
        record.accepted = true;
        const confirmed = await until(() => me.command<{ authorizationId: string }>('POST', `/v1/orders/${record.orderId}/confirm`, {}), 200, `confirm ${record.orderId}`);
        record.authorizationId = confirmed.authorizationId;
        const domain = `https://r${j}-${round}.faults.example`;
        await until(() => isvClient.command('PUT', `/v1/mini-programs/${record.miniProgramId}/domains`, { request: [domain] }), 200, `domains of ${record.name}`);
        record.domain = domain;
      }
    };

    // Usage: batches of 20 LAUNCH events, each sent until answered 202 (the same batch again after a lost answer),
    // and each acknowledged batch sent once more on purpose. Every event must be counted once.
    const usageSent = new Set<string>();
    const reporter = client(merchants[0].token);
    const usage = async () => {
      for (let round = 0; !faultsDone || round < 2; round++) {
        const events = Array.from({ length: 20 }, (_, i) => ({
          eventId: randomUUID(),
          miniProgramId: counted,
          type: 'LAUNCH',
          userId: `user-${round}-${i}`,
          sessionId: `session-${round}-${i}`,
          occurredAt: new Date(Date.now() - 1_000).toISOString(),
        }));
        for (let attempt = 0; attempt < 2; attempt++) {
          const answer = await reporter.resend<{ accepted: number; duplicates: number }>('POST', '/v1/collect', { events }, { 'x-ingestion-key': ingestionKey });
          expect([answer.status, answer.body.accepted + answer.body.duplicates]).toEqual([202, events.length]);
          events.forEach((e) => usageSent.add(e.eventId));
        }
        await sleep(200);
      }
    };

    // Probes: a read served by each app, sent every 250 ms without waiting for the last (a request queued while
    // a service was down counts when it is served).
    const probeClient = client(merchants[0].token);
    const ws = merchants[0].workspaceId;
    const PROBES: Record<string, string> = {
      identity: '/v1/me',
      catalog: '/v1/market/services?limit=1',
      ordering: `/v1/workspaces/${ws}/orders?limit=1`,
      miniprograms: `/v1/workspaces/${ws}/mini-programs?limit=1`,
      insights: figuresPath,
      integrations: `/v1/workspaces/${ws}/events?limit=1`,
    };
    const servedAgain = async (paths: string[]): Promise<number> => {
      const served = new Map<string, number>();
      const pending = new Set<Promise<void>>();
      const giveUpAt = Date.now() + 120_000;
      while (served.size < paths.length) {
        if (Date.now() > giveUpAt) {
          throw new Error(`${paths.filter((p) => !served.has(p)).join(', ')} not served again within 120 s; the apps' last warnings and errors:\n${troubleReport()}`);
        }
        for (const path of paths.filter((p) => !served.has(p))) {
          const probe: Promise<void> = probeClient.once('GET', path).then((answer) => {
            if (answer.status === 200 && !served.has(path)) served.set(path, Date.now());
          });
          pending.add(probe);
          void probe.finally(() => pending.delete(probe));
        }
        await sleep(250);
      }
      return Math.max(...served.values());
    };

    const measured: Measured[] = [];
    const line = (m: Measured) =>
      `  ${m.fault.padEnd(28)} unavailable ${String(m.unavailableMs).padStart(6)} ms, served ${String(m.afterReturnMs).padStart(6)} ms after its return; violations so far ${m.violations}\n`;
    const note = (m: Omit<Measured, 'violations'>) => {
      const counted = { ...m, violations: violations.length };
      measured.push(counted);
      process.stdout.write(line(counted));
    };
    const faults = async () => {
      for (const app of ['identity', 'catalog', 'ordering', 'miniprograms', 'insights', 'integrations', 'gateway']) {
        await sleep(delays.shift() ?? 1_000);
        const killedAt = Date.now();
        await cluster.kill(app, 'SIGKILL');
        // Probed from the kill on, and restarted at once, as a supervisor (compose's restart policy, start:cluster)
        // does; a service answers requests before it is ready (its event consumers may still be joining).
        const restartedAt = Date.now();
        const served = servedAgain(app === 'gateway' ? Object.values(PROBES) : [PROBES[app]]);
        await cluster.restart(app);
        const at = await served;
        note({ fault: `kill -9 ${app}`, unavailableMs: at - killedAt, afterReturnMs: at - restartedAt });
      }
      for (const [fault, server, downMs] of [
        ['Kafka broker stopped 10 s', kafka, 10_000],
        ['PostgreSQL restarted', postgres, 0],
      ] as const) {
        await sleep(delays.shift() ?? 1_000);
        const stoppedAt = Date.now();
        await server.stopFor(downMs);
        const backAt = Date.now();
        const at = await servedAgain(Object.values(PROBES));
        note({ fault, unavailableMs: at - stoppedAt, afterReturnMs: at - backAt });
      }
      faultsDone = true;
    };

    const started = Date.now();
    await Promise.all([faults(), usage(), ...merchants.map((_, j) => journey(j))]);
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    process.stdout.write(
      `\nFaults (seed ${SEED}, ${JOURNEYS} journeys, ${acked.length} rounds in ${seconds} s):\n` +
        measured.map(line).join('') +
        `  usage: ${usageSent.size} events acknowledged, each batch sent twice or more\n` +
        `  violations: ${violations.length} ${JSON.stringify(violations.slice(0, 10))}\n`,
    );

    // Clients saw only 503 with Retry-After while something was down: no 500, no hang.
    expect(violations).toEqual([]);

    // Nothing acknowledged was lost, nothing was applied twice.
    for (const [j, merchant] of merchants.entries()) {
      const mine = acked.filter((a) => a.journey === j);
      const owner = client(merchant.token);
      const listed = await everyItem<{ miniProgramId: string; name: string }>(owner, `/v1/workspaces/${merchant.workspaceId}/mini-programs`);
      for (const record of mine) {
        const named = listed.filter((p) => p.name === record.name);
        // Acknowledged: there once. Still unanswered when the run ended: there at most once.
        if (record.miniProgramId) expect([record.name, named.map((p) => p.miniProgramId)]).toEqual([record.name, [record.miniProgramId]]);
        else expect(named.length).toBeLessThanOrEqual(1);
      }
      for (const record of mine.filter((r) => r.authorizationId)) {
        const order = await owner.read<{ status: string; authorizationId?: string }>(`/v1/orders/${record.orderId}`);
        expect(order.body).toMatchObject({ status: 'IN_DEVELOPMENT', authorizationId: record.authorizationId });
        const history = await owner.read<{ items: { type: string }[] }>(`/v1/orders/${record.orderId}/history`);
        const types = history.body.items.map((i) => i.type);
        expect(new Set(types).size).toBe(types.length);
      }
      for (const record of mine.filter((r) => r.domain)) {
        // Cross-service: ordering granted it, miniprograms lets the ISV in and shows what it configured, once.
        const seen = await isvClient.read<{ domains: { request: string[] } }>(`/v1/mini-programs/${record.miniProgramId}`);
        expect([seen.status, seen.body.domains.request]).toEqual([200, [record.domain]]);
        const history = await owner.read<{ items: { type: string }[] }>(`/v1/mini-programs/${record.miniProgramId}/history`);
        const counts = history.body.items.reduce<Record<string, number>>((c, i) => ({ ...c, [i.type]: (c[i.type] ?? 0) + 1 }), {});
        expect(Object.values(counts).every((n) => n === 1)).toBe(true);
      }
    }
    const authorizations = await everyItem<{ status: string }>(isvClient, `/v1/authorizations?workspaceId=${isv.workspaceId}`);
    expect(authorizations.filter((a) => a.status === 'ACTIVE').length).toBe(acked.filter((a) => a.authorizationId).length);

    // Every acknowledged usage event counted once, through every kill and the outages: none lost, none twice.
    const opens = async () => (await client(merchants[0].token).read<{ items: { opens: number }[] }>(figuresPath)).body.items.reduce((n, p) => n + p.opens, 0);
    await eventually(async () => ((await opens()) >= usageSent.size ? true : undefined), 60_000, 'every acknowledged usage event counted');
    expect(await opens()).toBe(usageSent.size);

    // integrations tells each merchant of each acknowledged confirmation once (its feed, through every fault): the
    // order's order.confirmed and authorization.granted there exactly once each, under the events' own ids.
    for (const [j, merchant] of merchants.entries()) {
      const confirmedOrders = acked.filter((a) => a.journey === j && a.authorizationId).map((a) => a.orderId);
      const feedOf = async () => {
        const items: { type: string; data: { orderId?: string } }[] = [];
        for (let after = ''; ; ) {
          const page = await client(merchant.token).read<{ items: typeof items; nextCursor: string }>(`/v1/workspaces/${merchant.workspaceId}/events?limit=100${after ? `&after=${after}` : ''}`);
          items.push(...page.body.items);
          if (page.body.items.length < 100) return items;
          after = page.body.nextCursor;
        }
      };
      const told = (items: Awaited<ReturnType<typeof feedOf>>, type: string) => confirmedOrders.map((orderId) => items.filter((e) => e.type === type && e.data.orderId === orderId).length);
      const feed = await eventually(async () => {
        const items = await feedOf();
        return told(items, 'authorization.granted').every((n) => n >= 1) ? items : undefined;
      }, 60_000, `merchant ${j}'s feed holding every confirmation`);
      for (const type of ['order.confirmed', 'authorization.granted']) expect([type, told(feed, type)]).toEqual([type, confirmedOrders.map(() => 1)]);
    }

    // insights keeps the same authorizations as miniprograms from the same topic, through every fault: none lost,
    // none applied twice.
    const grants = (service: string) => tableSnapshot(databaseUrl(service), 'granted_authorizations', 'authorization_id');
    await eventually(async () => (JSON.stringify(await grants('insights')) === JSON.stringify(await grants('miniprograms')) ? true : undefined), 60_000, 'insights holding the authorizations miniprograms holds');
    expect((await grants('insights')).length).toBeGreaterThan(0);

    // Every read model rebuilt from the log equals the live one.
    const tables: [string, string, string, string][] = [
      ['ordering', 'orders', 'orders', 'order_id'],
      ['ordering', 'orders', 'authorizations', 'authorization_id'],
      ['ordering', 'known-mini-programs', 'known_mini_programs', 'mini_program_id'],
      ['miniprograms', 'mini-programs', 'mini_programs', 'mini_program_id'],
      ['miniprograms', 'granted-authorizations', 'granted_authorizations', 'authorization_id'],
      ['catalog', 'services', 'services', 'service_id'],
      ['identity', 'workspace-directory', 'workspace_members', 'workspace_id, account_id'],
      ['insights', 'granted-authorizations', 'granted_authorizations', 'authorization_id'],
      ['insights', 'known-mini-programs', 'known_mini_programs', 'mini_program_id'],
      ['insights', 'usage-figures', 'usage_daily', 'mini_program_id, host_app, day'],
      ['insights', 'usage-figures', 'usage_daily_visitors', 'mini_program_id, day, visitor'],
      ['integrations', 'workspace-events', 'workspace_events', 'workspace_id, seq'],
    ];
    const opsEnv = { DATABASE_URL_TEMPLATE: postgres.address.replace('{database}', 'mpp_{service}') };
    for (const [service, projection, table, order] of tables) {
      const live = await tableSnapshot(databaseUrl(service), table, order);
      const out = await runOps(['projections', 'rebuild', service, projection, '--mode', 'shadow'], opsEnv);
      expect([service, projection, out.code]).toEqual([service, projection, 0]);
      expect(await tableSnapshot(databaseUrl(service), table, order)).toEqual(live);
    }
  }, 900_000);
});
