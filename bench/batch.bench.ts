/*
 * Batch-job benchmark: `npm run bench:batch`, in the cluster (every app its own process, Kafka, PostgreSQL).
 *
 * Set-up (not measured): BENCH_ITEMS (1000) merchant workspaces and one ISV appended to identity's store by
 * identity's own decider; then through the gateway: the ISV's template with a published version, its template
 * service ONLINE, one mini program per merchant, each ordered, accepted and confirmed (the authorization), each
 * mini program's ext config stored, and the ISV's review quota raised by an operator.
 *
 * Measured, on the same mini programs, each against its baseline in the same run:
 *   APPLY_TEMPLATE  a job of BENCH_ITEMS items (version 1.0.0)   vs  the same command one by one,
 *                   POST .../versions/from-template (version 1.0.1), BENCH_IN_FLIGHT (10) at a time;
 *   RELEASE         a job releasing the approved 1.0.0 everywhere vs  POST .../versions/1.0.1/release one by one
 *                   (between the two, not measured: each version submitted by a job and approved by a reviewer).
 * While each job runs, GET /v1/batch-jobs/{id} is read back to back (one in flight): its latency percentiles.
 * At the end every mini program must show 1.0.1 online and every job item SUCCEEDED, or the figures are refused.
 * CPU per item of each part (from /proc: gateway, miniprograms, the other services, Kafka, PostgreSQL, the whole
 * machine) says where a job's time goes, next to the same figures one by one.
 */
import http from 'node:http';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { miniProgramPackage, storeTemplateSchema, versionForm } from '@mpp/testing';
import { benchParties, cleanups, clusterCpuProbe, count, cpuBetween, httpRequest, launchBenchCluster, MACHINE, percentile, perServiceCpuProbe, retrying, runBench, settled, until } from './bench-cluster';
import { envInt, forEachConcurrent, log, printTable, ResultRow } from './bench-util';

const ITEMS = envInt('BENCH_ITEMS', 1000);
const IN_FLIGHT = envInt('BENCH_IN_FLIGHT', 10);
const SETUP_CONCURRENCY = envInt('BENCH_SETUP_CONCURRENCY', 16);
const APP_LOG_LEVEL = process.env.LOG_LEVEL ?? 'warn';
const TIMEOUT_MS = 30_000;

interface Job {
  jobId: string;
  status: string;
  counts: { pending: number; running: number; succeeded: number; failed: number; skipped: number };
}

