#!/usr/bin/env node
// analyze-ab.mjs: analyzeImage's engine call on the 12 MP bench photo, two builds in one Node
// process, alternating A/B rounds (the machine is shared and noisy; a paired comparison in the
// same minutes is what survives the noise). Times only the Embind call on an image already in
// wasm memory (no worker copy), per type subset, so a change to one stage shows in its row.
// Usage: node bench/analyze-ab.mjs [--base DIR] [--dist DIR] [--rounds 7] [--threads 2] [--build mt|st] [--cpu]
//   A = --base (default: ../main/dist, the main checkout's), B = --dist (default: this checkout's dist).
// Input: build/bench-inputs/photo-4000x3000.rgba (bench/methods/inputs.mjs makes it).
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as api from '../js/wasm/module-api.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const base = path.resolve(arg('base', path.join(root, '..', 'main', 'dist')));
const dist = path.resolve(arg('dist', path.join(root, 'dist')));
const rounds = Number(arg('rounds', 7));
const threads = Number(arg('threads', 2));
const build = arg('build', 'mt');
const input = path.join(root, 'build', 'bench-inputs', 'photo-4000x3000.rgba');
if (!existsSync(input)) {
  console.error(`missing ${input}: run node bench/methods/run.mjs once (bench/methods/inputs.mjs makes it)`);
  process.exit(2);
}
const pixels = readFileSync(input);
const [W, H] = [4000, 3000];
const SUBSETS = {
  analyze3: ['colors', 'composition', 'quality'],
  colors: ['colors'],
  composition: ['composition'],
  quality: ['quality'],
  statsHist: ['stats', 'histogram'],
};
const require = createRequire(import.meta.url);

async function engine(dist) {
  const module = await require(path.join(dist, 'node', `pixelpipe-${build}.cjs`))();
  if (build === 'mt') module.setThreads(threads);
  const { ptr } = api.copyIn(module, pixels);
  const { handle } = api.adoptAt(module, ptr, W, H, { maxPixels: 1e8, maxSide: 32768 });
  const run = (types) => api.callEngine(module, 'analyzeImage', [handle, { types }]);
  return { run };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
// --cpu: the process's CPU time instead of wall time. With the st build (one thread) that is the
// work itself, far less sensitive to a loaded machine than wall time (which other agents stretch).
const cpu = process.argv.includes('--cpu');
function time(fn) {
  const [t0, c0] = [performance.now(), process.cpuUsage()];
  fn();
  const c = process.cpuUsage(c0);
  return { ms: cpu ? (c.user + c.system) / 1000 : performance.now() - t0 };
}

const engines = { A: await engine(base), B: await engine(dist) };
const ms = { A: {}, B: {} };
const same = {};
for (const [row, types] of Object.entries(SUBSETS)) {
  const a = engines.A.run(types); // warm-up, and the results compared below
  const b = engines.B.run(types);
  const { ok: _a, ...ra } = a;
  const { ok: _b, ...rb } = b;
  same[row] = JSON.stringify(ra) === JSON.stringify(rb);
  ms.A[row] = [];
  ms.B[row] = [];
}
for (let r = 0; r < rounds; r++) {
  for (const name of r % 2 ? ['B', 'A'] : ['A', 'B']) {
    for (const [row, types] of Object.entries(SUBSETS)) ms[name][row].push(time(() => engines[name].run(types)).ms);
  }
}
console.log(`Node ${process.version}, ${build} build, ${build === 'mt' ? threads : 1} thread(s), ${rounds} alternating rounds, median ${cpu ? 'CPU' : 'wall'} ms`);
console.log(`A = ${base}\nB = ${dist}\n`);
console.log('| types | A | B | B / A | identical JSON |');
console.log('| --- | --- | --- | --- | --- |');
for (const row of Object.keys(SUBSETS)) {
  const [a, b] = [median(ms.A[row]), median(ms.B[row])];
  console.log(`| ${row} | ${a.toFixed(1)} | ${b.toFixed(1)} | ${(b / a).toFixed(2)} | ${same[row] ? 'yes' : 'no'} |`);
}
process.exit(0); // the threaded engines' pthread workers would keep Node alive
