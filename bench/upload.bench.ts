/*
 * Upload benchmark: `npm run bench:upload`, in the cluster (the gateway and miniprograms are separate processes).
 *
 * A merchant workspace (appended to identity's store by identity's own decider) with BENCH_CONCURRENCY (10) mini
 * programs; the merchant uploads versions of a BENCH_PACKAGE_MB (5) MB package (incompressible, so the zip check
 * inflates it all) through the gateway as multipart, one mini program per concurrent uploader, BENCH_UPLOADS (100)
 * in all after BENCH_WARMUP (10). Each upload: the pre-check request to miniprograms, the stream into the blob
 * store while hashed, the zip check, the UploadVersion command; the answer's sha256 and size are checked against
 * the package sent.
 *
 * Figures: uploads per second and MB/s; latency p50/p99; the resident memory (RSS from /proc/<pid>/status, sampled
 * every BENCH_SAMPLE_MS (20) ms) of the gateway and miniprograms before and at the peak of the concurrent uploads.
 * Baseline in the same run: the same store-and-check done in this process from a buffer (no HTTP, no multipart, no
 * Kafka), one at a time.
 */
import { createHash } from 'node:crypto';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { PostgresSqlClient, SqlEventStore } from '@mpp/eventsourcing';
import { FileBlobStore, signAccessToken } from '@mpp/platform';
import { incompressiblePackage, versionForm } from '../libs/testing/src/zip-packages';
import { checkPackage } from '../libs/gateway/src/routes/miniprograms/package-check';
import { workspaceStreamId } from '../libs/identity/src/workspaces/workspace.decider';
import { approvedWorkspaceEvents, cleanups, launchBenchCluster, percentile, runBench, sleep } from './bench-cluster';
import { envInt, log, printTable, ResultRow } from './bench-util';

const CONCURRENCY = envInt('BENCH_CONCURRENCY', 10);
const UPLOADS = envInt('BENCH_UPLOADS', 100);
const WARMUP = envInt('BENCH_WARMUP', 10);
const PACKAGE_MB = envInt('BENCH_PACKAGE_MB', 5);
const SAMPLE_MS = envInt('BENCH_SAMPLE_MS', 20);
const APP_LOG_LEVEL = process.env.LOG_LEVEL ?? 'warn';
const MB = 1024 * 1024;

