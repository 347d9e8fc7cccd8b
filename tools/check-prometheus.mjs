// `npm run check:prometheus`: the compose profile's Prometheus part against a real Prometheus, without Docker.
// Needs `prometheus` and `promtool` on PATH (Debian: apt-get install prometheus). It
//   1. checks observability/prometheus.yml with promtool;
//   2. starts the built standalone on a fresh DATA_DIR and sends it a few requests;
//   3. lints its /metrics with `promtool check metrics`;
//   4. runs Prometheus with observability/prometheus.yml's settings, its targets swapped for the standalone;
//   5. once two scrapes are in, evaluates every query of the Grafana dashboard (observability/grafana/dashboards) and
//      fails on one Prometheus refuses, or one that finds no series for a metric the platform always has.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';

const root = path.resolve(import.meta.dirname, '..');
// Its report is its output, written as the other tools write theirs.
const say = (line) => process.stdout.write(`${line}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
const children = [];
const work = mkdtempSync(path.join(tmpdir(), 'mpp-check-prometheus-'));
const cleanUp = () => {
  for (const child of children) child.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
};
process.on('exit', cleanUp);
const fail = (message) => {
  process.stderr.write(`check:prometheus FAILED: ${message}\n`);
  process.exit(1);
};
const until = async (what, probe, ms = 60_000) => {
  for (const started = Date.now(); Date.now() - started < ms; await sleep(250)) if (await probe().catch(() => false)) return;
  fail(`${what} within ${ms / 1000} s`);
};

for (const tool of ['prometheus', 'promtool']) {
  try {
    execFileSync(tool, ['--version'], { stdio: 'ignore' });
  } catch {
    fail(`${tool} is not on PATH (Debian: apt-get install prometheus)`);
  }
}
say(execFileSync('prometheus', ['--version'], { encoding: 'utf8' }).split('\n')[0]);

// 1. The configuration compose mounts.
const configFile = path.join(root, 'observability/prometheus.yml');
say(execFileSync('promtool', ['check', 'config', configFile], { encoding: 'utf8' }).trim());

// 2. The platform, with a few requests so the request metrics have series.
const port = await freePort();
const standalone = spawn(process.execPath, [path.join(root, 'dist/apps/standalone/main.js')], {
  env: { ...process.env, DATA_DIR: path.join(work, 'data'), PORT: String(port), JWT_SECRET: 'check-prometheus-secret-of-sufficient-length', LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
children.push(standalone);
const base = `http://127.0.0.1:${port}`;
await until('the standalone ready', async () => (await fetch(`${base}/health/ready`)).ok, 120_000);
// Sign-ins of an account nobody made: a request to identity and back, refused (an outcome other than ok).
for (let i = 0; i < 10; i++) {
  const body = JSON.stringify({ login: `nobody-${i}@example.com`, password: 'not-the-password-1' });
  const answer = await fetch(`${base}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  if (answer.status !== 401) fail(`a sign-in of nobody answered ${answer.status}`);
}

// 3. The exposition itself, as Prometheus' own linter reads it.
const exposition = await (await fetch(`${base}/metrics`)).text();
// Its notes on prom-client's default metrics (nodejs_active_handles_total is a gauge, say) are prom-client's to fix;
// ours must have none.
let lint = '';
try {
  execFileSync('promtool', ['check', 'metrics'], { input: exposition, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
} catch (error) {
  lint = `${error.stdout}${error.stderr}`;
}
const notes = lint.split('\n').filter((line) => line.trim());
const ours = notes.filter((line) => line.startsWith('mpp_'));
say(`promtool check metrics: ${exposition.split('\n').filter((l) => l.startsWith('# TYPE')).length} metric families; ${ours.length} notes on ours, ${notes.length - ours.length} on prom-client's defaults`);
for (const line of notes) say(`  ${line}`);
if (ours.length) fail('promtool check metrics finds problems with our metrics');

// 4. Prometheus with the repo's settings, scraping the standalone as the `app` it would label.
const config = parse(readFileSync(configFile, 'utf8'));
for (const job of config.scrape_configs) job.static_configs = [{ targets: [`127.0.0.1:${port}`], labels: { app: 'standalone' } }];
writeFileSync(path.join(work, 'prometheus.yml'), stringify(config));
const promPort = await freePort();
const prometheus = spawn('prometheus', [`--config.file=${path.join(work, 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(work, 'tsdb')}`, `--web.listen-address=127.0.0.1:${promPort}`], { stdio: 'ignore' });
children.push(prometheus);
const api = async (query) => (await fetch(`http://127.0.0.1:${promPort}/api/v1/${query}`)).json();
await until('Prometheus scraping the standalone', async () => (await api('targets')).data.activeTargets.some((t) => t.health === 'up'));
// Rates need two samples of a counter; the scrape interval is the config's (5 s).
await until('two scrapes in', async () => (await api(`query?query=${encodeURIComponent('count_over_time(up[1m])')}`)).data.result[0]?.value[1] >= 3, 60_000);

// 5. Every query of the dashboard, as Grafana would send it.
const dashboard = JSON.parse(readFileSync(path.join(root, 'observability/grafana/dashboards/mpp.json'), 'utf8'));
// Series the platform has whatever it does (the webhook and dead-letter ones only once something happened).
const alwaysThere = /mpp_projection_lag_events|mpp_projection_lag_seconds|mpp_request_duration_seconds|mpp_kafka_consumer_lag|process_resident_memory_bytes|nodejs_eventloop_lag/;
let problems = 0;
for (const panel of dashboard.panels) {
  for (const target of panel.targets ?? []) {
    const expr = target.expr.replaceAll('$app', '.*').replaceAll('$__rate_interval', '1m');
    const answer = await api(`query?query=${encodeURIComponent(expr)}`);
    const series = answer.data?.result?.length ?? 0;
    const empty = answer.status === 'success' && series === 0 && alwaysThere.test(expr) && !/kafka/.test(expr);
    if (answer.status !== 'success' || empty) problems++;
    say(`${answer.status === 'success' ? (empty ? 'EMPTY' : 'ok   ') : 'ERROR'} ${String(series).padStart(3)} series  ${panel.title}${answer.error ? `: ${answer.error}` : ''}`);
  }
}
if (problems) fail(`${problems} dashboard queries refused or empty`);
say('check:prometheus passed');
process.exit(0);
