/*
 * Ordering benchmark: `npm run bench:ordering`, in the cluster (every app its own process, Kafka, PostgreSQL).
 *
 * Set-up (not measured): BENCH_MERCHANTS (100) merchant and BENCH_ISVS (4) ISV workspaces appended to identity's
 * store by identity's own workspace decider (as approvals write them; identity.events carries them to the others),
 * then through the gateway each ISV's development service taken ONLINE by a reviewer and one mini program per
 * merchant. Tokens are minted with the cluster's JWT secret (no sign-ups: scrypt would measure identity).
 *
 * Measured: BENCH_ORDERS (400) orders, BENCH_CONCURRENCY (8) at a time after BENCH_WARMUP (16), each driven to
 * COMPLETED through the gateway as its two parties would: place (merchant), accept (ISV), confirm (merchant), wait
 * until miniprograms holds the ACTIVE authorization, request closure (ISV), approve the closure (merchant). Each
 * command's latency as the client sees it; the orders completed per second; and the Kafka propagation of the
 * authorization: from the confirm's answer until the row is in miniprograms' granted_authorizations (the read
 * model every ISV request is checked against), polled every BENCH_POLL_MS (2) on miniprograms' database.
 * Baselines in the same run and at the same concurrency: GET /health/live (the gateway alone) and GET
 * /v1/orders/{id} (a read through Kafka to ordering and back, no write). At the end every order must be COMPLETED
 * and its authorization ENDED in ordering's read model, or the figures are refused.
 *
 * Tracing's cost: the whole run is repeated for each mode of BENCH_TRACING (off,on), each on a fresh cluster:
 * `off` with OTEL_SDK_DISABLED=true, `on` with a sampler of 1.0 (every request traced) exporting over OTLP/HTTP to a
 * receiver in this process (a local collector that accepts and counts the spans). The figure compared is the CPU
 * the cluster (gateway, services, PostgreSQL, Kafka) spends per order, read from /proc; the target is at most 10 %
 * more with tracing on.
 *
 * Whichever mode ran first used to cost ~30 % more (a cold broker creating its topics, a cold page cache), so with
 * both modes the measured rounds follow a warm-up round (tracing off, BENCH_WARM_ORDERS orders, not counted) on the
 * same broker, and BENCH_ROUNDS (4) rounds alternate the order of the modes (off,on / on,off / ...), so drift in the
 * machine's load falls on both. Each round gives a ratio on/off. The figure is the median over pairs of rounds (one of
 * each order) of the pair's mean ratio: the cluster launched first in a round has cost more whichever mode it ran, by
 * up to 20 %, so a round alone measures the order as much as the mode; a pair holds each mode once in each place.
 */
import http from 'node:http';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { startOtlpReceiver } from '@mpp/testing';
import { benchParties, cleanups, clusterCpuProbe, count, cpuBetween, httpRequest, launchBenchCluster, MACHINE, percentile, retrying, runBench, sleep, until } from './bench-cluster';
import { envInt, forEachConcurrent, log, median, printTable, ResultRow } from './bench-util';

const MERCHANTS = envInt('BENCH_MERCHANTS', 100);
const ISVS = envInt('BENCH_ISVS', 4);
const ORDERS = envInt('BENCH_ORDERS', 400);
const WARMUP = envInt('BENCH_WARMUP', 16);
const CONCURRENCY = envInt('BENCH_CONCURRENCY', 8);
const POLL_MS = envInt('BENCH_POLL_MS', 2);
const BASELINE_REQUESTS = envInt('BENCH_BASELINE_REQUESTS', 2000);
const APP_LOG_LEVEL = process.env.LOG_LEVEL ?? 'warn';
const TIMEOUT_MS = 30_000;
const STEPS = ['place', 'accept', 'confirm', 'closure-request', 'approve'] as const;
const TRACING = (process.env.BENCH_TRACING ?? 'off,on').split(',').map((m) => m.trim()) as TracingMode[];
const ROUNDS = envInt('BENCH_ROUNDS', 4);
const WARM_ORDERS = envInt('BENCH_WARM_ORDERS', 200);
type TracingMode = 'off' | 'on';
type Step = (typeof STEPS)[number];

