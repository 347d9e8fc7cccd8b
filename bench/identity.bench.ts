/*
 * Identity benchmark: `npm run bench:identity`. Prints figures; the only target is the password hashing cost.
 *
 *  1. the CPU cost of one password hash as configured (PasswordHasher with SCRYPT_COST, verified in this process,
 *     one at a time): the target is 50-250 ms of CPU per login;
 *  2. through the gateway of the built standalone (a child process on a fresh temp DATA_DIR, removed at the end):
 *     - a baseline, GET /health/live, so the HTTP overhead can be set against the hashing cost;
 *     - sign-ups: request a code, read it from the dev mailbox, create the account (three scrypt runs on the server:
 *       the code's hash, its check, the password's hash);
 *     - logins (POST /v1/sessions, one scrypt run each) spread over the accounts signed up;
 *     each with requests/s, p50/p99 latency and, read from /proc/<pid>/stat, the server's CPU per request.
 *
 * Settings: BENCH_CONCURRENCY (4), BENCH_SIGNUPS (100), BENCH_LOGINS (200), BENCH_HEALTH (1000), BENCH_HASH_RUNS (20).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PasswordHasher, SCRYPT_COST } from '../libs/identity/src/credentials/password-hasher';
import { cleanups, CLK_TCK, freePort, percentile, processCpuSeconds, runBench, runCleanups, sleep } from './bench-cluster';
import { envInt, forEachConcurrent, formatCount, log, perSecond, printTable, ResultRow } from './bench-util';
import { standaloneCommand } from '@mpp/testing';

const CONCURRENCY = envInt('BENCH_CONCURRENCY', 4);
const SIGNUPS = envInt('BENCH_SIGNUPS', 100);
const LOGINS = envInt('BENCH_LOGINS', 200);
const HEALTH = envInt('BENCH_HEALTH', 1000);
const HASH_RUNS = envInt('BENCH_HASH_RUNS', 20);

const CPU_TARGET_MS = { min: 50, max: 250 };
const PASSWORD = 'bench-secret-42';
const START_TIMEOUT_MS = 180_000;
const MAIL_TIMEOUT_MS = 30_000;
const MAIL_POLL_MS = 10;

// ---------------------------------------------------------------------------------------------- statistics

const median = (samples: number[]) => percentile(samples, 50);
const ms = (value: number) => `${value.toFixed(1)} ms`;
const rate = (value: number, unit: string) => `${value.toFixed(value < 100 ? 1 : 0)} ${unit}`;
const inTarget = (cpuMs: number) => cpuMs >= CPU_TARGET_MS.min && cpuMs <= CPU_TARGET_MS.max;
const TARGET_TEXT = `${CPU_TARGET_MS.min}-${CPU_TARGET_MS.max} ms`;

// ---------------------------------------------------------------------------------------------- server CPU

// ---------------------------------------------------------------------------------------------- 1. the hash

interface HashCost {
  cpuMs: number[];
  wallMs: number[];
}

/** Times PasswordHasher.verify as configured, one at a time in this process (scrypt runs on libuv's pool). */
async function measureHash(runs: number): Promise<HashCost> {
  const hasher = new PasswordHasher();
  const stored = await hasher.hash(PASSWORD);
  if (!(await hasher.verify(PASSWORD, stored))) throw new Error('PasswordHasher.verify refused the password it hashed');
  const cost: HashCost = { cpuMs: [], wallMs: [] };
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    await hasher.verify(PASSWORD, stored);
    const wall = performance.now() - started;
    const used = process.cpuUsage(cpu);
    cost.cpuMs.push((used.user + used.system) / 1000);
    cost.wallMs.push(wall);
  }
  return cost;
}

/** scrypt's work is linear in N; the N values (powers of two) whose predicted CPU falls in the target. */
function suggestCost(measuredCpuMs: number): string {
  const options: string[] = [];
  for (let log2 = 12; log2 <= 18; log2++) {
    const predicted = (measuredCpuMs * 2 ** log2) / SCRYPT_COST.N;
    if (inTarget(predicted)) {
      const memory = 128 * 2 ** log2 * SCRYPT_COST.r;
      const maxmemNote = memory >= SCRYPT_COST.maxmem ? `, needs maxmem > ${memory / 2 ** 20} MiB` : '';
      options.push(`N = 2^${log2} (~${predicted.toFixed(0)} ms${maxmemNote})`);
    }
  }
  return options.length > 0 ? options.join(' or ') : 'no power of two of N alone; change r as well';
}

// ---------------------------------------------------------------------------------------------- the standalone


