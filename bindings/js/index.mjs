// ES module entry of q8nn (Node.js and browsers): the API of lib/api.mjs,
// loading a build's glue and the bytes of its .wasm file (passed to the glue
// as `wasmBinary`, so that Emscripten's loader never fetches a path).
//   Node.js: the CommonJS glue (Emscripten 3.1.6's ES6 glue assumes
//            __dirname under Node.js) and the .wasm read from disk.
//   Browsers and workers: the ES6 glue, and the .wasm fetched from
//            new URL('./wasm/...', import.meta.url).
import { makeEntry } from './lib/api.mjs';

const isNode = typeof process === 'object' && typeof process.versions === 'object' &&
  typeof process.versions.node === 'string';

// Literal paths, so that bundlers can see them.
function wasmUrl(variant) {
  return variant === 'simd' ? new URL('./wasm/q8nn-simd.wasm', import.meta.url)
                            : new URL('./wasm/q8nn-scalar.wasm', import.meta.url);
}

async function loadVariant(variant) {
  const url = wasmUrl(variant);
  if (isNode) {
    const [{ createRequire }, { readFile }] =
      await Promise.all([import('node:module'), import('node:fs/promises')]);
    const require = createRequire(import.meta.url);
    let wasmBinary;
    try {
      wasmBinary = await readFile(url);
    } catch (error) {
      throw new Error(`q8nn: the '${variant}' build is missing (${url.pathname}); ` +
                      'run `npm run build` in bindings/js', { cause: error });
    }
    return { factory: require(`./wasm/q8nn-${variant}.cjs`), wasmBinary };
  }
  const [glue, response] = await Promise.all([
    variant === 'simd' ? import('./wasm/q8nn-simd.mjs') : import('./wasm/q8nn-scalar.mjs'),
    fetch(url, { credentials: 'same-origin' }),
  ]);
  if (!response.ok) throw new Error(`q8nn: fetching ${url} failed: HTTP ${response.status}`);
  return { factory: glue.default, wasmBinary: new Uint8Array(await response.arrayBuffer()) };
}

const entry = makeEntry(loadVariant);
export const { init, getDefault, simdSupported, Q8nnError, VARIANTS } = entry;
export default entry;
