// CommonJS entry of q8nn (Node.js): the API of lib/api.mjs (via the generated
// lib/api.cjs), loading the CommonJS glue and reading the .wasm file next to
// this file, whose bytes go to the glue as `wasmBinary`.
'use strict';

const fs = require('fs');
const path = require('path');
const { makeEntry } = require('./lib/api.cjs');

async function loadVariant(variant) {
  const glue = path.join(__dirname, 'wasm', `q8nn-${variant}.cjs`);
  const wasm = path.join(__dirname, 'wasm', `q8nn-${variant}.wasm`);
  if (!fs.existsSync(glue) || !fs.existsSync(wasm)) {
    throw new Error(`q8nn: the '${variant}' build is missing (${wasm}); ` +
                    'run `npm run build` in bindings/js');
  }
  const wasmBinary = await fs.promises.readFile(wasm);
  return { factory: require(glue), wasmBinary };
}

const entry = makeEntry(loadVariant);
entry.default = entry; // `import q8nn from` in transpiled code
module.exports = entry;
