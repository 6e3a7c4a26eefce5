// SPDX-License-Identifier: MIT
// Cold start (issue #12: "import + create() until ready <= 120 ms"): in headless Chromium, the time
// from `import('/js/index.js')` to `ImageProcessingService.create()` resolving (the first worker's
// engine instantiated and answering; for mt with its pthread pool started).
//   node bench/cold-start.mjs [--runs 7] [--builds mt,st]
// 'first visit': a fresh browser context per run (empty HTTP and code caches: the wasm is fetched
// and compiled). 'repeat visit': the same context reloaded (cached bytes; Chromium may reuse the
// compiled wasm from its code cache). Served from localhost, so transfer time is ~0: add the
// network's time for the gzip sizes in `node scripts/size-report.mjs`. Medians of the runs.
// 'compile only': in a fresh context, fetching the build's .wasm and WebAssembly.compile() alone,
// the part of a first visit that grows with the module's size. 'deferred code': on the first visit,
// what the first call into the deferred module (scripts/split-wasm.mjs) adds — analyzeImage of a
// 64×64 image, first call minus second — its fetch and compile on each engine thread that runs it.
import { chromium } from '@playwright/test';
import { startServer } from '../web-demo/serve.mjs';

const arg = (name, dflt) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : dflt; };
const RUNS = Number(arg('runs', 7));
const BUILDS = arg('builds', 'mt,st').split(',');
const median = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];

async function compileOnly(page, url, build) {
  await page.goto(url);
  return page.evaluate(async (b) => {
    const t0 = performance.now();
    await WebAssembly.compile(await (await fetch(`/dist/web/pixelpipe-${b}.wasm`)).arrayBuffer());
    return performance.now() - t0;
  }, build);
}

/** In a page of the origin: ms from the import to create() resolving, and the build that answered. */
async function startOnce(page, url) {
  await page.goto(url);
  return page.evaluate(async () => {
    const t0 = performance.now();
    const pp = await import('/js/index.js');
    const importMs = performance.now() - t0;
    const svc = await pp.ImageProcessingService.create({ cache: null });
    const ms = performance.now() - t0;
    const { build } = await svc.capabilities();
    const tiny = { width: 64, height: 64, data: new Uint8Array(64 * 64 * 4).map((_, i) => (i * 7) & 255) };
    const timed = async () => { const t = performance.now(); await svc.analyzeImage(tiny, ['colors', 'quality']); return performance.now() - t; };
    const deferredMs = (await timed()) - (await timed());
    await svc.dispose();
    return { ms, importMs, build, deferredMs };
  });
}

const servers = { mt: await startServer({ port: 0, isolated: true }), st: await startServer({ port: 0, isolated: false }) };
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  console.log('| build | first visit ms (median) | repeat visit ms (median) | of which the import (first visit) | compile only ms (median) | deferred code, first call ms (first visit) | runs |\n| --- | --- | --- | --- | --- | --- | --- |');
  for (const build of BUILDS) {
    const url = servers[build].url + 'bench/blank.html';
    const first = [], repeat = [], compile = [], imports = [], deferred = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const a = await startOnce(page, url);
      const b = await startOnce(page, url);
      if (a.build !== build || b.build !== build) throw new Error(`expected the ${build} build, got ${a.build}/${b.build}`);
      first.push(a.ms);
      imports.push(a.importMs);
      deferred.push(a.deferredMs);
      repeat.push(b.ms);
      await context.close();
      const fresh = await browser.newContext();
      compile.push(await compileOnly(await fresh.newPage(), url, build));
      await fresh.close();
    }
    console.log(`| ${build} | ${median(first).toFixed(0)} | ${median(repeat).toFixed(0)} | ${median(imports).toFixed(0)} | ${median(compile).toFixed(0)} | ${median(deferred).toFixed(0)} | ${RUNS} |`);
  }
} finally {
  await browser.close();
  for (const s of Object.values(servers)) await s.close();
}
