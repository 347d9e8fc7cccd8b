import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

// What `npm start` and the images ship is dist/: it must run with the production dependencies alone
// (the Dockerfile installs with --omit=dev), so no file there may require a devDependency or test-only code.
const root = path.resolve(__dirname, '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

function* jsFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* jsFiles(full);
    else if (entry.name.endsWith('.js')) yield full;
  }
}

/** `kafkajs` of 'kafkajs', `@nestjs/core` of '@nestjs/core/x': the package a bare specifier names. */
const packageOf = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

describe('the build in dist/', () => {
  it('requires only production dependencies and Node built-ins, and holds no test-only code', () => {
    const files = [...jsFiles(path.join(root, 'dist'))];
    const offending: string[] = [];
    for (const file of files) {
      for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/require\("([^".][^"]*)"\)/g)) {
        const name = packageOf(specifier.replace(/^node:/, ''));
        if (!builtinModules.includes(name) && !(name in manifest.dependencies)) offending.push(`${path.relative(root, file)} requires ${specifier}`);
      }
    }
    expect(files.length).toBeGreaterThan(100);
    expect(offending).toEqual([]);
    expect(files.filter((f) => f.split(path.sep).includes('testing'))).toEqual([]);
  });
});
