// Fails (before `npm pack` / `npm publish`, and before the tests) unless both
// builds (or those named in Q8NN_JS_VARIANTS, e.g. "scalar") are in wasm/.
import { existsSync } from 'node:fs';

const variants = (process.env.Q8NN_JS_VARIANTS || 'simd,scalar').split(',').filter(Boolean);
const missing = [];
for (const variant of variants) {
  for (const ext of ['cjs', 'mjs', 'wasm']) {
    const file = new URL(`../wasm/q8nn-${variant}.${ext}`, import.meta.url);
    if (!existsSync(file)) missing.push(`wasm/q8nn-${variant}.${ext}`);
  }
}
if (missing.length > 0) {
  console.error(`q8nn: missing ${missing.join(', ')}: run \`npm run build\` first`);
  process.exit(1);
}
