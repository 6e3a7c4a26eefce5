#!/usr/bin/env node
// embind-overhead.mjs: what linking with -sDYNAMIC_EXECUTION=0 (no eval/new Function, for strict
// CSP pages) costs. Embind then calls through generic invokers instead of generated ones.
// Compares two builds of the same engine in one Node process, alternating A/B rounds (the
// machine is shared and noisy), on:
//   probe     a header probe of a PNG: almost only the Embind call (value object out)
//   variant   a real call: the 600×400 test photo (decoded once, stored) → 3 variants
//             (resize 300×300 PNG, grayscale raw, gaussian σ2 raw), as generateVariations sends them
// Usage: node bench/embind-overhead.mjs --base <dist of a build without the flag> [--rounds 7]
//   e.g. --base /tmp/dist-base (a copy of dist/ built before the flag). Prints medians per round.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as api from '../js/wasm/module-api.js';
import { normaliseVariationConfigs } from '../js/config/normalise.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const base = arg('base');
if (!base) {
  console.error('usage: node bench/embind-overhead.mjs --base <dist dir built without -sDYNAMIC_EXECUTION=0> [--rounds N]');
  process.exit(2);
}
const rounds = Number(arg('rounds', 7));
const require = createRequire(import.meta.url);
const photo = readFileSync(path.join(root, '..', 'shared', 'testdata', 'photos', 'coffee.png'));
const limits = { maxPixels: 1e8, maxSide: 32768 };
const variants = normaliseVariationConfigs([
  { id: 'thumb', type: 'resize', width: 300, height: 300 },
  { id: 'gray', type: 'color_transform', transform: 'grayscale', format: 'raw' },
  { id: 'blur', type: 'filter', filter: 'gaussian_blur', radius: 2, format: 'raw' },
]);

async function engine(dist) {
  const module = await require(path.resolve(dist, 'node', 'pixelpipe-mt.cjs'))();
  module.setThreads(1); // one thread: the comparison is about the JS↔wasm boundary, not scheduling
  const { ptr, len } = api.copyIn(module, photo);
  const { handle } = api.decodeAt(module, ptr, len, limits);
  return {
    probe: () => api.probeAt(module, ptr, len),
    variant: () => api.runVariations(module, handle, variants, limits),
  };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** ms per call: the median of `reps` timed batches of `n` calls. */
function time(fn, n, reps = 5) {
  const per = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn();
    per.push((performance.now() - t0) / n);
  }
  return median(per);
}

const engines = { base: await engine(base), csp: await engine(path.join(root, 'dist')) };
const results = { base: { probe: [], variant: [] }, csp: { probe: [], variant: [] } };
for (const e of Object.values(engines)) { time(e.probe, 200, 1); time(e.variant, 3, 1); } // warm-up
for (let r = 0; r < rounds; r++) {
  for (const name of r % 2 ? ['csp', 'base'] : ['base', 'csp']) {
    results[name].probe.push(time(engines[name].probe, 2000));
    results[name].variant.push(time(engines[name].variant, 5));
  }
}
const us = (ms) => `${(ms * 1000).toFixed(2)} µs`;
const row = (kind, fmt) => {
  const [b, c] = [median(results.base[kind]), median(results.csp[kind])];
  return `| ${kind} | ${fmt(b)} | ${fmt(c)} | ${fmt(c - b)} (${(((c - b) / b) * 100).toFixed(1)} %) |`;
};
console.log(`Node ${process.version}, ${rounds} alternating rounds, medians\n`);
console.log('| call | base (dynamic execution) | -sDYNAMIC_EXECUTION=0 | difference |');
console.log('| --- | --- | --- | --- |');
console.log(row('probe', us));
console.log(row('variant', (ms) => `${ms.toFixed(2)} ms`));
process.exit(0); // the threaded engines' pthread workers would keep Node alive
