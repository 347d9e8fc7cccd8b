/*
 * npm run bench:standalone: what a front-end developer waits for and what standalone holds on a laptop, in the
 * current layout (one PGlite database, a schema per service) against the earlier one (a database per service,
 * still runnable with STANDALONE_LAYOUT=database-per-service), measured in the same run, the two alternating:
 *   - first start: what `npm start` runs after the build (its node flags and dist/apps/standalone/main.js, read from
 *     package.json by standaloneCommand) on an empty DATA_DIR, until /health/ready answers 200;
 *   - restart: the same on the data of that first start, after a clean stop (each start timed once `sync` has
 *     written what earlier runs left in the page cache);
 *   - RSS idle: 5 s after the first start, nothing asked;
 *   - RSS peak: the highest of a sample every 100 ms while 20 platform journeys run one after another (onboarding,
 *     an order, a version uploaded, reviewed and released, the closure).
 * Targets (issue 17): first start <= 5 s, restart <= 2 s, peak RSS <= 300 MB.
 * BENCH_RUNS (3) start/restart/idle runs per layout; BENCH_JOURNEY_RUNS (1) of them also run the journeys;
 * BENCH_JOURNEYS (20); BENCH_LAYOUTS (database-per-service,one-database).
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { expect } from 'expect';
import { ApiClient, freePort, platformJourney, standaloneCommand } from '@mpp/testing';
import { envInt, log, median, medianAndSpread, printTable, ResultRow } from './bench-util';

const RUNS = envInt('BENCH_RUNS', 3);
const JOURNEY_RUNS = Math.min(RUNS, envInt('BENCH_JOURNEY_RUNS', 1));
const JOURNEYS = envInt('BENCH_JOURNEYS', 20);
const LAYOUTS = (process.env.BENCH_LAYOUTS ?? 'database-per-service,one-database').split(',');
const TARGETS = { firstStartMs: 5_000, restartMs: 2_000, peakRssMb: 300 };
const JWT_SECRET = 'bench-standalone-secret-of-sufficient-length';
// The journeys check every answer with jest's expect, which outside jest is this package's.
Object.assign(globalThis, { expect });

interface Running {
  child: ChildProcess;
  port: number;
  readyMs: number;
  output: () => string;
}

/** The resident set of a process now, in MB (Linux /proc). */
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** Every standalone started, killed if the bench fails half-way so none is left running. */
const children = new Set<ChildProcess>();

async function start(dataDir: string, layout: string): Promise<Running> {
  const port = await freePort();
  const started = performance.now();
  const command = standaloneCommand();
  const child = spawn(process.execPath, command.args, {
    env: { ...process.env, ...command.env, DATA_DIR: dataDir, PORT: String(port), JWT_SECRET, LOG_LEVEL: 'warn', STANDALONE_LAYOUT: layout, PLATFORM_BOOTSTRAP_REVIEWER: 'reviewer@mpp.local:review123' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`standalone exited at start:\n${output.slice(-3000)}`);
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.ok, () => false);
    if (ready) return { child, port, readyMs: performance.now() - started, output: () => output };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** SIGTERM, as Ctrl-C; the exit code, and whether it logged anything at error level on the way out. */
async function stop({ child, output }: Running): Promise<void> {
  const before = output().length;
  const code = await new Promise<number | null>((resolve) => {
    child.once('exit', (exit) => resolve(exit));
    child.kill('SIGTERM');
  });
  const printed = output().slice(before);
  if (code !== 0 || /"level":(50|60)/.test(printed)) throw new Error(`standalone did not stop cleanly (exit ${code}):\n${printed.slice(-3000)}`);
}

/**
 * Where a process's resident memory is, from /proc/<pid>/smaps, in MB: WebAssembly memory (PGlite's heap: V8 reserves
 * gigabytes of address space for each), malloc (the main heap and the 64 MB arenas of other threads), other anonymous
 * memory (V8's heaps and code of both threads, stacks) and files (node, libraries, the bundle and its code cache).
 */
function residentParts(pid: number): Record<string, number> {
  const mappings: { start: number; end: number; perms: string; name: string; rssMb: number }[] = [];
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const mapping = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (mapping) mappings.push({ start: parseInt(mapping[1], 16), end: parseInt(mapping[2], 16), perms: mapping[3], name: mapping[4], rssMb: 0 });
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss && mappings.length) mappings[mappings.length - 1].rssMb = Number(rss[1]) / 1024;
  }
  const parts: Record<string, number> = { wasm: 0, malloc: 0, 'v8 and other anonymous': 0, files: 0 };
  for (const [i, m] of mappings.entries()) {
    const next = mappings[i + 1];
    // A WebAssembly memory is its accessible pages followed by the rest of its gigabytes of reservation, inaccessible.
    // So is a malloc arena of another thread: 64 MB in all, its used part first.
    const reserved = !m.name && m.perms.startsWith('rw') && next && !next.name && next.start === m.end && next.perms.startsWith('---') ? next.end - m.start : m.end - m.start;
    const wasm = !m.name && reserved - (m.end - m.start) >= 2 ** 30;
    const arena = !m.name && reserved === 64 * 2 ** 20;
    const part = m.name.startsWith('/') ? 'files' : m.name === '[heap]' || arena ? 'malloc' : wasm ? 'wasm' : 'v8 and other anonymous';
    parts[part] += m.rssMb;
  }
  return parts;
}

