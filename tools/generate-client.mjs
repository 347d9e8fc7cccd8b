// `npm run generate:client`: libs/client's types, generated from the gateway's OpenAPI document with openapi-typescript.
// The document is built offline (tools/openapi-document.ts: the gateway's real routes and conventions booted without
// services, database, broker or port), its TypeScript compiled in memory with the build's SWC options (no dist/).
// `--check`: regenerate in memory and exit 1 when the committed files differ (CI, libs/client/src/client.spec.ts).
import { transformSync } from '@swc/wasm';
import { readFileSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';

const require = createRequire(import.meta.url);
const { swcOptions, root } = require('./swc-options.cjs');

const check = process.argv.includes('--check');
const outputs = {
  json: path.join(root, 'libs/client/openapi.json'),
  types: path.join(root, 'libs/client/src/openapi.d.ts'),
};

// Our TypeScript, required as the build compiles it (@mpp/* rewritten to relative paths), only while generating.
const options = swcOptions({ rewritePaths: true });
Module._extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...options, filename, sourceMaps: 'inline', swcrc: false, configFile: false });
  module._compile(code, filename);
};

const { openApiDocument } = require('./openapi-document.ts');
const document = JSON.parse(JSON.stringify(await openApiDocument()));

const header = `${COMMENT_HEADER.trimEnd()}\n// Generated from libs/client/openapi.json (the gateway's GET /docs/openapi.json) by \`npm run generate:client\`.\n\n`;
const generated = {
  json: `${JSON.stringify(document, null, 2)}\n`,
  // defaultNonNullable off: a property with a default stays optional, as the document says (a request may leave it out).
  types: header + astToString(await openapiTS(structuredClone(document), { silent: true, defaultNonNullable: false })),
};

const read = (file) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};
const stale = Object.keys(outputs).filter((key) => read(outputs[key]) !== generated[key]);

if (check) {
  if (stale.length) {
    process.stderr.write(`libs/client is stale: run npm run generate:client (${stale.map((key) => path.relative(root, outputs[key])).join(', ')} differ)\n`);
    process.exit(1);
  }
  process.stdout.write('libs/client is up to date\n');
} else {
  for (const key of stale) writeFileSync(outputs[key], generated[key]);
  process.stdout.write(stale.length ? `wrote ${stale.map((key) => path.relative(root, outputs[key])).join(', ')}\n` : 'libs/client is up to date\n');
}
// Nest and pino may keep handles open a moment; the work is done.
process.exit(0);
