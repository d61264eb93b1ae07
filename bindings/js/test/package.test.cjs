// The npm package as users get it: `npm pack`, install the tarball into an
// empty folder, then run a convolution through require('q8nn') and through
// an ES module import of 'q8nn'.
'use strict';

const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.join(__dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

// A 3x3 box filter over a 4x4 image (README.md's example), printing the output.
const program = (load) => `${load}
const api = await q8nn.init();
const conv = new api.Convolution({
  kernelSize: 3, padding: 1, groupInputChannels: 1, groupOutputChannels: 1,
  inputQuantization: { scale: 1, zeroPoint: 0 }, kernelQuantization: { scale: 1, zeroPoint: 0 },
  outputQuantization: { scale: 9, zeroPoint: 0 }, weights: new Uint8Array(9).fill(1),
  bias: new Int32Array(1) });
const input = Uint8Array.from({ length: 16 }, (_, i) => i * 16);
console.log(api.variant, Array.from(conv.run(input, { height: 4, width: 4 })).join(' '));
conv.delete();`;

const EXPECTED = '18 32 43 32 48 80 96 69 91 144 160 112 75 117 128 89';

test('npm pack installs into an empty folder and runs from CommonJS and ESM', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'q8nn-pack-'));
  try {
    const env = { ...process.env, npm_config_loglevel: 'error', npm_config_fund: 'false',
                  npm_config_audit: 'false', npm_config_update_notifier: 'false' };
    const packed = JSON.parse(execFileSync(npm, ['pack', '--json', '--pack-destination', work],
                                           { cwd: root, env, encoding: 'utf8' }));
    const files = packed[0].files.map((f) => f.path);
    for (const file of ['index.mjs', 'index.cjs', 'index.d.ts', 'lib/api.mjs', 'lib/api.cjs',
                        'wasm/q8nn-simd.wasm', 'wasm/q8nn-simd.cjs', 'wasm/q8nn-simd.mjs',
                        'wasm/q8nn-scalar.wasm', 'wasm/q8nn-scalar.cjs',
                        'wasm/q8nn-scalar.mjs']) {
      expect(files).toContain(file);
    }
    expect(files.some((f) => f.startsWith('test/') || f.startsWith('src/'))).toBe(false);

    const app = path.join(work, 'app');
    fs.mkdirSync(app);
    execFileSync(npm, ['install', '--offline', path.join(work, packed[0].filename)],
                 { cwd: app, env, encoding: 'utf8' });

    const cjs = execFileSync(process.execPath, ['-e', `(async () => {${program(
      "const q8nn = require('q8nn');")}})().catch((e) => { console.error(e); process.exit(1); });`],
    { cwd: app, encoding: 'utf8' });
    expect(cjs.trim()).toMatch(new RegExp(`^(simd|scalar) ${EXPECTED}$`));

    const esm = execFileSync(process.execPath, ['--input-type=module', '-e',
      program("import * as q8nn from 'q8nn';")], { cwd: app, encoding: 'utf8' });
    expect(esm.trim()).toMatch(new RegExp(`^(simd|scalar) ${EXPECTED}$`));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
});
