#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// soak.mjs: the browser soak of issue #14. Mixed calls across all six methods plus load()/release()
// handles (bench/soak/calls.js: valid calls, malformed files from testdata/malformed, invalid
// configs, aborts and short timeouts), in Chromium, once with the threaded build (cross-origin
// isolated page) and once with the single-threaded one, 256-512 px inputs.
//   node bench/soak.mjs [--calls 10000] [--builds mt,st] [--every 250] [--concurrency 4] [--seed 1]
//                       [--json build/soak.json] [--quiet]
// Every --every calls (all answered) it samples: the workers' wasm memory (service.stats()
// perWorker[].memory: heapBytes, the memory size, which only grows, and mallocBytes, what is
// allocated in it at that moment: a leak shows there first), the page's JS heap after a
// forced GC (CDP HeapProfiler.collectGarbage, then Runtime.getHeapUsage), live workers (the page's
// Worker objects, counted by bench/soak/counters.js, and CDP's worker targets, which include the
// threaded build's pthread workers) and live object URLs.
// Passes when, per build: every call answered with a result or an error of a class its kind
// expects (no crash code); "flat" memory: after the warm-up (the first 10 % of calls), the largest
// value of the last quarter of samples is within 10 % of the largest of the first quarter, for the
// wasm memory size, the wasm bytes allocated and the JS heap; no leaked workers (the page's live
// Workers equal the pool's at every sample and are 0 after dispose(), and CDP reports no worker
// target) or object URLs. (bench/soak/driver.mjs computes these checks.)
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { startServer } from '../web-demo/serve.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/browser/env.js';
import { FLAT, WARMUP, mib, prepareInputs, soakBuild } from './soak/driver.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');

const { values: opt } = parseArgs({
  options: {
    calls: { type: 'string', default: '10000' }, builds: { type: 'string', default: 'mt,st' }, every: { type: 'string', default: '250' },
    concurrency: { type: 'string', default: '4' }, seed: { type: 'string', default: '1' },
    json: { type: 'string', default: 'build/soak.json' }, quiet: { type: 'boolean', default: false },
  },
});
const CALLS = Number(opt.calls);
const EVERY = Math.min(Number(opt.every), CALLS);
const log = (...a) => { if (!opt.quiet) console.log(...a); };

function summary(r) {
  const pct = (x) => `${((x - 1) * 100).toFixed(1)} %`;
  const lines = [
    `${r.build}: ${r.answered}/${CALLS} calls answered in ${r.seconds.toFixed(0)} s (${(CALLS / r.seconds).toFixed(1)} calls/s); `
      + `${r.unexpected.length} unexpected answer(s)`,
    `  wasm memory size (largest worker): first quarter after warm-up ${mib(r.flatness.wasm.first)} MiB, last quarter ${mib(r.flatness.wasm.last)} MiB (${pct(r.flatness.wasm.ratio)})`,
    `  wasm bytes allocated (largest worker): first quarter after warm-up ${mib(r.flatness.malloc.first)} MiB, last quarter ${mib(r.flatness.malloc.last)} MiB (${pct(r.flatness.malloc.ratio)})`,
    `  longest-lived worker #${r.longest.id}: ${r.longest.tasks} tasks; allocated ${mib(r.longest.firstMallocBytes)} MiB after ${r.longest.firstTasks} tasks, `
      + `${mib(r.longest.lastMallocBytes)} MiB after ${r.longest.tasks}`,
    `  JS heap after GC: first quarter after warm-up ${mib(r.flatness.js.first)} MiB, last quarter ${mib(r.flatness.js.last)} MiB (${pct(r.flatness.js.ratio)})`,
    `  workers started ${r.samples.at(-1).started}, recycled ${r.samples.at(-1).recycled}, timed out ${r.samples.at(-1).timedOut}, aborted ${r.samples.at(-1).aborted}, crashed ${r.samples.at(-1).crashed}; `
      + `after dispose: ${r.after.pageWorkers} page worker(s), ${r.after.cdpWorkers} CDP worker target(s), ${r.after.objectUrls} object URL(s) `
      + `(${r.after.urlsCreated} created in all)`,
    `  outcomes: ${Object.entries(r.outcomes).map(([k, o]) => `${k} ${Object.entries(o).map(([x, n]) => `${x}:${n}`).join('/')}`).join(', ')}`,
    `  checks: ${Object.entries(r.checks).map(([k, v]) => `${k} ${v ? 'ok' : 'FAIL'}`).join(', ')}`,
  ];
  for (const u of r.unexpected.slice(0, 20)) lines.push(`  unexpected: call ${u.i} ${u.kind} → ${u.outcome} ${u.code ?? ''} ${u.message} (expected ${u.expected.join('|')})`);
  for (const e of r.pageErrors.slice(0, 5)) lines.push(`  page error: ${e}`);
  return lines.join('\n');
}

const manifest = await prepareInputs();
const servers = { mt: await startServer({ port: 0, isolated: true }), st: await startServer({ port: 0, isolated: false }) };
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const results = [];
try {
  for (const build of opt.builds.split(',')) results.push(await soakBuild(browser, {
    build, origin: servers[build].url, manifest, calls: CALLS, every: EVERY, concurrency: Number(opt.concurrency), seed: Number(opt.seed), log,
  }));
} finally {
  await browser.close();
  await Promise.all(Object.values(servers).map((s) => s.close()));
}
console.log(`\npixelpipe soak: ${CALLS} calls per build, concurrency ${opt.concurrency}, seed ${opt.seed}, samples every ${EVERY} calls; `
  + `flat = last-quarter max ≤ ${FLAT} × first-quarter max after the first ${WARMUP * 100} % of calls`);
for (const r of results) console.log(summary(r));
const file = path.resolve(ROOT, opt.json);
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), calls: CALLS, options: opt, manifest, results }, null, 1));
console.log(`wrote ${path.relative(ROOT, file)}`);
const failed = results.filter((r) => !Object.values(r.checks).every(Boolean));
process.exit(failed.length ? 1 : 0);
