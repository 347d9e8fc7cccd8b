// `npm test`: builds, then runs every tier (unit, integration, e2e) and ends with one "N passed, N failed" line.
// Arguments (`npm test -- <jest args>`) run one jest with them, as before.
//
// Without arguments, two jest runs go side by side: the e2e suites, which spend much of their time waiting on
// processes, brokers and polls, and the unit and integration suites, niced so that the e2e suites keep the CPU they
// need. Each run is in band (one file at a time). They share PostgreSQL (every spec has databases of its own) but not
// Kafka: the integration specs use the services' own topic names (`ordering.requests`), which the e2e cluster's apps
// consume, so the second run gets a broker of its own. Where the infrastructure is not this machine's (given, or
// containers), the two runs go one after the other instead.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
// PGlite loads its WASM through a dynamic import, which jest's VM only allows with this flag.
const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings=ExperimentalWarning`.trim() };
// --forceExit: a kafkajs or pg socket still closing must not keep CI waiting after the totals are printed.
const jestArgs = ['jest', '--runInBand', '--forceExit'];

if (spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit', env }).status !== 0) process.exit(1);
const extra = process.argv.slice(2);
if (extra.length > 0) process.exit(spawnSync('npx', [...jestArgs, ...extra], { stdio: 'inherit', env }).status ?? 1);

// The e2e run's infrastructure; each run's global setup then finds it given.
const { startTestInfrastructure, startLocalKafka, stopLocalKafka } = require(path.join(root, 'dist/libs/testing/src/test-infrastructure.js'));
const infra = await startTestInfrastructure();
const e2eEnv = { ...env, MPP_TEST_PG_URL: infra.postgresUrl, MPP_TEST_KAFKA_BROKERS: infra.kafkaBrokers };
const side = infra.kind === 'local';
// The second run's broker: on the first one's ports + 1000.
const SECOND_BROKER = 1000;
const unitEnv = side ? { ...e2eEnv, MPP_TEST_KAFKA_BROKERS: startLocalKafka(SECOND_BROKER) } : e2eEnv;

const totalsDir = mkdtempSync(path.join(tmpdir(), 'mpp-test-totals-'));
/**
 * One jest run; its output streamed as it comes, or, when `held`, printed whole once it ends (so that the two runs'
 * failure reports never interleave). Resolves to its totals, written by tools/jest-totals-reporter.cjs.
 */
function jestRun(name, args, { env: runEnv, held, nice }) {
  const totalsFile = path.join(totalsDir, `${name}.json`);
  const command = nice ? ['nice', ['-n', '5', 'npx', ...jestArgs, ...args]] : ['npx', [...jestArgs, ...args]];
  const child = spawn(command[0], command[1], { env: { ...runEnv, MPP_TEST_TOTALS_FILE: totalsFile }, stdio: ['ignore', held ? 'pipe' : 'inherit', held ? 'pipe' : 'inherit'] });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      if (held) process.stdout.write(`\n----- ${name} -----\n${output}----- end of ${name} -----\n`);
      let totals;
      try {
        totals = JSON.parse(readFileSync(totalsFile, 'utf8'));
      } catch {
        // A run that died before its reporter wrote: count it as a failure, so CI never passes on half the tests.
        totals = { passed: 0, failed: 1 };
      }
      if (code !== 0 && totals.failed === 0) totals.failed = 1;
      resolve(totals);
    });
  });
}

const e2e = () => jestRun('e2e', ['--selectProjects', 'e2e'], { env: e2eEnv, held: false, nice: false });
const unitAndIntegration = () => jestRun('unit and integration', ['--selectProjects', 'unit', 'integration'], { env: unitEnv, held: side, nice: side });
const runs = side ? await Promise.all([e2e(), unitAndIntegration()]) : [await e2e(), await unitAndIntegration()];
if (side) stopLocalKafka(SECOND_BROKER);
rmSync(totalsDir, { recursive: true, force: true });
const passed = runs.reduce((sum, run) => sum + run.passed, 0);
const failed = runs.reduce((sum, run) => sum + run.failed, 0);
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
