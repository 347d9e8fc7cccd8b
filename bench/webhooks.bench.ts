/*
 * Webhooks benchmark: `npm run bench:webhooks`, in the cluster (every app its own process, Kafka, PostgreSQL).
 *
 * Set-up (not measured): BENCH_ENDPOINTS (100) merchant workspaces, each with a webhook for order.placed on a local
 * HTTP receiver this process runs (http://127.0.0.1, so integrations runs with WEBHOOK_ALLOW_PRIVATE_NETWORKS=true);
 * BENCH_PROGRAMS (2) mini programs per merchant; BENCH_ISVS (4) ISVs with BENCH_SERVICES (12) ONLINE services each,
 * so that no two orders share a mini program and a service.
 *
 * Measured, at each of BENCH_RATES (50, 100, 200) a second in turn: orders placed through the gateway, open loop (each
 * sent when it is due, whatever the answers), for BENCH_SECONDS (20) after BENCH_WARMUP_SECONDS (5) at the same rate. Each order.placed
 * event is delivered to its merchant's endpoint. For each: the latency from the command's answer (201) to the
 * receiver's arrival of its delivery; next to it, in the same run, the Kafka propagation of the same event: from the
 * command's answer to its arrival on ordering.events, read by a consumer of this process. Deliveries per second over
 * the window, and every delivery must arrive (none lost, duplicates counted).
 */
import { createServer } from 'node:http';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Kafka, logLevel } from 'kafkajs';
import { BenchParty, benchParties, cleanups, count, httpRequest, launchBenchCluster, percentile, retrying, runBench, sleep, until } from './bench-cluster';
import { envInt, envInts, forEachConcurrent, log } from './bench-util';

const ENDPOINTS = envInt('BENCH_ENDPOINTS', 100);
const PROGRAMS = envInt('BENCH_PROGRAMS', 2);
const ISVS = envInt('BENCH_ISVS', 4);
const SERVICES_PER_ISV = envInt('BENCH_SERVICES', 12);
const RATES = envInts('BENCH_RATES', '50,100,200');
const SECONDS = envInt('BENCH_SECONDS', 20);
const WARMUP_SECONDS = envInt('BENCH_WARMUP_SECONDS', 5);
const APP_LOG_LEVEL = process.env.LOG_LEVEL ?? 'warn';
const TIMEOUT_MS = 30_000;

/** One order placed in the measured window: when its answer came, when its event reached Kafka and the receiver. */
interface Placed {
  answeredAt: number;
  onKafkaAt?: number;
  deliveredAt?: number;
  deliveries: number;
}

