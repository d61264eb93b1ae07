// Generates lib/api.cjs (CommonJS) from lib/api.mjs (the one hand-written
// copy of the API), so that index.cjs can require it: every top-level
// `export function|class|const NAME` loses its `export` keyword and the names
// are gathered into module.exports. api.mjs must not import anything.
// Writes only when the result changes, atomically (tests may be reading it).
import { readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';

const source = new URL('../lib/api.mjs', import.meta.url);
const target = new URL('../lib/api.cjs', import.meta.url);
const text = readFileSync(source, 'utf8');

if (/^\s*import\s/m.test(text)) throw new Error('lib/api.mjs must not import anything');
const names = [];
const body = text.replace(/^export (async function|function|class|const) ([A-Za-z_$][\w$]*)/gm,
  (_, keyword, name) => {
    names.push(name);
    return `${keyword} ${name}`;
  });
if (/^export\b/m.test(body)) throw new Error('lib/api.mjs: an export form gen-cjs does not know');

const output = "// Generated from api.mjs by scripts/gen-cjs.mjs: do not edit.\n'use strict';\n\n" +
  `${body}\nmodule.exports = { ${names.join(', ')} };\n`;
if (!existsSync(target) || readFileSync(target, 'utf8') !== output) {
  const temporary = new URL(`../lib/.api.cjs.${process.pid}`, import.meta.url);
  writeFileSync(temporary, output);
  renameSync(temporary, target);
}