/** Resident memory of a process in bytes, from /proc (undefined where there is none). */
function rss(pid: number): number | undefined {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const environment = [`${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}; client, apps, PostgreSQL and Kafka share them`];
  log('Upload benchmark (npm run bench:upload)');
  log(`settings: BENCH_UPLOADS=${UPLOADS}, BENCH_WARMUP=${WARMUP}, BENCH_CONCURRENCY=${CONCURRENCY}, BENCH_PACKAGE_MB=${PACKAGE_MB}, BENCH_SAMPLE_MS=${SAMPLE_MS}`);
  const blobDir = mkdtempSync(path.join(os.tmpdir(), 'mpp-bench-blobs-'));
  cleanups.push(() => rmSync(blobDir, { recursive: true, force: true }));
  log('== cluster: every app its own process, Kafka, PostgreSQL; packages under a temporary BLOB_DIR');
  const { cluster, jwtSecret, gatewayUrl, databaseUrl } = await launchBenchCluster({ logLevel: APP_LOG_LEVEL, environment, appEnv: { gateway: { BLOB_DIR: blobDir } } });
  const identitySql = new PostgresSqlClient({ connectionString: databaseUrl('identity'), max: 1 });
  cleanups.push(() => identitySql.close());
  const workspaceId = randomUUID();
  const ownerAccountId = randomUUID();
  await new SqlEventStore(identitySql).append(workspaceStreamId(workspaceId), approvedWorkspaceEvents({ workspaceId, type: 'MERCHANT', name: 'Bench merchant', ownerAccountId }), { expectedVersion: 'no_stream' });
  const token = await signAccessToken(jwtSecret, { accountId: ownerAccountId, roles: [], expiresInSeconds: 3600 });
  const call = async <T>(method: string, url: string, init: { json?: unknown; form?: FormData } = {}): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${gatewayUrl}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: init.form ?? (init.json !== undefined ? JSON.stringify(init.json) : undefined),
    });
    return { status: response.status, body: (await response.json().catch(() => undefined)) as T };
  };

  // One mini program per concurrent uploader (at most 20 versions in development each).
  const programs: string[] = [];
  for (let i = 0; i < CONCURRENCY; i++) {
    for (let attempt = 0; ; attempt++) {
      const r = await call<{ miniProgramId: string }>('POST', `/v1/workspaces/${workspaceId}/mini-programs`, { json: { name: `Bench ${i}`, description: '', category: 'RETAIL', targetApps: ['GCASH'] } });
      if (r.status === 201) {
        programs.push(r.body.miniProgramId);
        break;
      }
      if (attempt > 600) throw new Error(`creating a mini program: ${r.status} ${JSON.stringify(r.body)}`);
      await sleep(100);
    }
  }
  const packages = await Promise.all(programs.map(() => incompressiblePackage(PACKAGE_MB * MB)));
  const hashes = packages.map((p) => createHash('sha256').update(p).digest('hex'));
  log(`   ${CONCURRENCY} mini programs; packages of ${(packages[0].length / MB).toFixed(2)} MB`);

  const perProgram = Math.ceil((UPLOADS + WARMUP) / CONCURRENCY);
  if (perProgram > 20) throw new Error(`BENCH_UPLOADS + BENCH_WARMUP must be at most ${20 * CONCURRENCY} (20 versions in development per mini program)`);
  const latencies: number[] = [];
  let wrong = 0;
  const uploadOne = async (slot: number, n: number, measured: boolean) => {
    const started = performance.now();
    const r = await call<{ sha256: string; size: number; status: string }>('POST', `/v1/mini-programs/${programs[slot]}/versions`, { form: versionForm(`1.0.${n}`, `upload ${n}`, packages[slot]) });
    if (r.status !== 201 || r.body.sha256 !== hashes[slot] || r.body.size !== packages[slot].length) {
      wrong++;
      if (wrong <= 3) log(`   wrong answer: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
    }
    if (measured) latencies.push(performance.now() - started);
  };
  const runRound = async (count: number, offset: number, measured: boolean) => {
    const perSlot = Array.from({ length: CONCURRENCY }, (_, slot) => Array.from({ length: Math.ceil(count / CONCURRENCY) }, (__, k) => offset + k).filter((_, k) => k * CONCURRENCY + slot < count));
    await Promise.all(perSlot.map(async (ns, slot) => {
      for (const n of ns) await uploadOne(slot, n, measured);
    }));
  };
  await runRound(WARMUP, 0, false);

  const pids = { gateway: cluster.processes.get('gateway')!.pid!, miniprograms: cluster.processes.get('miniprograms')!.pid! };
  await sleep(1000);
  const idle = { gateway: rss(pids.gateway) ?? 0, miniprograms: rss(pids.miniprograms) ?? 0 };
  const peak = { ...idle };
  const sampler = setInterval(() => {
    for (const app of ['gateway', 'miniprograms'] as const) peak[app] = Math.max(peak[app], rss(pids[app]) ?? 0);
  }, SAMPLE_MS);
  const started = performance.now();
  await runRound(UPLOADS, 100, true);
  const wallMs = performance.now() - started;
  clearInterval(sampler);

  // Baseline: the same store-and-check in this process, from memory, one at a time.
  const local = new FileBlobStore(mkdtempSync(path.join(os.tmpdir(), 'mpp-bench-local-')));
  const baseline: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    const stored = await local.put(Readable.from([packages[i % packages.length]]), 25 * MB);
    await checkPackage((await local.localPath(stored.sha256))!);
    baseline.push(performance.now() - t0);
  }

  const ms = (v: number) => `${v.toFixed(0)} ms`;
  const mb = (v: number) => `${(v / MB).toFixed(1)} MB`;
  log('');
  log('== Environment');
  for (const line of environment) log(`  ${line}`);
  log('');
  log(`== ${UPLOADS} uploads of ${(packages[0].length / MB).toFixed(2)} MB through the gateway, ${CONCURRENCY} at a time`);
  log(`  ${((UPLOADS * 1000) / wallMs).toFixed(1)} uploads/s, ${((UPLOADS * packages[0].length) / MB / (wallMs / 1000)).toFixed(1)} MB/s; latency p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}; ${wrong} wrong answers`);
  for (const app of ['gateway', 'miniprograms'] as const) log(`  ${app.padEnd(13)} RSS before ${mb(idle[app])}, peak ${mb(peak[app])} (+${mb(peak[app] - idle[app])} for ${CONCURRENCY} uploads in flight = ${CONCURRENCY * PACKAGE_MB} MB of packages)`);
  log(`  baseline, same run: store (hash to disk) + zip check in this process, one at a time: p50 ${ms(percentile(baseline, 50))}`);
  log('');
  const rows: ResultRow[] = [
    { backend: 'cluster', figure: `uploads/s (${PACKAGE_MB} MB, ${CONCURRENCY} at a time)`, value: ((UPLOADS * 1000) / wallMs).toFixed(1), target: '' },
    { backend: 'cluster', figure: 'upload latency p50 / p99', value: `${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 99))}`, target: '' },
    { backend: 'cluster', figure: 'gateway peak RSS growth', value: `+${mb(peak.gateway - idle.gateway)}`, target: `< ${CONCURRENCY * PACKAGE_MB} MB`, pass: peak.gateway - idle.gateway < CONCURRENCY * PACKAGE_MB * MB },
    { backend: 'cluster', figure: 'miniprograms peak RSS growth', value: `+${mb(peak.miniprograms - idle.miniprograms)}`, target: '', pass: undefined },
    { backend: 'local', figure: 'baseline store + check, p50', value: ms(percentile(baseline, 50)), target: '' },
  ];
  log('== Results');
  printTable(rows);
  log(`(the gateway's target: never the packages in flight held in memory; ${CONCURRENCY} × ${PACKAGE_MB} MB would be ${CONCURRENCY * PACKAGE_MB} MB)`);
  if (wrong > 0) process.exitCode = 1;
}

runBench('bench:upload', main);
