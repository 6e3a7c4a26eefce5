#!/usr/bin/env node
// size-breakdown.mjs: which library the shipped wasm's code comes from (issues #11 and #12: the
// core build's 1.5 MB budget). Relinks the build's wasm once (the same em++ command ninja runs,
// which keeps function names for split-wasm.mjs, output into a temporary folder; the whole module
// before the core/deferred split is its .wasm.orig), reads each function body's size and
// name from the module, and attributes every name to the static archive that defines it
// (llvm-nm -C over the build's archives): each Halide pipeline, pixelpipe's core, libjpeg-turbo,
// libwebp, Little CMS, libdeflate; names no archive defines are emscripten's libc, libc++ and Embind.
//   node scripts/size-breakdown.mjs [--build mt|st] [--top N]
// Needs a finished `node scripts/build.mjs`. Sizes are code-section bytes (the data section is
// reported apart); the shipped file is the module without the names.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { functionsOf, ownerOf, readModule, symbolOwners } from './lib/wasm-names.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, dflt) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : dflt; };
const build = arg('build', 'mt');
const top = Number(arg('top', 0));
const dir = path.join(root, 'build', `wasm-${build}`);
const target = `dist/web/pixelpipe-${build}.mjs`;

const tmp = mkdtempSync(path.join(os.tmpdir(), 'pp-size-'));
try {
  // The link line alone: ninja appends the post-link split (which would act on the build's own files).
  const command = execFileSync('ninja', ['-C', dir, '-t', 'commands', target], { encoding: 'utf8' }).trim().split('\n').pop()
    .replace(/^: && /, '').split(' && ')[0];
  const relinked = command.replace(` -o ${target}`, ` -o ${path.join(tmp, 'm.mjs')}`);
  if (relinked === command) throw new Error(`cannot find '-o ${target}' in the link command`);
  // The JS post-processing may fail outside scripts/build.mjs's environment; the .wasm is written first.
  try { execFileSync('/bin/sh', ['-c', relinked], { cwd: dir, stdio: 'ignore', env: { ...process.env, NODE_PATH: '/usr/share/nodejs' } }); } catch { /* checked below */ }
  const mod = readModule(readFileSync(path.join(tmp, 'm.wasm.orig')));
  const owners = symbolOwners(dir);
  const groups = new Map();
  const named = [];
  for (const { name, size } of functionsOf(mod)) {
    const owner = ownerOf(name, owners).archive;
    groups.set(owner, (groups.get(owner) ?? 0) + size);
    named.push([size, name, owner]);
  }
  const total = mod.bodies.reduce((s, b) => s + b, 0);
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  console.log(`${build}: code ${kib(total)} in ${mod.bodies.length} functions, data ${kib(mod.dataBytes)}\n\n| source | code | share |\n| --- | --- | --- |`);
  for (const [label, size] of [...groups].sort((a, b) => b[1] - a[1])) console.log(`| ${label} | ${kib(size)} | ${(100 * size / total).toFixed(1)} % |`);
  if (top) {
    console.log(`\nlargest ${top} functions:`);
    for (const [size, name, owner] of named.sort((a, b) => b[0] - a[0]).slice(0, top)) console.log(`${String(size).padStart(8)}  ${owner.padEnd(22)} ${name.slice(0, 100)}`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
