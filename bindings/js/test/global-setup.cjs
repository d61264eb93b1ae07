// Jest globalSetup: regenerates lib/api.cjs from lib/api.mjs, so that
// `npx jest` tests the current API even without `npm test`'s pretest, and
// checks that both builds are there.
'use strict';

const { execFileSync } = require('child_process');
const path = require('path');

module.exports = async () => {
  const root = path.join(__dirname, '..');
  execFileSync(process.execPath, [path.join(root, 'scripts', 'gen-cjs.mjs')], { stdio: 'inherit' });
  execFileSync(process.execPath, [path.join(root, 'scripts', 'check-wasm.mjs')],
               { stdio: 'inherit' });
};
