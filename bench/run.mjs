#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// pixelpipe benchmark: the same photo and the same four workloads on every engine, in one run.
//
//   npm run bench                      (builds first, then runs this)
//   node bench/run.mjs [--runs 5] [--warmup 1] [--image FILE] [--engines a,b] [--workloads a,b] [--no-save]
//
// Engines
//   pixelpipe-mt  ImageProcessingService in a cross-origin isolated page (threads + SIMD, in a Worker)
//   pixelpipe-st  ImageProcessingService in a page WITHOUT COOP/COEP (single-threaded fallback)
//   wasm-vips     wasm-vips 0.0.19 (libvips, pthreads) on the isolated page's main thread, cache off
//   canvas        Chromium's Canvas 2D: createImageBitmap decode, drawImage scaling, ctx.filter, convertToBlob
//   native        pixelpipe's native host build (build/host/src/pixelpipe_native run …), one process per
//                 run; the table uses the in-process time the CLI prints (bestTotalMs of 1 repeat:
//                 decode + pipeline + encode), the JSON also has the wall time. The limit for wasm.
// Workloads (encoded bytes in → result in memory): decode, thumbnail (fit inside 300×300, JPEG q80),
// blur (Gaussian sigma 5 = radius 5), grayscale. Reported: median of --runs after --warmup runs,
// and the ratio to wasm-vips (ratio < 1 = faster than wasm-vips).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { startServer } from '../web-demo/serve.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const TESTDATA = process.env.PIXELPIPE_TESTDATA || path.resolve(ROOT, '..', 'shared', 'testdata');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ALL_ENGINES = ['pixelpipe-mt', 'pixelpipe-st', 'wasm-vips', 'canvas', 'native'];
const ALL_WORKLOADS = ['decode', 'thumbnail', 'blur', 'grayscale'];
const NATIVE = process.env.PIXELPIPE_NATIVE || path.join(ROOT, 'build', 'host', 'src', 'pixelpipe_native');

function parseArgs(argv) {
  const a = {
    runs: 5, warmup: 1, save: true,
    image: path.join(TESTDATA, 'photos', 'Kleiber_by_Lukas_Baubkus.jpg'),
    engines: ALL_ENGINES, workloads: ALL_WORKLOADS,
  };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = () => argv[++i];
    if (k === '--runs') a.runs = Math.max(1, Number(v()));
    else if (k === '--warmup') a.warmup = Math.max(0, Number(v()));
    else if (k === '--image') a.image = path.resolve(v());
    else if (k === '--engines') a.engines = v().split(',');
    else if (k === '--workloads') a.workloads = v().split(',');
    else if (k === '--no-save') a.save = false;
    else if (k === '--help' || k === '-h') {
      console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 19).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
      process.exit(0);
    } else { console.error(`bench: unknown argument ${k}`); process.exit(2); }
  }
  for (const e of a.engines) if (!ALL_ENGINES.includes(e)) { console.error(`bench: unknown engine ${e}`); process.exit(2); }
  for (const w of a.workloads) if (!ALL_WORKLOADS.includes(w)) { console.error(`bench: unknown workload ${w}`); process.exit(2); }
  return a;
}

const median = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x, d = 1) => (x == null ? null : Math.round(x * 10 ** d) / 10 ** d);

/** Run one engine's workloads in a page; returns { info, results: { workload: {...} } } or { error }. */
async function benchInPage(page, engineKey, pageEngine, opts, log) {
  let info;
  try {
    info = await page.evaluate((e) => window.bench.setup(e), pageEngine);
  } catch (err) {
    return { error: `setup failed: ${firstLine(err)}` };
  }
  log(`  ${engineKey}: ${JSON.stringify(info)}`);
  const results = {};
  for (const w of opts.workloads) {
    const times = [];
    let out = null;
    try {
      for (let i = 0; i < opts.warmup + opts.runs; i++) {
        const r = await page.evaluate(([e, wl]) => window.bench.run(e, wl), [pageEngine, w]);
        if (i >= opts.warmup) times.push(r.ms);
        out = r.out;
      }
      results[w] = { median: median(times), min: Math.min(...times), times: times.map((t) => round(t)), out };
      log(`    ${w.padEnd(10)} median ${round(results[w].median)} ms  (${times.map((t) => round(t, 0)).join(', ')})  ${JSON.stringify(out)}`);
    } catch (err) {
      results[w] = { error: firstLine(err) };
      log(`    ${w.padEnd(10)} FAILED: ${results[w].error}`);
    }
  }
  await page.evaluate((e) => window.bench.dispose(e), pageEngine).catch(() => {});
  return { info, results };
}

