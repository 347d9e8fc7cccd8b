// One SWC configuration for the build (tools/build.mjs) and for jest, so tests run the code as shipped.
const path = require('node:path');
const { compilerOptions } = require('../tsconfig.base.json');

const root = path.resolve(__dirname, '..');

/** SWC options; `rewritePaths` turns @mpp/* imports into relative ones for the dist build. */
function swcOptions({ rewritePaths }) {
  return {
    sourceMaps: true,
    module: { type: 'commonjs' },
    jsc: {
      target: 'es2022',
      keepClassNames: true,
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      ...(rewritePaths ? { baseUrl: root, paths: compilerOptions.paths } : {}),
    },
  };
}

module.exports = { swcOptions, root };