interface Standalone {
  child: ChildProcess;
  url: string;
  startMs: number;
}

/** Starts the built standalone on a fresh temp DATA_DIR; registers its stop and the dir's removal as cleanups. */
async function startStandalone(): Promise<Standalone> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mpp-bench-identity-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const port = await freePort();
  const command = standaloneCommand();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...command.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    JWT_SECRET: `bench-${randomBytes(32).toString('hex')}`,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'development',
  };
  delete env.SMTP_URL;
  delete env.DEV_MAILBOX;
  const started = performance.now();
  const child = spawn(process.execPath, command.args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  cleanups.push(() => stopChild(child));

  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stderr!.on('data', keep);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`standalone did not start within ${START_TIMEOUT_MS / 1000} s:\n${output}`)), START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      keep(chunk);
      if (output.includes('is running')) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve();
      }
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(timer);
      reject(new Error(`standalone exited during start-up (code ${code}, signal ${signal}):\n${output}`));
    };
    child.stdout!.on('data', onData);
    child.once('exit', onExit);
  });
  // Warnings and errors of the run stay visible; the start-up banner is not repeated.
  child.stdout!.removeAllListeners('data');
  child.stdout!.on('data', (chunk: Buffer) => process.stdout.write(`[standalone] ${chunk}`));
  child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(`[standalone] ${chunk}`));
  return { child, url: `http://127.0.0.1:${port}`, startMs: performance.now() - started };
}