async function main(): Promise<void> {
  const environment = [`${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}; client, apps, PostgreSQL and Kafka share them`];
  log('Ordering benchmark (npm run bench:ordering)');
  log(`settings: BENCH_ORDERS=${ORDERS}, BENCH_ROUNDS=${ROUNDS}, BENCH_WARM_ORDERS=${WARM_ORDERS}, BENCH_WARMUP=${WARMUP}, BENCH_CONCURRENCY=${CONCURRENCY}, BENCH_MERCHANTS=${MERCHANTS}, BENCH_ISVS=${ISVS}, BENCH_POLL_MS=${POLL_MS}, BENCH_BASELINE_REQUESTS=${BASELINE_REQUESTS}, BENCH_TRACING=${TRACING.join(',')}, apps' LOG_LEVEL=${APP_LOG_LEVEL}`);
  const collector = await startOtlpReceiver();
  cleanups.push(() => collector.close());
  const tracingEnv = (mode: TracingMode): Record<string, string> =>
    // Set both ways explicitly: the apps inherit this process's environment.
    mode === 'on'
      ? { OTEL_SDK_DISABLED: 'false', OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: '', OTEL_TRACES_SAMPLER: 'always_on' }
      : { OTEL_SDK_DISABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: '' };
  const run = async (mode: TracingMode, orders: number): Promise<Used & { spans: number }> => {
    const spansBefore = collector.spans.length;
    const used = await measure(mode, tracingEnv(mode), environment, orders);
    const spans = collector.spans.length - spansBefore;
    if ((mode === 'on') !== spans > 0) throw new Error(`tracing ${mode} exported ${spans} spans: the mode did not take effect`);
    if (spans > 0) {
      // Which spans there are per order: what tracing's cost is made of.
      const kinds = new Map<string, number>();
      for (const span of collector.spans.slice(spansBefore)) kinds.set(`${span.service} ${span.name}`, (kinds.get(`${span.service} ${span.name}`) ?? 0) + 1);
      const top = [...kinds].sort((x, y) => y[1] - x[1]).slice(0, 15);
      log(`   spans per order (of ${orders + WARMUP} orders): ${(spans / (orders + WARMUP)).toFixed(1)}; the 15 most frequent of ${kinds.size} kinds: ${top.map(([kind, n]) => `${kind} ${(n / (orders + WARMUP)).toFixed(1)}`).join('; ')}`);
    }
    // The spans are only counted: keep the receiver's memory flat across runs.
    collector.spans.length = 0;
    return { ...used, spans };
  };
  if (TRACING.length < 2) {
    await run(TRACING[0], ORDERS);
    return;
  }
  log(`== Warm-up round (tracing off, ${WARM_ORDERS} orders, not counted): the broker makes its topics, the page cache fills`);
  await run('off', WARM_ORDERS);
  const rounds: { order: TracingMode[]; used: Map<TracingMode, Used & { spans: number }> }[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? TRACING : [...TRACING].reverse();
    const used = new Map<TracingMode, Used & { spans: number }>();
    for (const mode of order) used.set(mode, await run(mode, ORDERS));
    rounds.push({ order, used });
  }
  const f = (v: number) => v.toFixed(1);
  const pct = (ratio: number) => `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(1)} %`;
  const summary = (values: number[], format: (v: number) => string) => `${format(median(values))} (${format(Math.min(...values))} – ${format(Math.max(...values))})`;
  log(`== Tracing: CPU per order driven to COMPLETED, ${ROUNDS} rounds after a warm-up round, same run`);
  log('  cluster = gateway + services + PostgreSQL + Kafka; apps = gateway + services (from /proc)');
  for (const [i, { order, used }] of rounds.entries()) {
    const off = used.get('off')!;
    const on = used.get('on')!;
    log(
      `  round ${i + 1} (${order.join(', ')}): off ${f(off.perOrderMs)} / apps ${f(off.appsPerOrderMs)} ms; on ${f(on.perOrderMs)} / apps ${f(on.appsPerOrderMs)} ms ` +
        `(${on.spans} spans); on/off cluster ${pct(on.perOrderMs / off.perOrderMs)}, apps ${pct(on.appsPerOrderMs / off.appsPerOrderMs)}`,
    );
  }
  const of = (mode: TracingMode, pick: (u: Used) => number) => rounds.map((r) => pick(r.used.get(mode)!));
  const ratios = (pick: (u: Used) => number) => rounds.map((r) => pick(r.used.get('on')!) / pick(r.used.get('off')!));
  // Rounds 1+2, 3+4, ...: each pair runs off first once and on first once (an odd last round stays out of the pairs).
  const pairs = (pick: (u: Used) => number) => {
    const each = ratios(pick);
    return Array.from({ length: Math.floor(each.length / 2) }, (_, i) => (each[2 * i] + each[2 * i + 1]) / 2);
  };
  const rows: ResultRow[] = [
    { backend: 'cluster, tracing off', figure: 'CPU per order, cluster (apps)', value: `${summary(of('off', (u) => u.perOrderMs), f)} ms (${summary(of('off', (u) => u.appsPerOrderMs), f)} ms)`, target: '' },
    { backend: 'cluster, tracing on', figure: 'CPU per order, cluster (apps)', value: `${summary(of('on', (u) => u.perOrderMs), f)} ms (${summary(of('on', (u) => u.appsPerOrderMs), f)} ms)`, target: '' },
    { backend: 'on against off', figure: 'more CPU per order, cluster, median of rounds', value: summary(ratios((u) => u.perOrderMs), pct), target: '' },
    { backend: 'on against off', figure: 'more CPU per order, apps only, median of rounds', value: summary(ratios((u) => u.appsPerOrderMs), pct), target: '' },
    ...(ROUNDS >= 2
      ? [
          { backend: 'on against off', figure: `more CPU per order, cluster, median of ${Math.floor(ROUNDS / 2)} balanced pairs`, value: summary(pairs((u) => u.perOrderMs), pct), target: '≤ +10 %', pass: median(pairs((u) => u.perOrderMs)) <= 1.1 },
          { backend: 'on against off', figure: `more CPU per order, apps only, median of ${Math.floor(ROUNDS / 2)} balanced pairs`, value: summary(pairs((u) => u.appsPerOrderMs), pct), target: '' },
        ]
      : []),
  ];
  printTable(rows);
}