async function main(): Promise<void> {
  const environment = [`${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}; client, apps, PostgreSQL and Kafka share them`];
  log('Batch-job benchmark (npm run bench:batch)');
  log(`settings: BENCH_ITEMS=${ITEMS}, BENCH_IN_FLIGHT=${IN_FLIGHT}, BENCH_SETUP_CONCURRENCY=${SETUP_CONCURRENCY}, apps' LOG_LEVEL=${APP_LOG_LEVEL}`);
  log('== cluster: every app its own process (launchCluster), Kafka, PostgreSQL');
  const bench = await launchBenchCluster({ logLevel: APP_LOG_LEVEL, environment });
  const { jwtSecret, gatewayPort, gatewayUrl, databaseUrl } = bench;
  const { db, token, parties, approve } = benchParties(jwtSecret, databaseUrl, 7200);
  const identitySql = db('identity');
  const coarse = await clusterCpuProbe(bench, 'miniprograms');
  const byService = await perServiceCpuProbe(bench);
  // Both splits in one probe: the coarse one for the summary, the per-service one (its names end in " db" or are a service's) for where the rest goes.
  const probe = async () => new Map([...(await coarse()), ...[...(await byService())].map(([name, pids]) => [`· ${name}`, pids] as const)]);
  /** Each measured phase starts once the last one's events are fanned out (settled), so it is charged only with its own. */
  const settleWaits: number[] = [];
  const quiet = async () => settleWaits.push(await settled(probe));
  /** CPU used by each part while `work` ran. */
  const measuredCpu = async <T>(work: () => Promise<T>): Promise<{ result: T; cpu: Map<string, number> }> => {
    await quiet();
    const before = await probe();
    const result = await work();
    return { result, cpu: cpuBetween(before, await probe()) };
  };
  const orderingSql = db('ordering');
  const merchants = await parties(ITEMS);
  const [isv] = await parties(1);
  const reviewer = await token('bench-reviewer', ['REVIEWER']);
  const operator = await token('bench-operator', ['OPERATOR']);
  const agent = new http.Agent({ keepAlive: true, maxSockets: SETUP_CONCURRENCY * 2 });
  cleanups.push(() => agent.destroy());
  const call = async <T>(method: string, path: string, tokenOf: string | undefined, body?: unknown, expected = [200, 201, 202]): Promise<T> => {
    const reply = await httpRequest(agent, gatewayPort, method, path, { token: tokenOf, body, timeoutMs: TIMEOUT_MS });
    if (!expected.includes(reply.status)) throw new Error(`${method} ${path}: ${reply.status} ${reply.body.slice(0, 300)}`);
    return (reply.body ? JSON.parse(reply.body) : undefined) as T;
  };

  // --- Set-up, not measured.
  const setupStarted = performance.now();
  await approve(identitySql, [...merchants.map((party, i) => ({ party, type: 'MERCHANT' as const, name: `Bench shop ${i}` })), { party: isv, type: 'ISV', name: 'Bench template studio' }]);
  const template = { name: 'Bench cafe', description: 'A cafe in a box.', category: 'FOOD_AND_BEVERAGE', targetApps: ['GCASH'], extSchema: storeTemplateSchema };
  const { templateId } = await retrying('miniprograms knowing the ISV', () => call<{ templateId: string }>('POST', `/v1/workspaces/${isv.workspaceId}/templates`, isv.token, template));
  const templatePackage = await miniProgramPackage('bench-template');
  for (const version of ['1.0.0', '1.0.1']) {
    const uploaded = await fetch(`${gatewayUrl}/v1/templates/${templateId}/versions`, { method: 'POST', headers: { authorization: `Bearer ${isv.token}` }, body: versionForm(version, `Template ${version}`, templatePackage) });
    if (uploaded.status !== 201) throw new Error(`template version upload: ${uploaded.status} ${await uploaded.text()}`);
    await call('POST', `/v1/templates/${templateId}/versions/${version}/publish`, isv.token);
  }
  const serviceBody = { name: 'Bench cafe template', industry: 'FOOD_AND_BEVERAGE', type: 'MINI_PROGRAM_TEMPLATE', templateId, description: 'Cafes from a template.', images: ['https://img.example/1.png'], applicableApps: ['GCASH'], payment: { model: 'FREE' } };
  const { serviceId } = await retrying('catalog knowing the ISV', () => call<{ serviceId: string }>('POST', `/v1/workspaces/${isv.workspaceId}/services`, isv.token, serviceBody));
  await retrying('catalog knowing the published template', () => call('POST', `/v1/services/${serviceId}/submit`, isv.token));
  await call('POST', `/v1/review/services/${serviceId}/approve`, reviewer);
  await call('PUT', `/v1/workspaces/${isv.workspaceId}/review-quota`, operator, { limit: 100_000 });
  const programIds: string[] = [];
  await forEachConcurrent([...merchants.keys()], SETUP_CONCURRENCY, async (i) => {
    const m = merchants[i];
    const body = { name: `Bench cafe ${i}`, description: 'Order ahead.', category: 'FOOD_AND_BEVERAGE', targetApps: ['GCASH'] };
    programIds[i] = (await retrying('miniprograms knowing the merchant', () => call<{ miniProgramId: string }>('POST', `/v1/workspaces/${m.workspaceId}/mini-programs`, m.token, body))).miniProgramId;
  });
  await until('ordering knowing the service and every mini program', async () => (await count(orderingSql, `SELECT count(*) AS n FROM known_mini_programs`)) >= ITEMS && (await count(orderingSql, `SELECT count(*) AS n FROM known_services`)) >= 1, 300_000);
  await forEachConcurrent([...merchants.keys()], SETUP_CONCURRENCY, async (i) => {
    const m = merchants[i];
    const { orderId } = await call<{ orderId: string }>('POST', '/v1/orders', m.token, { serviceId, miniProgramId: programIds[i] });
    await call('POST', `/v1/orders/${orderId}/accept`, isv.token);
    await call('POST', `/v1/orders/${orderId}/confirm`, m.token, {});
    await retrying('miniprograms seeing the authorization', () => call('PUT', `/v1/mini-programs/${programIds[i]}/ext-config`, isv.token, { templateId, extConfig: { storeName: `Cafe ${i}` } }));
  });
  log(`   set up in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s: ${ITEMS} merchants, each with a mini program authorized to the ISV and its ext config stored`);

  // --- A job, with its status read back to back while it runs.
  const runJob = async (body: Record<string, unknown>): Promise<{ ms: number; reads: number[]; idleReads: number[]; job: Job; cpu: Map<string, number> }> => {
    const reads: number[] = [];
    await quiet();
    const cpuBefore = await probe();
    const started = performance.now();
    const { jobId } = await call<{ jobId: string }>('POST', `/v1/workspaces/${isv.workspaceId}/batch-jobs`, isv.token, body);
    for (;;) {
      const t0 = performance.now();
      const job = await call<Job>('GET', `/v1/batch-jobs/${jobId}`, isv.token);
      reads.push(performance.now() - t0);
      if (job.status !== 'RUNNING') {
        const ms = performance.now() - started;
        const cpu = cpuBetween(cpuBefore, await probe());
        // The same read once the job has finished and its events are fanned out: the read on a quiet machine, the
        // baseline of the read under load (read at once after the job, it still met seconds of that fan-out).
        await quiet();
        const idleReads: number[] = [];
        for (let i = 0; i < 300; i++) {
          const t1 = performance.now();
          await call<Job>('GET', `/v1/batch-jobs/${jobId}`, isv.token);
          idleReads.push(performance.now() - t1);
        }
        return { ms, reads, idleReads, job, cpu };
      }
    }
  };
  const oneByOne = async (request: (programId: string) => [method: string, path: string, body?: unknown]): Promise<number> => {
    const started = performance.now();
    await forEachConcurrent(programIds, IN_FLIGHT, async (programId) => {
      const [method, path, body] = request(programId);
      await call(method, path, isv.token, body);
    });
    return performance.now() - started;
  };
  const targets = { miniProgramIds: programIds };
  const submitAndApprove = async (version: string) => {
    const submitted = await runJob({ kind: 'SUBMIT_REVIEW', targets, params: { version, releaseMode: 'MANUAL' }, options: { concurrency: 20 } });
    if (submitted.job.counts.succeeded !== ITEMS) throw new Error(`submitting ${version}: ${JSON.stringify(submitted.job)}`);
    await forEachConcurrent(programIds, SETUP_CONCURRENCY, async (programId) => {
      await call('POST', `/v1/review/mini-programs/${programId}/versions/${version}/approve`, reviewer);
    });
  };

  log(`   measuring APPLY_TEMPLATE: a job of ${ITEMS} items, then ${ITEMS} requests ${IN_FLIGHT} in flight...`);
  const applyJob = await runJob({ kind: 'APPLY_TEMPLATE', targets, params: { templateId, templateVersion: '1.0.0', version: '1.0.0' } });
  const { result: applyOneByOne, cpu: applyOneByOneCpu } = await measuredCpu(() => oneByOne((id) => ['POST', `/v1/mini-programs/${id}/versions/from-template`, { templateId, templateVersion: '1.0.1', version: '1.0.1' }]));
  await submitAndApprove('1.0.0');
  log(`   measuring RELEASE: a job of ${ITEMS} items...`);
  const releaseJob = await runJob({ kind: 'RELEASE', targets, params: { version: '1.0.0' } });
  await submitAndApprove('1.0.1');
  log(`   ...then ${ITEMS} release requests ${IN_FLIGHT} in flight`);
  const { result: releaseOneByOne, cpu: releaseOneByOneCpu } = await measuredCpu(() => oneByOne((id) => ['POST', `/v1/mini-programs/${id}/versions/1.0.1/release`, {}]));

  // Every mini program with 1.0.1 online, every job item SUCCEEDED: else the figures are not valid.
  // The mini programs' read model follows the releases a moment later: read until it shows them all, or 60 s.
  const miniprogramsSql = db('miniprograms');
  const onlineNow = () => count(miniprogramsSql, `SELECT count(*) AS n FROM mini_programs WHERE state->>'onlineVersion' = '1.0.1'`);
  await until('every mini program showing 1.0.1 online', async () => (await onlineNow()) >= ITEMS, 60_000).catch(() => undefined);
  const online = await onlineNow();
  const jobsOk = [applyJob, releaseJob].every((j) => j.job.status === 'COMPLETED' && j.job.counts.succeeded === ITEMS);

  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const rate = (n: number, wallMs: number) => (n * 1000) / wallMs;
  log('');
  log('== Environment');
  for (const line of environment) log(`  ${line}`);
  log('');
  const rows: ResultRow[] = [];
  const perItem = (cpu: Map<string, number>, detail: boolean) => [...cpu].filter(([part]) => part.startsWith('· ') === detail);
  const detailLine = (cpu: Map<string, number>) => perItem(cpu, true).map(([part, seconds]) => `${part.slice(2)} ${((seconds * 1000) / ITEMS).toFixed(2)}`).join(', ');
  const cpuLine = (cpu: Map<string, number>, wallMs: number) =>
    perItem(cpu, false).map(([part, seconds]) => `${part} ${((seconds * 1000) / ITEMS).toFixed(2)}`).join(', ') + ` (machine busy ${(((cpu.get(MACHINE) ?? 0) * 1000) / wallMs / os.cpus().length * 100).toFixed(0)} %)`;
  for (const [kind, job, baselineMs, jobCpu, baselineCpu] of [
    ['APPLY_TEMPLATE', applyJob, applyOneByOne, applyJob.cpu, applyOneByOneCpu],
    ['RELEASE', releaseJob, releaseOneByOne, releaseJob.cpu, releaseOneByOneCpu],
  ] as const) {
    const jobRate = rate(ITEMS, job.ms);
    const baselineRate = rate(ITEMS, baselineMs);
    log(`== ${kind}: ${ITEMS} items`);
    log(`  job            ${(job.ms / 1000).toFixed(1)} s, ${jobRate.toFixed(1)} items/s (${job.job.status}, ${job.job.counts.succeeded} succeeded)`);
    log(`  one by one     ${(baselineMs / 1000).toFixed(1)} s, ${baselineRate.toFixed(1)} requests/s (${IN_FLIGHT} in flight; the baseline)`);
    log(`  job / baseline ${(jobRate / baselineRate).toFixed(2)}×`);
    log(`  CPU ms per item, job:        ${cpuLine(jobCpu, job.ms)}`);
    log(`  CPU ms per item, one by one: ${cpuLine(baselineCpu, baselineMs)}`);
    log(`    by service, job:        ${detailLine(jobCpu)}`);
    log(`    by service, one by one: ${detailLine(baselineCpu)}`);
    log(`  status reads while it ran: ${job.reads.length}, p50 ${ms(percentile(job.reads, 50))}, p99 ${ms(percentile(job.reads, 99))}, max ${ms(Math.max(...job.reads))}`);
    log(`  the same read on a quiet machine after it (baseline): ${job.idleReads.length}, p50 ${ms(percentile(job.idleReads, 50))}, p99 ${ms(percentile(job.idleReads, 99))}`);
    rows.push(
      { backend: 'cluster', figure: `${kind} job items/s (baseline one by one)`, value: `${jobRate.toFixed(1)} (${baselineRate.toFixed(1)})`, target: '≥ 3× the baseline' },
      { backend: 'cluster', figure: `${kind} job / baseline`, value: `${(jobRate / baselineRate).toFixed(2)}×`, target: '≥ 3×' },
      { backend: 'cluster', figure: `${kind} status read p50 / p99 (quiet machine)`, value: `${ms(percentile(job.reads, 50))} / ${ms(percentile(job.reads, 99))} (${ms(percentile(job.idleReads, 50))} / ${ms(percentile(job.idleReads, 99))})`, target: 'p99 ≤ 20 ms' },
    );
  }
  log(`  before each measured phase, and before each job's quiet reads, the bench waited for a quiet machine (under 0.4 cores busy over a second): ${settleWaits.map((w) => `${(w / 1000).toFixed(1)} s`).join(', ')}`);
  log('');
  log('== Results');
  printTable(rows);
  if (online < ITEMS || !jobsOk) {
    log(`\n${online} of ${ITEMS} mini programs show 1.0.1 online; jobs ${jobsOk ? 'all succeeded' : 'did not all succeed'}: the figures are not valid`);
    process.exitCode = 1;
  }
}

runBench('bench:batch', main);