/** SIGTERM, then SIGKILL if it has not exited after 15 s. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(killer);
}

// ---------------------------------------------------------------------------------------------- HTTP

interface Reply<T> {
  status: number;
  body: T;
}

/** One request with Node's fetch (undici: keep-alive connections, reused across requests). */
async function call<T>(base: string, method: string, url: string, body?: unknown): Promise<Reply<T>> {
  const response = await fetch(`${base}${url}`, {
    method,
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: kept as text
  }
  return { status: response.status, body: parsed as T };
}

async function expectStatus<T>(reply: Promise<Reply<T>>, status: number, what: string): Promise<T> {
  const { status: actual, body } = await reply;
  if (actual !== status) throw new Error(`${what}: expected ${status}, got ${actual}: ${JSON.stringify(body)}`);
  return body;
}

interface Account {
  email: string;
  username: string;
}

interface SignUpTiming {
  totalMs: number;
  requestCodeMs: number;
  mailWaitMs: number;
  createMs: number;
}

let signUpCounter = 0;

/** The whole sign-up, as a user goes through it: a code by mail, then the account. */
async function signUp(base: string, label: string): Promise<{ account: Account; timing: SignUpTiming }> {
  const username = `${label}${process.pid}x${signUpCounter++}`;
  const email = `${username}@example.io`;
  const t0 = performance.now();
  await expectStatus(call(base, 'POST', '/v1/verification-codes', { email, purpose: 'SIGN_UP' }), 202, 'POST /v1/verification-codes');
  const t1 = performance.now();
  let code: string | undefined;
  while (code === undefined) {
    const { items } = await expectStatus(call<{ items: { subject: string; text: string }[] }>(base, 'GET', `/v1/dev/mailbox?to=${encodeURIComponent(email)}`), 200, 'GET /v1/dev/mailbox');
    const mail = items.find((m) => /sign-up code/i.test(m.subject));
    code = mail ? /\b(\d{6})\b/.exec(mail.text)?.[1] : undefined;
    if (code === undefined) {
      if (performance.now() - t1 > MAIL_TIMEOUT_MS) throw new Error(`no sign-up code mailed to ${email} within ${MAIL_TIMEOUT_MS / 1000} s`);
      await sleep(MAIL_POLL_MS);
    }
  }
  const t2 = performance.now();
  await expectStatus(call(base, 'POST', '/v1/accounts', { email, code, username, password: PASSWORD, acceptTerms: true }), 201, 'POST /v1/accounts');
  const t3 = performance.now();
  return { account: { email, username }, timing: { totalMs: t3 - t0, requestCodeMs: t1 - t0, mailWaitMs: t2 - t1, createMs: t3 - t2 } };
}

async function login(base: string, account: Account): Promise<void> {
  const tokens = await expectStatus(call<{ accessToken?: string }>(base, 'POST', '/v1/sessions', { login: account.username, password: PASSWORD }), 201, 'POST /v1/sessions');
  if (!tokens.accessToken) throw new Error(`POST /v1/sessions answered no access token: ${JSON.stringify(tokens)}`);
}

interface Phase {
  count: number;
  wallMs: number;
  latencies: number[];
  serverCpuSeconds?: number;
  clientCpuSeconds: number;
}

/** Runs `work` for each item at CONCURRENCY, timing each one, the whole phase and the server's and client's CPU. */
async function phase<T>(pid: number, items: T[], work: (item: T) => Promise<number | void>): Promise<Phase> {
  const latencies: number[] = [];
  const serverBefore = processCpuSeconds(pid);
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  await forEachConcurrent(items, CONCURRENCY, async (item) => {
    const t = performance.now();
    const measured = await work(item);
    latencies.push(typeof measured === 'number' ? measured : performance.now() - t);
  });
  const wallMs = performance.now() - started;
  const serverAfter = processCpuSeconds(pid);
  const client = process.cpuUsage(clientBefore);
  return {
    count: items.length,
    wallMs,
    latencies,
    serverCpuSeconds: serverBefore === undefined || serverAfter === undefined ? undefined : serverAfter - serverBefore,
    clientCpuSeconds: (client.user + client.system) / 1e6,
  };
}

const serverCpuPer = (p: Phase) => (p.serverCpuSeconds === undefined ? undefined : (p.serverCpuSeconds * 1000) / p.count);

// ---------------------------------------------------------------------------------------------- main

async function main(): Promise<void> {
  log('Identity benchmark (npm run bench:identity)');
  log(`environment: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, ${os.platform()} ${os.release()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  log(`note: the benchmark client and the standalone server share these ${os.cpus().length} cores, so the rates below are lower than on a server of its own`);
  log(`settings: BENCH_CONCURRENCY=${CONCURRENCY}, BENCH_SIGNUPS=${SIGNUPS}, BENCH_LOGINS=${LOGINS}, BENCH_HEALTH=${HEALTH}, BENCH_HASH_RUNS=${HASH_RUNS}`);
  log(`scrypt cost (SCRYPT_COST): N = 2^${Math.log2(SCRYPT_COST.N)} (${SCRYPT_COST.N}), r = ${SCRYPT_COST.r}, p = ${SCRYPT_COST.p}, ${(128 * SCRYPT_COST.N * SCRYPT_COST.r) / 2 ** 20} MiB per hash; libuv pool size ${process.env.UV_THREADPOOL_SIZE ?? '4 (default)'}`);
  log('');

  log(`1. password hash as configured: ${HASH_RUNS} x PasswordHasher.verify in this process, one at a time (server not started yet)`);
  const hash = await measureHash(HASH_RUNS);
  const hashCpu = median(hash.cpuMs);
  log(`   CPU per verify: median ${ms(hashCpu)} (min ${ms(Math.min(...hash.cpuMs))}, max ${ms(Math.max(...hash.cpuMs))}); wall: median ${ms(median(hash.wallMs))}`);
  log(`   ${inTarget(hashCpu) ? 'within' : 'OUTSIDE'} the ${TARGET_TEXT} CPU target`);
  log('');

  log('2. starting the built standalone (fresh temp DATA_DIR)...');
  const server = await startStandalone();
  const pid = server.child.pid!;
  log(`   ready in ${(server.startMs / 1000).toFixed(1)} s at ${server.url} (pid ${pid}); server CPU read from /proc/${pid}/stat (CLK_TCK ${CLK_TCK})`);
  if (processCpuSeconds(pid) === undefined) log('   /proc is not readable here: no server CPU figures');

  // Warm-up, not measured: JIT, connections, the first append of each stream type.
  await forEachConcurrent(Array.from({ length: 100 }), CONCURRENCY, async () => {
    await expectStatus(call(server.url, 'GET', '/health/live'), 200, 'GET /health/live');
  });
  const warm = await signUp(server.url, 'warm');
  await login(server.url, warm.account);
  log('   warm-up done: 100 health checks, 1 sign-up, 1 login (not counted)');

  log(`   baseline: ${formatCount(HEALTH)} x GET /health/live at concurrency ${CONCURRENCY}...`);
  const health = await phase(pid, Array.from({ length: HEALTH }), async () => {
    await expectStatus(call(server.url, 'GET', '/health/live'), 200, 'GET /health/live');
  });

  log(`   sign-ups: ${formatCount(SIGNUPS)} at concurrency ${CONCURRENCY} (request code, poll the dev mailbox every ${MAIL_POLL_MS} ms, create account)...`);
  const accounts: Account[] = [];
  const signUpTimings: SignUpTiming[] = [];
  const signUps = await phase(pid, Array.from({ length: SIGNUPS }), async () => {
    const { account, timing } = await signUp(server.url, 'bench');
    accounts.push(account);
    signUpTimings.push(timing);
    return timing.totalMs;
  });

  log(`   logins: ${formatCount(LOGINS)} at concurrency ${CONCURRENCY}, spread round-robin over the ${accounts.length} accounts...`);
  const logins = await phase(pid, Array.from({ length: LOGINS }, (_, i) => accounts[i % accounts.length]), (account) => login(server.url, account));

  log('   stopping the standalone...');
  await runCleanups();
  log('');

  // -------------------------------------------------------------------------------------------- the figures
  const rows: ResultRow[] = [];
  const add = (backend: string, figure: string, value: string, target = '', pass?: boolean) => rows.push({ backend, figure, value, target, pass });
  const serverCpuRow = (label: string, p: Phase, target?: boolean) => {
    const cpu = serverCpuPer(p);
    if (cpu === undefined) add('gateway', label, 'n/a (no /proc)');
    else if (target) add('gateway', label, ms(cpu), TARGET_TEXT, inTarget(cpu));
    else add('gateway', label, ms(cpu));
  };

  add('in-process', 'scrypt verify CPU, median', ms(hashCpu), TARGET_TEXT, inTarget(hashCpu));
  add('in-process', 'scrypt verify wall, median', ms(median(hash.wallMs)));

  add('gateway', 'GET /health/live rate', rate(perSecond(health.count, health.wallMs), 'req/s'));
  add('gateway', 'GET /health/live p50', ms(percentile(health.latencies, 50)));
  add('gateway', 'GET /health/live p99', ms(percentile(health.latencies, 99)));
  serverCpuRow('server CPU per health check', health);

  add('gateway', 'sign-ups rate (whole sign-up)', rate(perSecond(signUps.count, signUps.wallMs), 'sign-ups/s'));
  add('gateway', 'sign-up p50 (whole)', ms(percentile(signUps.latencies, 50)));
  add('gateway', 'sign-up p99 (whole)', ms(percentile(signUps.latencies, 99)));
  const creates = signUpTimings.map((t) => t.createMs);
  add('gateway', 'POST /v1/accounts p50', ms(percentile(creates, 50)));
  add('gateway', 'POST /v1/accounts p99', ms(percentile(creates, 99)));
  add('gateway', 'POST /v1/verification-codes p50', ms(percentile(signUpTimings.map((t) => t.requestCodeMs), 50)));
  add('gateway', 'code reaches the mailbox p50', ms(percentile(signUpTimings.map((t) => t.mailWaitMs), 50)));
  serverCpuRow('server CPU per sign-up (3 scrypt)', signUps);

  add('gateway', 'logins rate', rate(perSecond(logins.count, logins.wallMs), 'logins/s'));
  add('gateway', 'POST /v1/sessions p50', ms(percentile(logins.latencies, 50)));
  add('gateway', 'POST /v1/sessions p99', ms(percentile(logins.latencies, 99)));
  serverCpuRow('server CPU per login', logins, true);
  const loginCpu = serverCpuPer(logins);
  const healthCpu = serverCpuPer(health);
  if (loginCpu !== undefined && healthCpu !== undefined) add('gateway', 'server CPU per login beyond HTTP', ms(loginCpu - healthCpu));
  add('client', 'client CPU per login (this process)', ms((logins.clientCpuSeconds * 1000) / logins.count));

  printTable(rows);
  log('');
  log(`server CPU is utime+stime of the standalone from /proc/<pid>/stat before and after each phase, divided by the requests (${CLK_TCK} ticks/s: ${(1000 / CLK_TCK).toFixed(0)} ms resolution per phase)`);
  log(`"beyond HTTP" subtracts the health check's server CPU: roughly what the login's scrypt run, event appends and token signing cost`);
  log(`the whole sign-up includes the wait for the mailer worker to deliver the code (dev mailbox polled every ${MAIL_POLL_MS} ms)`);
  if (!inTarget(hashCpu)) {
    const factor = hashCpu < CPU_TARGET_MS.min ? CPU_TARGET_MS.min / hashCpu : hashCpu / CPU_TARGET_MS.max;
    log(`the hash is ${hashCpu < CPU_TARGET_MS.min ? 'cheaper' : 'dearer'} than the target by ${factor.toFixed(1)}x; SCRYPT_COST in libs/identity/src/credentials/password-hasher.ts: ${suggestCost(hashCpu)}`);
  } else {
    log(`the hash is within the target; N values (with r = ${SCRYPT_COST.r}) predicted within it: ${suggestCost(hashCpu)}`);
  }
}

runBench('bench:identity', main);