/** Runs the journeys one after another, sampling the process's RSS every 100 ms; the highest sample, and where it was. */
async function peakDuringJourneys(running: Running): Promise<number> {
  const api = new ApiClient(`http://127.0.0.1:${running.port}`);
  const readMail = async (to: string) => (await api.get<{ items: { subject: string; text: string }[] }>(`/v1/dev/mailbox?to=${encodeURIComponent(to)}`)).body.items;
  const reviewer = await api.post<{ accessToken: string }>('/v1/sessions', { login: 'reviewer@mpp.local', password: 'review123' });
  let peak = rssMb(running.child.pid!);
  let parts = residentParts(running.child.pid!);
  const sampler = setInterval(() => {
    const now = rssMb(running.child.pid!);
    if (now <= peak) return;
    peak = now;
    parts = residentParts(running.child.pid!);
  }, 100);
  try {
    for (let n = 1; n <= JOURNEYS; n++) {
      const started = performance.now();
      await platformJourney(api, readMail, api.as(reviewer.body.accessToken));
      process.stdout.write(`     journey ${n}/${JOURNEYS} in ${((performance.now() - started) / 1000).toFixed(1)} s, RSS ${Math.round(rssMb(running.child.pid!))} MB\n`);
    }
  } finally {
    clearInterval(sampler);
  }
  log(`     at the peak, ${Math.round(peak)} MB: ${Object.entries(parts).map(([part, mb]) => `${part} ${Math.round(mb)} MB`).join(', ')}`);
  return peak;
}

interface Sample {
  firstStartMs: number;
  restartMs: number;
  idleRssMb: number;
  peakRssMb?: number;
}

/**
 * Writes still in the page cache go to disk before a start is timed: otherwise the previous run's (the other layout's
 * four databases, a directory just deleted) are written back during the next start, whose PGlite waits on fsync.
 */
const settleDisk = () => execFileSync('sync');

async function measure(layout: string, withJourneys: boolean): Promise<Sample> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mpp-bench-standalone-'));
  try {
    settleDisk();
    const first = await start(dataDir, layout);
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const idleRssMb = rssMb(first.child.pid!);
    const peak = withJourneys ? await peakDuringJourneys(first) : undefined;
    await stop(first);
    settleDisk();
    const again = await start(dataDir, layout);
    await stop(again);
    return { firstStartMs: first.readyMs, restartMs: again.readyMs, idleRssMb, peakRssMb: peak };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  log(`bench:standalone: ${RUNS} runs per layout (${LAYOUTS.join(' vs ')}, alternating), ${JOURNEY_RUNS} of them with ${JOURNEYS} platform journeys`);
  const samples = new Map<string, Sample[]>(LAYOUTS.map((layout) => [layout, []]));
  for (let run = 1; run <= RUNS; run++) {
    for (const layout of LAYOUTS) {
      const sample = await measure(layout, run <= JOURNEY_RUNS);
      samples.get(layout)!.push(sample);
      log(`   run ${run} ${layout}: first start ${(sample.firstStartMs / 1000).toFixed(2)} s, restart ${(sample.restartMs / 1000).toFixed(2)} s, RSS idle ${Math.round(sample.idleRssMb)} MB${sample.peakRssMb ? `, peak ${Math.round(sample.peakRssMb)} MB` : ''}`);
    }
  }
  const rows: ResultRow[] = [];
  for (const [layout, of] of samples) {
    const peaks = of.flatMap((s) => (s.peakRssMb ? [s.peakRssMb] : []));
    const target = layout === 'one-database';
    rows.push(
      { backend: layout, figure: 'first start (empty DATA_DIR)', value: medianAndSpread(of.map((s) => s.firstStartMs / 1000), 's', 2), target: target ? '<= 5 s' : 'baseline', pass: target ? median(of.map((s) => s.firstStartMs)) <= TARGETS.firstStartMs : undefined },
      { backend: layout, figure: 'restart', value: medianAndSpread(of.map((s) => s.restartMs / 1000), 's', 2), target: target ? '<= 2 s' : 'baseline', pass: target ? median(of.map((s) => s.restartMs)) <= TARGETS.restartMs : undefined },
      { backend: layout, figure: 'RSS idle', value: medianAndSpread(of.map((s) => s.idleRssMb), 'MB'), target: target ? '' : 'baseline' },
      ...(peaks.length ? [{ backend: layout, figure: `RSS peak, ${JOURNEYS} journeys`, value: medianAndSpread(peaks, 'MB'), target: target ? '<= 300 MB' : 'baseline', pass: target ? median(peaks) <= TARGETS.peakRssMb : undefined }] : []),
    );
  }
  printTable(rows);
}

main().catch((error: unknown) => {
  for (const child of children) child.kill('SIGKILL');
  process.stderr.write(`bench:standalone failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