function firstLine(err) {
  return String((err && err.message) || err).split('\n').find((l) => l.trim()) || String(err);
}

/** The native CLI, timed from Node (spawn + read + process + write). */
function benchNative(opts, log) {
  if (!fs.existsSync(NATIVE)) return { error: `not built: ${path.relative(ROOT, NATIVE)} missing (npm run build)` };
  const tmp = fs.mkdtempSync(path.join(fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir(), 'pixelpipe-bench-'));
  const args = {
    decode: ['--format', 'raw'],
    thumbnail: ['--format', 'jpeg', '--quality', '80', 'resize:width=300,height=300,fit=inside'],
    blur: ['--format', 'raw', 'gaussian_blur:sigma=5'],
    grayscale: ['--format', 'raw', 'grayscale'],
  };
  const results = {};
  try {
    for (const w of opts.workloads) {
      const out = path.join(tmp, `${w}.out`);
      const cmd = ['run', opts.image, out, '--max-pixels', '100000000', ...args[w]];
      const times = []; // in-process time reported by the CLI (decode + pipeline + encode, no I/O)
      const wall = []; // spawn → exit, as seen from Node
      const parts = [];
      let failure = null;
      for (let i = 0; i < opts.warmup + opts.runs; i++) {
        const t0 = process.hrtime.bigint();
        const r = spawnSync(NATIVE, cmd, { encoding: 'utf8', timeout: 120_000 });
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        if (r.status !== 0) { failure = `exit ${r.status ?? r.signal}: ${(r.stderr || '').trim().split('\n')[0]}`; break; }
        let rep = null;
        try { rep = JSON.parse(r.stdout.trim().split('\n').pop()); } catch { /* older CLI without the JSON line */ }
        if (i >= opts.warmup) {
          wall.push(ms);
          times.push(rep && typeof rep.bestTotalMs === 'number' ? rep.bestTotalMs : ms);
          if (rep) parts.push({ decodeMs: rep.decodeMs, pipelineMs: rep.pipelineMs, encodeMs: rep.encodeMs });
        }
      }
      if (failure) {
        results[w] = { error: failure };
        log(`    ${w.padEnd(10)} FAILED: ${failure}`);
        continue;
      }
      const size = fs.statSync(out).size;
      const med = (k) => (parts.length ? round(median(parts.map((p) => p[k])), 2) : null);
      results[w] = {
        median: median(times), min: Math.min(...times), times: times.map((t) => round(t)),
        wallMedian: round(median(wall)), wallTimes: wall.map((t) => round(t)),
        parts: { decodeMs: med('decodeMs'), pipelineMs: med('pipelineMs'), encodeMs: med('encodeMs') },
        out: { bytes: size },
      };
      log(`    ${w.padEnd(10)} median ${round(results[w].median)} ms in-process, ${results[w].wallMedian} ms wall  ` +
        `(decode ${results[w].parts.decodeMs}, pipeline ${results[w].parts.pipelineMs}, encode ${results[w].parts.encodeMs})  ${size} B`);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const threads = os.availableParallelism ? os.availableParallelism() : os.cpus().length;
  return { info: { binary: path.relative(ROOT, NATIVE), threads, note: 'median = in-process time printed by the CLI (decode + pipeline + encode); wallMedian adds process start, file read and output write' }, results };
}

function table(engines, workloads, byEngine) {
  const cell = (e, w) => {
    const r = byEngine[e]?.results?.[w];
    if (!r) return byEngine[e]?.error ? 'n/a' : '–';
    if (r.error) return 'error';
    const vips = byEngine['wasm-vips']?.results?.[w];
    const ratio = vips && !vips.error && vips.median ? ` (×${(r.median / vips.median).toFixed(2)})` : '';
    return `${r.median.toFixed(0)} ms${ratio}`;
  };
  const header = ['workload', ...engines];
  const rows = workloads.map((w) => [w, ...engines.map((e) => cell(e, w))]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cols) => '| ' + cols.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
  return [line(header), '| ' + widths.map((w) => '-'.repeat(w)).join(' | ') + ' |', ...rows.map(line)].join('\n');
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const log = (s) => console.log(s);
  if (!fs.existsSync(opts.image)) { console.error(`bench: image not found: ${opts.image}`); process.exit(2); }
  const imageBytes = fs.readFileSync(opts.image);
  const want = (e) => opts.engines.includes(e);
  log(`pixelpipe bench: ${path.basename(opts.image)} (${(imageBytes.length / 1048576).toFixed(2)} MB), ` +
    `${opts.runs} runs after ${opts.warmup} warm-up, workloads ${opts.workloads.join(', ')}`);

  const byEngine = {};
  const meta = {
    date: new Date().toISOString(),
    image: { file: path.relative(ROOT, opts.image), bytes: imageBytes.length },
    runs: opts.runs, warmup: opts.warmup,
    host: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, loadavg: os.loadavg().map((x) => round(x, 2)), node: process.version },
  };

  const needBrowser = opts.engines.some((e) => e !== 'native');
  if (needBrowser) {
    const isolated = await startServer({ port: 0, isolated: true });
    const plain = await startServer({ port: 0, isolated: false });
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
    meta.chromium = browser.version();
    const b64 = imageBytes.toString('base64');
    const openPage = async (origin) => {
      const page = await browser.newPage();
      page.on('pageerror', (e) => log(`  [pageerror] ${e.message}`));
      page.on('console', (m) => { if (m.type() === 'error') log(`  [console.error] ${m.text()}`); });
      await page.goto(origin + 'bench/page.html');
      await page.waitForFunction(() => window.benchReady === true);
      await page.evaluate((s) => window.bench.setInput(s), b64);
      return page;
    };
    try {
      const pageIso = await openPage(isolated.url);
      if (!(await pageIso.evaluate(() => self.crossOriginIsolated))) throw new Error('the isolated page is not crossOriginIsolated');
      for (const [key, pe] of [['pixelpipe-mt', 'pixelpipe'], ['wasm-vips', 'wasm-vips'], ['canvas', 'canvas']]) {
        if (!want(key)) continue;
        log(`${key}:`);
        byEngine[key] = await benchInPage(pageIso, key, pe, opts, log);
        if (byEngine[key].error) log(`  ${key}: ${byEngine[key].error}`);
      }
      await pageIso.close();
      if (want('pixelpipe-st')) {
        const pagePlain = await openPage(plain.url);
        log('pixelpipe-st:');
        byEngine['pixelpipe-st'] = await benchInPage(pagePlain, 'pixelpipe-st', 'pixelpipe', opts, log);
        if (byEngine['pixelpipe-st'].error) log(`  pixelpipe-st: ${byEngine['pixelpipe-st'].error}`);
        await pagePlain.close();
      }
    } finally {
      await browser.close();
      await isolated.close();
      await plain.close();
    }
  }
  if (want('native')) {
    log('native:');
    byEngine.native = benchNative(opts, log);
    if (byEngine.native.error) log(`  native: ${byEngine.native.error}`);
  }

  // Sanity: the mt/st build labels must match what the page ran.
  for (const [key, build] of [['pixelpipe-mt', 'mt'], ['pixelpipe-st', 'st']]) {
    const b = byEngine[key]?.info?.build;
    if (b && b !== build) log(`WARNING: ${key} ran the '${b}' build`);
  }

  const engines = opts.engines.filter((e) => byEngine[e]);
  const text = table(engines, opts.workloads, byEngine);
  meta.totalSeconds = round((Date.now() - started) / 1000, 1);
  log('\nmedian ms (ratio to wasm-vips; < 1 is faster)\n' + text);
  for (const e of engines) if (byEngine[e].error) log(`  ${e}: ${byEngine[e].error}`);
  log(`total ${meta.totalSeconds} s`);

  if (opts.save) {
    const dir = path.join(HERE, 'results');
    fs.mkdirSync(dir, { recursive: true });
    const stamp = meta.date.replace(/:/g, '-').replace(/\..+$/, '');
    const file = path.join(dir, `${stamp}.json`);
    const json = { meta, engines: byEngine, table: text };
    fs.writeFileSync(file, JSON.stringify(json, null, 2) + '\n');
    log(`wrote ${path.relative(ROOT, file)}`);
  }
}

main().catch((err) => {
  console.error(err && err.stack || err);
  process.exit(1);
});
