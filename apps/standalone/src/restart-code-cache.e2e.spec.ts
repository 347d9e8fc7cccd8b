import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eventually, freePort, repoRoot, standaloneCommand } from '@mpp/testing';

// Most of a restart's speed is V8's code cache of the bundle (libs/runtime's code-cache.ts): a start that rejects the
// cache the start before it wrote compiles the whole platform again, about a second more. V8 rejects a cache made
// under other V8 settings, so a setting changed after the bundle is compiled (PGlite's WASM tuning was, once) makes
// every restart slow without failing anything else. Run on a copy of the built standalone, whose cache is its own.
describe("standalone's restart, read from the code cache its first start wrote", () => {
  // Two levels under dist/, as dist/apps/standalone is (main.js requires the runtime's loader by a relative path), and
  // outside dist/apps, which other specs read as the list of apps.
  const appDir = path.join(repoRoot, 'dist', 'tmp', `standalone-code-cache-${process.pid}`);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mpp-code-cache-'));
  beforeAll(() => {
    mkdirSync(appDir, { recursive: true });
    for (const file of ['main.js', 'app.js']) copyFileSync(path.join(repoRoot, 'dist', 'apps', 'standalone', file), path.join(appDir, file));
  });
  afterAll(() => {
    rmSync(appDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Starts `npm start`'s command on the copy until it serves, then stops it as Ctrl-C does; its exit code. */
  async function startAndStop(): Promise<number | null> {
    const command = standaloneCommand();
    const port = await freePort();
    const child = spawn(process.execPath, [...command.args.slice(0, -1), path.join(appDir, 'main.js')], {
      env: { ...process.env, ...command.env, DATA_DIR: dataDir, PORT: String(port), JWT_SECRET: 'code-cache-e2e-secret-of-sufficient-length', LOG_LEVEL: 'warn' },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await eventually(() => fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.ok || undefined, () => undefined), 120_000, 'standalone ready');
    child.kill('SIGTERM');
    return exited;
  }
  const caches = () => readdirSync(appDir).filter((name) => name.endsWith('.v8-cache')).map((name) => `${name} ${createHash('sha256').update(readFileSync(path.join(appDir, name))).digest('hex')}`);

  it('writes the cache on the first start and reads it, unchanged, on every restart', async () => {
    expect(caches()).toEqual([]);
    expect(await startAndStop()).toBe(0);
    const written = caches();
    expect(written).toHaveLength(1);
    // A cache V8 rejected would be written again, from that run's compile, when the process exits.
    for (let restart = 0; restart < 2; restart++) {
      expect(await startAndStop()).toBe(0);
      expect(caches()).toEqual(written);
    }
  }, 300_000);
});
