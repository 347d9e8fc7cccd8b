import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

// What `npm start`, `start:cluster` and the images run is dist/: every file an app's entry point reaches must run
// with the production dependencies alone (the Dockerfile installs with --omit=dev), so none may require a
// devDependency or test-only code. The benches in dist/bench run with the dev install and may.
const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

/** `kafkajs` of 'kafkajs', `@nestjs/core` of '@nestjs/core/x': the package a bare specifier names. */
const packageOf = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

/** Every dist file the entry points require, directly or through each other, and the packages they require. */
function reached(entries: string[]): { files: Set<string>; packages: Map<string, string> } {
  const files = new Set<string>();
  const packages = new Map<string, string>();
  const pending = [...entries];
  for (let file = pending.pop(); file; file = pending.pop()) {
    if (files.has(file)) continue;
    files.add(file);
    if (file.endsWith('(missing)')) continue;
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/require\("([^"]+)"\)/g)) {
      if (specifier.startsWith('.')) {
        const target = path.resolve(path.dirname(file), specifier);
        pending.push([target, `${target}.js`, path.join(target, 'index.js')].find((f) => existsSync(f) && f.endsWith('.js')) ?? `${target} (missing)`);
      } else {
        packages.set(packageOf(specifier.replace(/^node:/, '')), path.relative(root, file));
      }
    }
  }
  return { files, packages };
}

describe('the build in dist/', () => {
  it('runs every app with production dependencies only: no devDependency, no test-only code, no missing file', () => {
    const apps = readdirSync(path.join(dist, 'apps')).map((app) => path.join(dist, 'apps', app, 'src', 'main.js'));
    const { files, packages } = reached([...apps, path.join(dist, 'tools', 'cluster.js')]);
    expect(files.size).toBeGreaterThan(100);
    expect([...files].filter((f) => f.endsWith('(missing)') || f.split(path.sep).includes('testing')).map((f) => path.relative(root, f))).toEqual([]);
    const offending = [...packages].filter(([name]) => !builtinModules.includes(name) && !(name in manifest.dependencies));
    expect(offending.map(([name, file]) => `${file} requires ${name}`)).toEqual([]);
  });

  it("runs every app's bundle (dist/apps/<app>/app.js) with what it leaves outside: builtins, and production dependencies or theirs", () => {
    // A package a dependency of ours declares (even optionally, as Nest's transports) is one the production install has
    // or that the dependency loads only when present.
    const declaredBy = (name: string) => {
      const { dependencies = {}, optionalDependencies = {}, peerDependencies = {} } = JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
      return Object.keys({ ...dependencies, ...optionalDependencies, ...peerDependencies });
    };
    const production = new Set([...Object.keys(manifest.dependencies), ...Object.keys(manifest.dependencies).flatMap(declaredBy)]);
    const bundles = readdirSync(path.join(dist, 'apps')).map((app) => path.join(dist, 'apps', app, 'app.js'));
    expect(bundles.filter((bundle) => !existsSync(bundle)).map((bundle) => path.relative(root, bundle))).toEqual([]);
    // Run through V8's code cache, a script loses its dynamic-import callback (Node 20): the build turns import() into require().
    expect(bundles.filter((bundle) => /[^\w.$]import\(/.test(readFileSync(bundle, 'utf8'))).map((bundle) => path.relative(root, bundle))).toEqual([]);
    const outside = bundles.flatMap((bundle) => [...readFileSync(bundle, 'utf8').matchAll(/require\("([^"]+)"\)/g)].map(([, specifier]) => ({ bundle, name: packageOf(specifier.replace(/^node:/, '')) })));
    expect(outside.map(({ name }) => name)).toContain('@electric-sql/pglite');
    const offending = outside.filter(({ name }) => !builtinModules.includes(name) && !production.has(name));
    expect(offending.map(({ bundle, name }) => `${path.relative(root, bundle)} requires ${name}`)).toEqual([]);
  });

  it('builds what the benches import (they run from dist/bench)', () => {
    const benches = readdirSync(path.join(dist, 'bench')).filter((f) => f.endsWith('.js')).map((f) => path.join(dist, 'bench', f));
    const { files } = reached(benches);
    expect([...files].filter((f) => f.endsWith('(missing)')).map((f) => path.relative(root, f))).toEqual([]);
  });
});
