// Jest transformer on @swc/wasm: the same compiler and options as the build (tools/build.mjs), with no
// native binary to install per platform.
const { transformSync } = require('@swc/wasm');
const { swcOptions } = require('./swc-options.cjs');

const options = swcOptions({ rewritePaths: false });

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, { ...options, filename, sourceMaps: true, swcrc: false, configFile: false });
    return { code, map };
  },
};
