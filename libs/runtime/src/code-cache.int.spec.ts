import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadWithCodeCache } from './code-cache';

describe("an app's bundle run through V8's code cache", () => {
  let dir: string;
  let bundle: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'code-cache-'));
    bundle = path.join(dir, 'app.js');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // A bundle as esbuild writes one: CommonJS, requiring what it left outside relative to itself.
  const write = (answer: number) =>
    writeFileSync(bundle, `const path = require('node:path');\nfunction answer() { return ${answer}; }\nmodule.exports = { answer: answer(), dir: path.basename(__dirname), self: path.basename(__filename), resolves: require.resolve('./app.js') };\n`);
  const cacheFiles = () => readdirSync(dir).filter((name) => name.endsWith('.v8-cache'));

  it('compiles without a cache, then runs the next start from the cache that run wrote, as the same module', () => {
    write(42);
    const first = loadWithCodeCache(bundle);
    expect(first.usedCache).toBe(false);
    expect(first.run().exports).toEqual({ answer: 42, dir: path.basename(dir), self: 'app.js', resolves: bundle });
    first.writeCache();
    expect(cacheFiles()).toHaveLength(1);

    const second = loadWithCodeCache(bundle);
    expect(second.usedCache).toBe(true);
    expect(second.run().exports).toEqual({ answer: 42, dir: path.basename(dir), self: 'app.js', resolves: bundle });
  });

  it('never reads the cache of an earlier build of the bundle, even one of the same length', () => {
    write(42);
    const first = loadWithCodeCache(bundle);
    first.run();
    first.writeCache();
    write(43);
    const rebuilt = loadWithCodeCache(bundle);
    expect(rebuilt.usedCache).toBe(false);
    expect((rebuilt.run().exports as { answer: number }).answer).toBe(43);
  });

  it('runs without a cache where none can be written', () => {
    write(42);
    const loaded = loadWithCodeCache(bundle);
    rmSync(dir, { recursive: true, force: true });
    expect(() => loaded.writeCache()).not.toThrow();
  });
});
