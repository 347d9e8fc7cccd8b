// `npm test`: builds, then runs every tier (unit, integration, e2e) in one jest run.
// Integration and e2e start their infrastructure in libs/testing's global setup.
import { spawnSync } from 'node:child_process';

// PGlite loads its WASM through a dynamic import, which jest's VM only allows with this flag.
const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings=ExperimentalWarning`.trim() };
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env }).status ?? 1;

if (run('npm', ['run', '--silent', 'build']) !== 0) process.exit(1);
// --forceExit: a kafkajs or pg socket still closing must not keep CI waiting after the totals are printed.
process.exit(run('npx', ['jest', '--runInBand', '--forceExit', ...process.argv.slice(2)]));
