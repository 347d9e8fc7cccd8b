// Compiles apps/, libs/, tools/ and bench/ TypeScript into dist/ with SWC (type checking is `npm run typecheck`).
import { transform } from '@swc/wasm';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { build as bundle } from 'esbuild';

const require = createRequire(import.meta.url);
const { swcOptions, root } = require('./swc-options.cjs');
const sources = ['apps', 'libs', 'tools', 'bench'];
const dist = path.join(root, 'dist');

async function* tsFiles(dir) {
  let entries;
  try { entries = await readdir(dir, { withFileTypes: true }); } catch { return; }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    // A lib's own test helpers (libs/<lib>/src/testing) are never built: they import devDependencies. libs/testing
    // is, for the benches (dist/bench), which run with the dev install; no app reaches it (dist-dependencies.e2e.spec).
    if (entry.isDirectory() && entry.name === 'testing' && path.basename(dir) === 'src') continue;
    if (entry.isDirectory()) yield* tsFiles(full);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.spec.ts')) yield full;
  }
}

const started = Date.now();
await rm(dist, { recursive: true, force: true });
const options = swcOptions({ rewritePaths: true });
const jobs = [];
for (const source of sources) {
  for await (const file of tsFiles(path.join(root, source))) {
    const out = path.join(dist, path.relative(root, file)).replace(/\.ts$/, '.js');
    jobs.push(
      readFile(file, 'utf8').then((source) => transform(source, { ...options, filename: file, outputPath: out, swcrc: false, configFile: false })).then(async ({ code, map }) => {
        await mkdir(path.dirname(out), { recursive: true });
        await writeFile(out, `${code}\n//# sourceMappingURL=${path.basename(out)}.map`);
        if (map) await writeFile(`${out}.map`, map);
      }),
    );
  }
}
// The contract the benches' API client checks its calls against (libs/testing reads it next to the client).
jobs.push(mkdir(path.join(dist, 'libs/client'), { recursive: true }).then(() => copyFile(path.join(root, 'libs/client/openapi.json'), path.join(dist, 'libs/client/openapi.json'))));
await Promise.all(jobs);
process.stdout.write(`built ${jobs.length} files into dist/ in ${Date.now() - started} ms\n`);

// Each app runs from one bundled file, dist/apps/<app>/app.js, started by dist/apps/<app>/main.js through V8's code
// cache (libs/runtime's code-cache.ts): a start then reads one file instead of resolving and reading some 2,000, and
// compiles little of it (together about 2 s less of every start and restart on a laptop, more on a busy machine).
// Bundled from the SWC output above, so Nest's decorator metadata is already emitted; the maps chain back to the TS.
// Left outside the bundle, loaded from node_modules at run time:
const external = [
  // packages that read files next to their own code (PGlite's WASM and data, swagger-ui's assets);
  '@electric-sql/*', 'swagger-ui-dist',
  // a package OpenTelemetry instruments by patching it as it is required (Express is not instrumented: the gateway
  // names its request spans itself, and Express is bundled);
  'pg',
  // a native binding (koffi's prebuilt .node files);
  'koffi',
  // drivers and Nest transports only loaded when configured, absent or unused here.
  '@eventstore/db-client', '@nestjs/microservices', '@nestjs/microservices/*', '@nestjs/websockets', '@nestjs/websockets/*', 'class-transformer/storage', 'pg-native',
];
const apps = (await readdir(path.join(root, 'apps'), { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
const bundleStarted = Date.now();
// One esbuild run for every app: the libraries they share are read and parsed once.
await bundle({
  entryPoints: Object.fromEntries(apps.map((app) => [`apps/${app}/app`, path.join(dist, 'apps', app, 'src', 'main.js')])),
  outdir: dist,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  keepNames: true,
  minify: true,
  // import() becomes a promise of require(): the code cache that runs the bundle loses a script's dynamic-import
  // callback on Node 20. Nothing we run imports an ES module at run time (jose is bundled, as CommonJS); the one
  // bundled import() of a package that could be one is Nest's FileTypeValidator's, which we do not use.
  supported: { 'dynamic-import': false },
  sourcemap: true,
  external,
  logLevel: 'error',
});
// Standalone starts PostgreSQL on its data first, from the few plain files of libs/runtime's standalone-prestart.ts,
// so that a restart's longest part (PGlite's start, on its own thread) runs while the bundle is read and compiled.
const first = { standalone: "require('../../libs/runtime/src/standalone-prestart.js').prestartStandaloneDatabase();\n" };
const loader = (app) =>
  "// Written by tools/build.mjs: runs this app's bundle through V8's code cache.\n" +
  (first[app] ?? '') +
  "require('../../libs/runtime/src/code-cache.js').runWithCodeCache(require('node:path').join(__dirname, 'app.js'));\n";
await Promise.all(apps.map((app) => writeFile(path.join(dist, 'apps', app, 'main.js'), loader(app))));
process.stdout.write(`bundled ${apps.join(', ')} into dist/apps/<app>/app.js in ${Date.now() - bundleStarted} ms\n`);

// Standalone's first start loads a new database from PGlite's initdb template instead of running initdb: made here,
// once per machine and PGlite version, so that start does not wait for it.
const { ensurePgliteTemplate } = require(path.join(dist, 'libs/eventsourcing/src/sql/pglite/pglite-template.js'));
const templateStarted = Date.now();
const template = await ensurePgliteTemplate();
if (template.made) process.stdout.write(`made PGlite's initdb template ${path.relative(root, template.dir)} in ${Date.now() - templateStarted} ms (once per machine)\n`);
