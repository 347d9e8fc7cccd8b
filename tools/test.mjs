// `npm test`: builds, then runs every tier (unit, integration, e2e) and ends with one "N passed, N failed" line.
// Arguments (`npm test -- <jest args>`) run one jest with them, as before.
//
// Without arguments, two jest runs go side by side against one PostgreSQL and one Kafka broker, started here once:
// the e2e suites, which spend much of their time waiting on processes, brokers and polls, and the unit and
// integration suites, niced so that they take the CPU the e2e suites leave idle. Each run is in band (one file at a
// time), as one run of everything was; together they take about the e2e suites' time, not the sum.
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

// The infrastructure both runs share (each run's global setup then finds it given).
const { startTestInfrastructure } = require(path.join(root, 'dist/libs/testing/src/test-infrastructure.js'));
const infra = await startTestInfrastructure();
Object.assign(env, { MPP_TEST_PG_URL: infra.postgresUrl, MPP_TEST_KAFKA_BROKERS: infra.kafkaBrokers });

const totalsDir = mkdtempSync(path.join(tmpdir(), 'mpp-test-totals-'));
/**
 * One jest run; its output streamed as it comes, or, when `held`, printed whole once it ends (so that the two runs'
 * failure reports never interleave). Resolves to its totals, written by tools/jest-totals-reporter.cjs.
 */
function jestRun(name, args, { held, nice }) {
  const totalsFile = path.join(totalsDir, `${name}.json`);
  const command = nice ? ['nice', ['-n', '10', 'npx', ...jestArgs, ...args]] : ['npx', [...jestArgs, ...args]];
  const child = spawn(command[0], command[1], { env: { ...env, MPP_TEST_TOTALS_FILE: totalsFile }, stdio: ['ignore', held ? 'pipe' : 'inherit', held ? 'pipe' : 'inherit'] });
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

const runs = await Promise.all([
  jestRun('e2e', ['--selectProjects', 'e2e'], { held: false, nice: false }),
  jestRun('unit and integration', ['--selectProjects', 'unit', 'integration'], { held: true, nice: true }),
]);
rmSync(totalsDir, { recursive: true, force: true });
const passed = runs.reduce((sum, run) => sum + run.passed, 0);
const failed = runs.reduce((sum, run) => sum + run.failed, 0);
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