async function main(): Promise<void> {
  const environment = [`${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}; client, receiver, apps, PostgreSQL and Kafka share them`];
  log('Webhooks benchmark (npm run bench:webhooks)');
  log(`settings: BENCH_RATES=${RATES.join(',')}/s, BENCH_SECONDS=${SECONDS}, BENCH_WARMUP_SECONDS=${WARMUP_SECONDS}, BENCH_ENDPOINTS=${ENDPOINTS}, BENCH_PROGRAMS=${PROGRAMS}, BENCH_ISVS=${ISVS}, BENCH_SERVICES=${SERVICES_PER_ISV}, apps' LOG_LEVEL=${APP_LOG_LEVEL}`);
  const orders = (WARMUP_SECONDS + SECONDS) * RATES.reduce((a, b) => a + b, 0);
  if (orders > ENDPOINTS * PROGRAMS * ISVS * SERVICES_PER_ISV) throw new Error(`${orders} orders need as many (mini program, service) pairs; raise BENCH_PROGRAMS or BENCH_SERVICES`);

  // The receiver: every delivery's arrival, by the order it tells of.
  const placed = new Map<string, Placed>();
  const arrivals = new Map<string, { at: number; count: number }>();
  let received = 0;
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = performance.now();
      received++;
      const orderId = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data: { orderId: string } }).data.orderId;
      // Kept by order even when it comes before the command's answer has reached this process.
      const arrival = arrivals.get(orderId);
      if (arrival) arrival.count++;
      else arrivals.set(orderId, { at, count: 1 });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => receiver.close(() => resolve())));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

  log('== cluster: every app its own process (launchCluster), Kafka, PostgreSQL');
  const { jwtSecret, gatewayPort, databaseUrl, kafka } = await launchBenchCluster({ logLevel: APP_LOG_LEVEL, environment, appEnv: { integrations: { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' } } });
  const { db, token, parties, approve } = benchParties(jwtSecret, databaseUrl);
  const identitySql = db('identity');
  const orderingSql = db('ordering');
  const integrationsSql = db('integrations');
  const merchants = await parties(ENDPOINTS);
  const isvs = await parties(ISVS);
  const reviewer = await token('bench-reviewer', ['REVIEWER']);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  cleanups.push(() => agent.destroy());
  const call = async <T>(method: string, path: string, tokenOf: string | undefined, body?: unknown): Promise<T> => {
    const reply = await httpRequest(agent, gatewayPort, method, path, { token: tokenOf, body, timeoutMs: TIMEOUT_MS });
    if (reply.status >= 300) throw new Error(`${method} ${path}: ${reply.status} ${reply.body.slice(0, 300)}`);
    return (reply.body ? JSON.parse(reply.body) : undefined) as T;
  };

  // --- Set-up, not measured.
  const setupStarted = performance.now();
  await approve(identitySql, [...merchants.map((party, i) => ({ party, type: 'MERCHANT' as const, name: `Hooked shop ${i}` })), ...isvs.map((party, i) => ({ party, type: 'ISV' as const, name: `Hooked studio ${i}` }))]);
  const serviceIds: string[] = [];
  await forEachConcurrent(Array.from({ length: ISVS * SERVICES_PER_ISV }, (_, i) => i), 8, async (i) => {
    const isv = isvs[i % ISVS];
    const body = { name: `Hooked builds ${i}`, industry: 'RETAIL', type: 'MINI_PROGRAM_DEVELOPMENT', description: 'We build mini programs.', images: ['https://img.example/1.png'], applicableApps: ['GCASH'], payment: { model: 'QUOTE' } };
    const { serviceId } = await retrying('catalog knowing the ISV', () => call<{ serviceId: string }>('POST', `/v1/workspaces/${isv.workspaceId}/services`, isv.token, body));
    await call('POST', `/v1/services/${serviceId}/submit`, isv.token);
    await call('POST', `/v1/review/services/${serviceId}/approve`, reviewer);
    serviceIds[i] = serviceId;
  });
  const programs: { merchant: BenchParty; miniProgramId: string }[] = [];
  await forEachConcurrent(Array.from({ length: ENDPOINTS * PROGRAMS }, (_, i) => i), 8, async (i) => {
    const merchant = merchants[i % ENDPOINTS];
    const body = { name: `Hooked program ${i}`, description: 'Order ahead.', category: 'RETAIL', targetApps: ['GCASH'] };
    const { miniProgramId } = await retrying('miniprograms knowing the merchant', () => call<{ miniProgramId: string }>('POST', `/v1/workspaces/${merchant.workspaceId}/mini-programs`, merchant.token, body));
    programs[i] = { merchant, miniProgramId };
  });
  await forEachConcurrent(merchants, 8, async (m) => {
    await retrying('integrations knowing the merchant', () => call('POST', `/v1/workspaces/${m.workspaceId}/webhooks`, m.token, { url: `${receiverUrl}/${m.workspaceId}`, eventTypes: ['order.placed'] }));
  });
  await until('ordering knowing every service and mini program, integrations every endpoint', async () =>
    (await count(orderingSql, `SELECT count(*) AS n FROM known_services`)) >= ISVS * SERVICES_PER_ISV &&
    (await count(orderingSql, `SELECT count(*) AS n FROM known_mini_programs`)) >= ENDPOINTS * PROGRAMS &&
    (await count(integrationsSql, `SELECT count(*) AS n FROM webhook_endpoints`)) >= ENDPOINTS,
  );
  log(`   set up in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s: ${ENDPOINTS} merchants with ${PROGRAMS} mini programs and a webhook each, ${ISVS * SERVICES_PER_ISV} ONLINE services`);

  // The Kafka baseline: this process reads ordering.events and notes when each order's OrderPlaced arrives.
  const kafkaEarly = new Map<string, number>();
  const consumer = new Kafka({ clientId: 'bench-webhooks', brokers: kafka.brokers.split(','), logLevel: logLevel.NOTHING }).consumer({ groupId: `bench-webhooks-${randomUUID()}` });
  await consumer.connect();
  cleanups.push(() => consumer.disconnect());
  await consumer.subscribe({ topic: 'ordering.events', fromBeginning: false });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const at = performance.now();
      const envelope = JSON.parse(message.value?.toString('utf8') ?? '{}') as { type?: string; data?: { orderId?: string } };
      if (envelope.type !== 'ordering.OrderPlaced' || !envelope.data?.orderId) return;
      const order = placed.get(envelope.data.orderId);
      if (order) order.onKafkaAt ??= at;
      else kafkaEarly.set(envelope.data.orderId, at);
    },
  });
  await sleep(3_000);

  const ms = (v: number) => `${v.toFixed(1)} ms`;
  log('');
  log('== Environment');
  for (const line of environment) log(`  ${line}`);
  const pairs = (i: number) => ({ program: programs[i % programs.length], serviceId: serviceIds[Math.floor(i / programs.length) % serviceIds.length] });
  let next = 0;
  // Each rate in turn, on the same cluster: an open loop (order i sent at start + i / rate, whatever came back before).
  for (const rate of RATES) {
    const total = (WARMUP_SECONDS + SECONDS) * rate;
    const commandMs: number[] = [];
    const measuredIds: string[] = [];
    let refused = 0;
    const started = performance.now();
    const measureFrom = started + WARMUP_SECONDS * 1000;
    const inFlight = new Set<Promise<void>>();
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const { program, serviceId } = pairs(next++);
      const sentAt = performance.now();
      const sending: Promise<void> = call<{ orderId: string }>('POST', '/v1/orders', program.merchant.token, { serviceId, miniProgramId: program.miniProgramId })
        .then(({ orderId }) => {
          const answeredAt = performance.now();
          placed.set(orderId, { answeredAt, deliveries: 0 });
          if (sentAt >= measureFrom) {
            commandMs.push(answeredAt - due);
            measuredIds.push(orderId);
          }
        })
        .catch((error: unknown) => {
          if (refused++ < 3) log(`   refused: ${error instanceof Error ? error.message : String(error)}`);
        })
        .finally(() => inFlight.delete(sending));
      inFlight.add(sending);
    }
    await Promise.all(inFlight);
    const sendMs = performance.now() - started;
    // Every measured order's delivery arrives (or the figures are refused).
    await until('every measured delivery at the receiver', async () => measuredIds.every((id) => arrivals.has(id)), 300_000);
    const measured = measuredIds.map((id) => {
      const order = placed.get(id) as Placed;
      const arrival = arrivals.get(id) as { at: number; count: number };
      return { ...order, deliveredAt: arrival.at, deliveries: arrival.count, onKafkaAt: order.onKafkaAt ?? kafkaEarly.get(id) };
    });
    const deliveryMs = measured.map((o) => (o.deliveredAt as number) - o.answeredAt);
    const kafkaMs = measured.filter((o) => o.onKafkaAt !== undefined).map((o) => (o.onKafkaAt as number) - o.answeredAt);
    const windowStart = Math.min(...measured.map((o) => o.deliveredAt as number));
    const windowEnd = Math.max(...measured.map((o) => o.deliveredAt as number));
    const duplicates = measured.reduce((n, o) => n + o.deliveries - 1, 0);

    // The delivery's path taken apart, from the times the databases recorded (one clock): ordering's append of
    // OrderPlaced → integrations' inbox (relay, Kafka, consumer) → its delivery made (the feed's projection, the
    // fan-out) → its first attempt begun (the dispatcher's claim).
    const hops = { kafka: [] as number[], feedAndFanOut: [] as number[], claim: [] as number[] };
    const measuredSet = new Set(measuredIds);
    const appendedAt = new Map((await orderingSql.query<{ id: string; at: Date }>(`SELECT data->>'orderId' AS id, recorded_at AS at FROM es_events WHERE type = 'ordering.OrderPlaced'`)).rows.map((r) => [r.id, r.at.getTime()]));
    const { rows: path } = await integrationsSql.query<{ id: string; inbox: Date; made: Date; tried: Date }>(
      `SELECT i.data->>'orderId' AS id, i.recorded_at AS inbox, d.created_at AS made, (SELECT min(a.at) FROM webhook_delivery_attempts a WHERE a.delivery_id = d.delivery_id) AS tried
         FROM inbox_events i JOIN webhook_deliveries d ON d.event_id = i.event_id::text WHERE i.type = 'ordering.OrderPlaced'`,
    );
    for (const r of path.filter((p) => measuredSet.has(p.id) && appendedAt.has(p.id))) {
      hops.kafka.push(r.inbox.getTime() - (appendedAt.get(r.id) as number));
      hops.feedAndFanOut.push(r.made.getTime() - r.inbox.getTime());
      hops.claim.push(r.tried.getTime() - r.made.getTime());
    }

    log('');
    log(`== ${rate}/s offered: ${measured.length} orders placed (open loop) for ${SECONDS} s after ${WARMUP_SECONDS} s of warm-up; ${refused} refused`);
    log(`  sent in ${(sendMs / 1000).toFixed(1)} s (${((total * 1000) / sendMs).toFixed(0)}/s); POST /v1/orders from when due: p50 ${ms(percentile(commandMs, 50))}, p99 ${ms(percentile(commandMs, 99))}`);
    log(`  deliveries of the measured orders: ${measured.length} to ${ENDPOINTS} endpoints, ${(measured.length / ((windowEnd - windowStart) / 1000)).toFixed(0)}/s over their window; ${duplicates} duplicates`);
    log(`  from the command's answer to the receiver (webhook)  p50 ${ms(percentile(deliveryMs, 50))}, p99 ${ms(percentile(deliveryMs, 99))}, max ${ms(Math.max(...deliveryMs))}   target p99 <= 1000 ms: ${percentile(deliveryMs, 99) <= 1000 ? 'PASS' : 'MISS'}`);
    log(`  from the command's answer to ordering.events (Kafka), baseline  p50 ${ms(percentile(kafkaMs, 50))}, p99 ${ms(percentile(kafkaMs, 99))} (${kafkaMs.length} of ${measured.length} seen)`);
    log('  the path taken apart (database clocks):');
    log(`    ordering's append -> integrations' inbox      p50 ${ms(percentile(hops.kafka, 50))}, p99 ${ms(percentile(hops.kafka, 99))}`);
    log(`    inbox -> delivery made (feed + fan-out)       p50 ${ms(percentile(hops.feedAndFanOut, 50))}, p99 ${ms(percentile(hops.feedAndFanOut, 99))}`);
    log(`    delivery made -> first attempt (claim)        p50 ${ms(percentile(hops.claim, 50))}, p99 ${ms(percentile(hops.claim, 99))}`);
    await sleep(3_000);
  }
  log(`\n${received} requests received in all`);
}

runBench('bench:webhooks', main);