interface Used {
  /** Gateway, services, PostgreSQL and Kafka. */
  perOrderMs: number;
  /** Gateway and services only. */
  appsPerOrderMs: number;
  machinePerOrderMs: number;
}

/** One run on a fresh cluster with the apps' tracing set by `tracing`; the CPU the cluster spent per measured order. */
async function measure(mode: TracingMode, tracing: Record<string, string>, environment: string[], orders: number): Promise<Used> {
  log(`== cluster, tracing ${mode}: every app its own process (launchCluster), Kafka, PostgreSQL`);
  const bench = await launchBenchCluster({ logLevel: APP_LOG_LEVEL, environment, env: tracing });
  const { jwtSecret, gatewayPort, databaseUrl } = bench;
  const { db, token, parties, approve } = benchParties(jwtSecret, databaseUrl);
  const identitySql = db('identity');
  const orderingSql = db('ordering');
  const miniprogramsSql = db('miniprograms');
  const merchants = await parties(MERCHANTS);
  const isvs = await parties(ISVS);
  const reviewer = await token('bench-reviewer', ['REVIEWER']);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY * 2 });
  cleanups.push(() => agent.destroy());
  const call = async <T>(method: string, path: string, tokenOf: string | undefined, body?: unknown, expected = [200, 201]): Promise<T> => {
    const reply = await httpRequest(agent, gatewayPort, method, path, { token: tokenOf, body, timeoutMs: TIMEOUT_MS });
    if (!expected.includes(reply.status)) throw new Error(`${method} ${path}: ${reply.status} ${reply.body.slice(0, 300)}`);
    return (reply.body ? JSON.parse(reply.body) : undefined) as T;
  };
  const probe = await clusterCpuProbe(bench, 'ordering');

  // --- Set-up, not measured.
  const setupStarted = performance.now();
  await approve(identitySql, [...merchants.map((party, i) => ({ party, type: 'MERCHANT' as const, name: `Bench shop ${i}` })), ...isvs.map((party, i) => ({ party, type: 'ISV' as const, name: `Bench studio ${i}` }))]);
  const serviceIds = await Promise.all(
    isvs.map(async (isv, i) => {
      const body = { name: `Bench builds ${i}`, industry: 'RETAIL', type: 'MINI_PROGRAM_DEVELOPMENT', description: 'We build mini programs.', images: ['https://img.example/1.png'], applicableApps: ['GCASH'], payment: { model: 'QUOTE' } };
      const { serviceId } = await retrying('catalog knowing the ISV', () => call<{ serviceId: string }>('POST', `/v1/workspaces/${isv.workspaceId}/services`, isv.token, body));
      await call('POST', `/v1/services/${serviceId}/submit`, isv.token);
      await call('POST', `/v1/review/services/${serviceId}/approve`, reviewer);
      return serviceId;
    }),
  );
  const programIds: string[] = [];
  await forEachConcurrent([...merchants.keys()], CONCURRENCY, async (i) => {
    const m = merchants[i];
    const body = { name: `Bench program ${i}`, description: 'Order ahead.', category: 'RETAIL', targetApps: ['GCASH'] };
    programIds[i] = (await retrying('miniprograms knowing the merchant', () => call<{ miniProgramId: string }>('POST', `/v1/workspaces/${m.workspaceId}/mini-programs`, m.token, body))).miniProgramId;
  });
  await until('ordering knowing every workspace, service and mini program', async () =>
    (await count(orderingSql, `SELECT count(*) AS n FROM known_members`)) >= MERCHANTS + ISVS &&
    (await count(orderingSql, `SELECT count(*) AS n FROM known_services`)) >= ISVS &&
    (await count(orderingSql, `SELECT count(*) AS n FROM known_mini_programs`)) >= MERCHANTS,
  );
  log(`   set up in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s: ${MERCHANTS} merchants with a mini program each, ${ISVS} ISVs with an ONLINE development service`);

  // --- One order, driven to COMPLETED. Order i: mini program i % MERCHANTS with service i % ISVS, so no two in flight share a pair.
  const latencies: Record<Step, number[]> = { place: [], accept: [], confirm: [], 'closure-request': [], approve: [] };
  const propagation: number[] = [];
  const propagationFromRequest: number[] = [];
  /** Each measured order with its merchant's token, for the read baseline. */
  const placed: [orderId: string, token: string][] = [];
  const drive = async (i: number, measured: boolean) => {
    const merchant = merchants[i % MERCHANTS];
    const isv = isvs[i % ISVS];
    const timed = async <T>(step: Step, work: () => Promise<T>): Promise<T> => {
      const started = performance.now();
      const result = await work();
      if (measured) latencies[step].push(performance.now() - started);
      return result;
    };
    const { orderId } = await timed('place', () => call<{ orderId: string }>('POST', '/v1/orders', merchant.token, { serviceId: serviceIds[i % ISVS], miniProgramId: programIds[i % MERCHANTS] }));
    await timed('accept', () => call('POST', `/v1/orders/${orderId}/accept`, isv.token));
    const confirmSent = performance.now();
    const { authorizationId } = await timed('confirm', () => call<{ authorizationId: string }>('POST', `/v1/orders/${orderId}/confirm`, merchant.token, {}));
    const confirmAnswered = performance.now();
    for (;;) {
      const { rows } = await miniprogramsSql.query(`SELECT 1 FROM granted_authorizations WHERE authorization_id = $1 AND status = 'ACTIVE'`, [authorizationId], { name: 'bench-granted' });
      if (rows.length) break;
      if (performance.now() - confirmAnswered > TIMEOUT_MS) throw new Error(`miniprograms did not see authorization ${authorizationId} in ${TIMEOUT_MS / 1000} s`);
      await sleep(POLL_MS);
    }
    if (measured) {
      propagation.push(performance.now() - confirmAnswered);
      propagationFromRequest.push(performance.now() - confirmSent);
      placed.push([orderId, merchant.token]);
    }
    await timed('closure-request', () => call('POST', `/v1/orders/${orderId}/closure-request`, isv.token));
    await timed('approve', () => call('POST', `/v1/orders/${orderId}/closure-request/approve`, merchant.token));
  };
  await forEachConcurrent(Array.from({ length: WARMUP }, (_, i) => i), CONCURRENCY, (i) => drive(i, false));
  log(`   ${WARMUP} warm-up orders done; measuring ${orders} orders at concurrency ${CONCURRENCY}...`);
  const started = performance.now();
  const cpuBefore = await probe();
  await forEachConcurrent(Array.from({ length: orders }, (_, i) => WARMUP + i), CONCURRENCY, (i) => drive(i, true));
  const cpuUsed = cpuBetween(cpuBefore, await probe());
  const wallMs = performance.now() - started;
  const cpuMs = (parts: (part: string) => boolean) => [...cpuUsed].filter(([part]) => parts(part)).reduce((sum, [, seconds]) => sum + seconds * 1000, 0);
  const clusterCpuMs = cpuMs((part) => part !== MACHINE);
  const appsCpuMs = cpuMs((part) => part !== MACHINE && part !== 'kafka' && part !== 'postgres');

  // Every measured order COMPLETED and its authorization ENDED, in ordering's read model.
  await until('ordering\'s read model showing every order COMPLETED', async () => (await count(orderingSql, `SELECT count(*) AS n FROM orders WHERE status = 'COMPLETED'`)) >= orders + WARMUP);
  const completed = await count(orderingSql, `SELECT count(*) AS n FROM orders WHERE status = 'COMPLETED'`);
  const ended = await count(orderingSql, `SELECT count(*) AS n FROM authorizations WHERE status = 'ENDED'`);

  // The propagation taken apart, from the times the two databases recorded: ordering's append of AuthorizationGranted
  // → miniprograms' inbox (relay, Kafka, consumer); the rest is the inbox projection.
  const grantedAt = new Map<string, number>();
  const { rows: appended } = await orderingSql.query<{ id: string; at: Date }>(
    `SELECT data->>'authorizationId' AS id, recorded_at AS at FROM es_events WHERE type = 'ordering.AuthorizationGranted'`,
  );
  for (const r of appended) grantedAt.set(r.id, r.at.getTime());
  const { rows: arrived } = await miniprogramsSql.query<{ id: string; at: Date }>(
    `SELECT data->>'authorizationId' AS id, recorded_at AS at FROM inbox_events WHERE type = 'ordering.AuthorizationGranted'`,
  );
  const kafkaHop = arrived.filter((r) => grantedAt.has(r.id)).map((r) => r.at.getTime() - grantedAt.get(r.id)!);

  // --- Baselines at the same concurrency, same run.
  const baseline = async (request: (i: number) => [path: string, token?: string]) => {
    const samples: number[] = [];
    await forEachConcurrent(Array.from({ length: BASELINE_REQUESTS }, (_, i) => i), CONCURRENCY, async (i) => {
      const [path, tokenOf] = request(i);
      const t0 = performance.now();
      await call('GET', path, tokenOf);
      samples.push(performance.now() - t0);
    });
    return samples;
  };
  const health = await baseline(() => ['/health/live']);
  const reads = await baseline((i) => {
    const [orderId, merchantToken] = placed[i % placed.length];
    return [`/v1/orders/${orderId}`, merchantToken];
  });

  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const commands = orders * STEPS.length;
  log('');
  log('== Environment');
  for (const line of environment) log(`  ${line}`);
  log('');
  log(`== Tracing ${mode}: ${orders} orders placed and driven to COMPLETED through the gateway, concurrency ${CONCURRENCY}`);
  log(`  CPU of the cluster ${(clusterCpuMs / orders).toFixed(1)} ms per order (${[...cpuUsed].map(([part, seconds]) => `${part} ${seconds.toFixed(1)} s`).join(', ')})`);
  log(`  wall time ${(wallMs / 1000).toFixed(1)} s: ${((orders * 1000) / wallMs).toFixed(1)} orders/s completed, ${((commands * 1000) / wallMs).toFixed(1)} commands/s`);
  for (const step of STEPS) log(`  ${step.padEnd(16)} p50 ${ms(percentile(latencies[step], 50)).padStart(9)}   p99 ${ms(percentile(latencies[step], 99)).padStart(9)}`);
  log(`  read model at the end: ${completed} orders COMPLETED, ${ended} authorizations ENDED (of ${orders + WARMUP})`);
  log('');
  log(`== Authorization propagation: confirm → ordering.events (Kafka) → miniprograms' inbox → granted_authorizations (polled every ${POLL_MS} ms)`);
  log(`  from the confirm's answer   p50 ${ms(percentile(propagation, 50))}, p99 ${ms(percentile(propagation, 99))}, max ${ms(Math.max(...propagation))}`);
  log(`  from the confirm's request  p50 ${ms(percentile(propagationFromRequest, 50))}, p99 ${ms(percentile(propagationFromRequest, 99))}`);
  log(`  of which ordering's append → miniprograms' inbox (relay, Kafka, consumer; database clocks): p50 ${ms(percentile(kafkaHop, 50))}, p99 ${ms(percentile(kafkaHop, 99))}`);
  log('');
  log(`== Baselines, same run, concurrency ${CONCURRENCY}, ${BASELINE_REQUESTS} requests each`);
  log(`  GET /health/live (gateway only)          p50 ${ms(percentile(health, 50))}, p99 ${ms(percentile(health, 99))}`);
  log(`  GET /v1/orders/{id} (Kafka → ordering)   p50 ${ms(percentile(reads, 50))}, p99 ${ms(percentile(reads, 99))}`);
  log('');
  const rows: ResultRow[] = [
    { backend: `cluster, tracing ${mode}`, figure: 'orders driven to COMPLETED per second', value: ((orders * 1000) / wallMs).toFixed(1), target: '' },
    ...STEPS.map((step) => ({ backend: `cluster, tracing ${mode}`, figure: `${step} p50 / p99`, value: `${ms(percentile(latencies[step], 50))} / ${ms(percentile(latencies[step], 99))}`, target: '' })),
    { backend: `cluster, tracing ${mode}`, figure: 'confirm → miniprograms sees it, p50 / p99', value: `${ms(percentile(propagation, 50))} / ${ms(percentile(propagation, 99))}`, target: '' },
    { backend: `cluster, tracing ${mode}`, figure: 'baseline GET /health/live p50 / p99', value: `${ms(percentile(health, 50))} / ${ms(percentile(health, 99))}`, target: '' },
    { backend: `cluster, tracing ${mode}`, figure: 'baseline GET /v1/orders/{id} p50 / p99', value: `${ms(percentile(reads, 50))} / ${ms(percentile(reads, 99))}`, target: '' },
  ];
  log('== Results');
  printTable(rows);
  if (completed < orders + WARMUP || ended < orders + WARMUP) {
    log(`\nnot every order reached COMPLETED with its authorization ENDED: the figures are not valid`);
    process.exitCode = 1;
  }
  log('');
  await bench.cluster.stop();
  return { perOrderMs: clusterCpuMs / orders, appsPerOrderMs: appsCpuMs / orders, machinePerOrderMs: ((cpuUsed.get(MACHINE) ?? 0) * 1000) / orders };
}

runBench('bench:ordering', main);
