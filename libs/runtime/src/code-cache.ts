import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { Script } from 'node:vm';

/**
 * Runs a bundled app (one CommonJS file) through V8's code cache: the bytecode of every function the app compiled
 * in an earlier run is read back instead of parsed and compiled again (about a second of every start of a bundle of
 * this size on a laptop). Node 22 does this itself (module.enableCompileCache); Node 20, which we support, does not,
 * and v8-compile-cache wraps every module, PGlite's included, whose dynamic import of its WASM then fails.
 *
 * The cache sits next to the bundle, named after the bundle's hash, so a rebuilt bundle never reads a stale one
 * (V8 itself only checks the source's length). It is written when the process exits after a run that had none, holding
 * what that run compiled. Where it cannot be written (a read-only image), the app runs without it.
 */
export function runWithCodeCache(file: string): void {
  const loaded = loadWithCodeCache(file);
  if (!loaded.usedCache) process.once('exit', loaded.writeCache);
  loaded.run();
}

/** The bundle compiled (from its cache when there is a good one), to run; and how to write the cache of what it compiled. */
export function loadWithCodeCache(file: string): { usedCache: boolean; run: () => Module; writeCache: () => void } {
  const source = readFileSync(file, 'utf8');
  const cacheFile = `${file}.${createHash('sha256').update(source).digest('hex').slice(0, 16)}.v8-cache`;
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  // No dynamic-import callback: Node 20 drops it from a script compiled from a cache, so the build leaves no import()
  // in a bundle (esbuild turns each into a require). PGlite's own import() of its WASM runs in its own module, outside.
  const script = new Script(Module.wrap(source), { filename: file, cachedData });
  return {
    usedCache: cachedData !== undefined && !script.cachedDataRejected,
    run: () => {
      const module = new Module(file, require.main);
      module.filename = file;
      const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
      wrapper(module.exports, createRequire(file), module, file, path.dirname(file));
      return module;
    },
    writeCache: () => writeCodeCache(script, cacheFile),
  };
}

/** Written beside and renamed into place, so that a process starting meanwhile reads a whole cache or none. */
function writeCodeCache(script: Script, cacheFile: string): void {
  try {
    const partial = `${cacheFile}.${process.pid}`;
    writeFileSync(partial, script.createCachedData());
    renameSync(partial, cacheFile);
  } catch {
    // Read-only, full or gone: the next start compiles again, as it would have without a cache.
  }
}
