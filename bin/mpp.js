#!/usr/bin/env node
/* eslint-disable @typescript-eslint/no-require-imports -- a plain CommonJS bin: it runs before and without any build step */
// `npx mpp` in this repository, or `mpp` once installed: the developer CLI, from the build (npm run build).
const path = require('node:path');
const main = path.join(__dirname, '..', 'dist', 'apps', 'cli', 'main.js');
try {
  require.resolve(main);
} catch {
  process.stderr.write('mpp is not built yet: run npm run build in the repository first\n');
  process.exit(1);
}
require(main);
