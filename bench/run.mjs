#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// pixelpipe benchmark: the rows of issue #12 on every engine in one headless-Chromium run, plus the
// native column (the same C++/Halide pipelines built for the host: the limit for the wasm builds).
//
//   npm run bench                      (builds first, then runs this)
//   node bench/run.mjs [--runs 5] [--warmup 1] [--engines a,b] [--rows a,b|all] [--source FILE]
//                      [--image FILE] [--no-save]
//
// Input: the largest photo of ../shared/testdata/photos (or --source), centre-cropped to 4:3 and
// scaled to 4000x3000, JPEG q90 4:2:0, made with sharp into build/bench-cache/ (bench/input-image.mjs);
// --image FILE uses FILE as it is instead.
// Engines: pixelpipe-mt (isolated page, threads, in a Worker), pixelpipe-st (page without COOP/COEP),
// wasm-vips, photon, pica, canvas (isolated page's main thread), native (build/host CLI).
// Rows (bench/rows.js): io, decode, thumbnail, resize, blur, grayscale, color, handle; extra rows
// (--rows all or by name): resize_exact, unsharp, median, rotate. Reported: median ms per row and
// engine, and the ratio to the FASTEST PEER of the row (wasm-vips, photon, pica, canvas).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { startServer } from '../web-demo/serve.mjs';
import { benchInput, largestPhoto } from './input-image.mjs';
import { ROWS, EXTRA_ROWS, ROW_LABEL, ENCODED_ROWS, pixelpipeVariants } from './rows.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const TESTDATA = process.env.PIXELPIPE_TESTDATA || path.resolve(ROOT, '..', 'shared', 'testdata');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ALL_ENGINES = ['pixelpipe-mt', 'pixelpipe-st', 'wasm-vips', 'photon', 'pica', 'canvas', 'native'];
const PEERS = ['wasm-vips', 'photon', 'pica', 'canvas']; // "fastest peer" excludes pixelpipe and native
const NATIVE = process.env.PIXELPIPE_NATIVE || path.join(ROOT, 'build', 'host', 'src', 'pixelpipe_native');

function parseArgs(argv) {
  const a = { runs: 5, warmup: 1, save: true, engines: ALL_ENGINES, rows: ROWS, source: null, image: null };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = () => argv[++i];
    if (k === '--runs') a.runs = Math.max(1, Number(v()));
    else if (k === '--warmup') a.warmup = Math.max(0, Number(v()));
    else if (k === '--engines') a.engines = v().split(',');
    else if (k === '--rows') { const r = v(); a.rows = r === 'all' ? [...ROWS, ...EXTRA_ROWS] : r.split(','); }
    else if (k === '--source') a.source = path.resolve(v());
    else if (k === '--image') a.image = path.resolve(v());
    else if (k === '--no-save') a.save = false;
    else if (k === '--help' || k === '-h') {
      const lines = fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(2);
      console.log(lines.slice(0, lines.findIndex((l) => !l.startsWith('//'))).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
      process.exit(0);
    } else { console.error(`bench: unknown argument ${k}`); process.exit(2); }
  }
  for (const e of a.engines) if (!ALL_ENGINES.includes(e)) { console.error(`bench: unknown engine ${e}`); process.exit(2); }
  for (const r of a.rows) if (!ROW_LABEL[r]) { console.error(`bench: unknown row ${r} (rows: ${[...ROWS, ...EXTRA_ROWS].join(', ')})`); process.exit(2); }
  return a;
}

const median = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x, d = 1) => (x == null ? null : Math.round(x * 10 ** d) / 10 ** d);
const firstLine = (err) => String((err && err.message) || err).split('\n').find((l) => l.trim()) || String(err);

/** Timed runs of one row: { median, min, times, out } | { na } | { error, message }. */
async function timeRow(runOnce, opts) {
  const times = [];
  const parts = []; // pixelpipe only: the service's own breakdown of each timed call
  let res = null;
  for (let i = 0; i < opts.warmup + opts.runs; i++) {
    res = await runOnce();
    if (res.na) return { na: res.na };
    if (res.error) return { error: res.error, message: res.message };
    if (i >= opts.warmup) {
      times.push(res.ms);
      if (res.out?.parts) parts.push(res.out.parts);
    }
  }
  const out = res.out?.parts ? { ...res.out, parts: undefined } : res.out;
  const partsMedian = parts.length ? Object.fromEntries(Object.keys(parts[0]).map((k) => [k, round(median(parts.map((p) => p[k] ?? 0)), 1)])) : undefined;
  return { median: median(times), min: Math.min(...times), times: times.map((t) => round(t, 2)), out, ...(partsMedian ? { parts: partsMedian } : {}) };
}

function logRow(log, row, r, extra = '') {
  const label = ROW_LABEL[row].padEnd(36);
  if (r.na) log(`    ${label} n/a (${r.na})`);
  else if (r.error) log(`    ${label} n/a: ${r.error}: ${r.message}`);
  else log(`    ${label} median ${round(r.median)} ms  (${r.times.map((t) => round(t, 0)).join(', ')})  ${JSON.stringify(r.out)}${extra}`);
}

/** One engine's rows in a page: { info, rows } | { error }. */
async function benchInPage(page, pageEngine, opts, log) {
  let info;
  try {
    info = await page.evaluate((e) => window.bench.setup(e), pageEngine);
  } catch (err) {
    return { error: `setup failed: ${firstLine(err)}` };
  }
  log(`  ${JSON.stringify(info)}`);
  const rows = {};
  for (const row of opts.rows) {
    try {
      rows[row] = await timeRow(() => page.evaluate(([e, r]) => window.bench.runRow(e, r), [pageEngine, row]), opts);
    } catch (err) {
      rows[row] = { error: 'PAGE', message: firstLine(err) };
    }
    logRow(log, row, rows[row]);
  }
  await page.evaluate((e) => window.bench.dispose(e), pageEngine).catch(() => {});
  return { info, rows };
}

/** The CLI's last stdout line is a JSON report ({ pipelineMs, bestTotalMs, … }). */
function runCli(args) {
  const r = spawnSync(NATIVE, ['run', ...args, '--max-pixels', '100000000'], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) {
    const line = (r.stderr || '').trim().split('\n')[0];
    const m = /^ERROR (\w+): (.*)$/.exec(line);
    return m ? { error: m[1], message: m[2] } : { error: `EXIT_${r.status ?? r.signal}`, message: line };
  }
  try { return JSON.parse(r.stdout.trim().split('\n').pop()); } catch { return { error: 'NO_JSON', message: 'the CLI printed no JSON report' }; }
}

/** pixelpipe's variant of a row → the CLI's STEP and format arguments, through the catalogue's normaliser. */
async function cliArgs(variant) {
  const { normaliseVariationConfigs } = await import('../js/config/normalise.js');
  const n = normaliseVariationConfigs([variant])[0];
  const step = (s) => {
    const kv = Object.entries(s).filter(([k, v]) => k !== 'op' && v !== undefined && v !== null)
      .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('/') : typeof v === 'boolean' ? Number(v) : v}`);
    return kv.length ? `${s.op}:${kv.join(',')}` : s.op;
  };
  const { op: format, ...options } = n.output ?? { op: 'raw' };
  const opts = step({ op: '', ...options }).slice(1).split(',').filter(Boolean).flatMap((kv) => ['--opt', kv]);
  return ['--format', format, ...opts, ...n.steps.map(step)];
}

/**
 * The native column: one CLI process per run. Encoded rows time the CLI's in-process total
 * (decode + pipeline + encode, no file I/O); pixel rows start from a .ppraw of the same photo
 * (decoded by the CLI, untimed) and time the pipeline only (pipelineMs): native code has no io
 * round trip to pay, which is the point of the column.
 */
async function benchNative(opts, imageFile, log) {
  if (!fs.existsSync(NATIVE)) return { error: `not built: ${path.relative(ROOT, NATIVE)} missing (npm run build)` };
  const tmp = fs.mkdtempSync(path.join(fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir(), 'pixelpipe-bench-'));
  try {
    const ppraw = path.join(tmp, 'in.ppraw');
    const d = runCli([imageFile, ppraw, '--format', 'raw']);
    if (d.error) return { error: `decode failed: ${d.error}: ${d.message}` };
    const variants = pixelpipeVariants(d.width, d.height);
    const rows = {};
    for (const row of opts.rows) {
      const encodedRow = ENCODED_ROWS.includes(row);
      let args;
      try { args = await cliArgs(variants[row]); } catch (err) { rows[row] = { error: err.code || 'CONFIG', message: firstLine(err) }; logRow(log, row, rows[row]); continue; }
      const out = path.join(tmp, `${row}.out`);
      rows[row] = await timeRow(async () => {
        const rep = runCli([encodedRow ? imageFile : ppraw, out, ...args]);
        if (rep.error) return rep;
        return { ms: encodedRow ? rep.bestTotalMs : rep.pipelineMs, out: { width: rep.width, height: rep.height } };
      }, opts);
      logRow(log, row, rows[row], `  [${args.join(' ')}]`);
    }
    return { info: { binary: path.relative(ROOT, NATIVE), threads: os.cpus().length, time: 'encoded rows: in-process total; pixel rows: pipelineMs' }, rows };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Row × engine table: median ms and the ratio to the fastest peer of the row. */
function table(engines, rows, byEngine) {
  const get = (e, r) => byEngine[e]?.rows?.[r];
  const fastest = {};
  for (const r of rows) {
    for (const e of PEERS) {
      const x = get(e, r);
      if (x && typeof x.median === 'number' && (!fastest[r] || x.median < fastest[r].ms)) fastest[r] = { engine: e, ms: x.median };
    }
  }
  const cell = (e, r) => {
    const x = get(e, r);
    if (!x) return byEngine[e]?.error ? 'n/a' : '–';
    if (x.na) return 'n/a';
    if (x.error) return `n/a (${x.error})`;
    const f = fastest[r];
    const ms = x.median < 10 ? x.median.toFixed(1) : x.median.toFixed(0);
    return `${ms}${f && !PEERS.includes(e) ? ` (×${(x.median / f.ms).toFixed(2)})` : ''}`;
  };
  const header = ['row (median ms)', ...engines, 'fastest peer'];
  const body = rows.map((r) => [ROW_LABEL[r], ...engines.map((e) => cell(e, r)), fastest[r] ? `${fastest[r].engine} ${round(fastest[r].ms, 0)}` : '–']);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cols) => '| ' + cols.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
  return [line(header), '| ' + widths.map((w) => '-'.repeat(w)).join(' | ') + ' |', ...body.map(line)].join('\n');
}

/**
 * Where pixelpipe's time goes per row (medians of the service's own debug line): input = the main
 * thread reading the caller's pixels into a staging buffer; messaging = the worker round trip
 * minus the worker's own time; copy in = into the wasm heap; the rest of the page-measured time
 * ("other": the output's copy out of the heap, promise hops) = median total − the parts.
 */
function breakdown(engine, rows, results) {
  const cols = ['input', 'messaging', 'copy in', 'decode', 'pipeline', 'encode'];
  const lines = [`${engine}: where the time goes (median ms of the service's parts; other = page time − parts)`,
    `| row | page | ${cols.join(' | ')} | other |`, `| --- | --- |${' --- |'.repeat(cols.length)} --- |`];
  for (const r of rows) {
    const x = results[r];
    if (!x?.parts) continue;
    const known = cols.reduce((s, c) => s + (x.parts[c] ?? 0), 0);
    lines.push(`| ${ROW_LABEL[r]} | ${round(x.median, 0)} | ${cols.map((c) => round(x.parts[c] ?? 0, 1)).join(' | ')} | ${round(Math.max(0, x.median - known), 1)} |`);
  }
  return lines.join('\n');
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const log = (s) => console.log(s);
  let input;
  if (opts.image) input = { file: opts.image, source: opts.image, cached: true };
  else {
    const source = opts.source || (await largestPhoto(path.join(TESTDATA, 'photos'))).file;
    input = await benchInput(source, path.join(ROOT, 'build', 'bench-cache'));
  }
  const imageBytes = fs.readFileSync(input.file);
  const want = (e) => opts.engines.includes(e);
  log(`pixelpipe bench: ${path.basename(input.file)} (${(imageBytes.length / 1048576).toFixed(2)} MB${input.crop ? `, from ${path.basename(input.source)} crop ${JSON.stringify(input.crop)}` : ''}${input.cached ? ', cached' : ''}); ` +
    `${opts.runs} runs after ${opts.warmup} warm-up; rows ${opts.rows.join(', ')}`);

  const byEngine = {};
  const meta = {
    date: new Date().toISOString(),
    input: { file: path.relative(ROOT, input.file), source: path.relative(ROOT, input.source), crop: input.crop, bytes: imageBytes.length },
    runs: opts.runs, warmup: opts.warmup, rows: opts.rows,
    host: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, loadavg: os.loadavg().map((x) => round(x, 2)), node: process.version },
  };

  if (opts.engines.some((e) => e !== 'native')) {
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
      const info = await page.evaluate((s) => window.bench.setInput(s), b64);
      meta.pixels = { width: info.width, height: info.height };
      return page;
    };
    try {
      const pageIso = await openPage(isolated.url);
      if (!(await pageIso.evaluate(() => self.crossOriginIsolated))) throw new Error('the isolated page is not crossOriginIsolated');
      for (const [key, pe] of [['pixelpipe-mt', 'pixelpipe'], ['wasm-vips', 'wasm-vips'], ['photon', 'photon'], ['pica', 'pica'], ['canvas', 'canvas']]) {
        if (!want(key)) continue;
        log(`${key}:`);
        byEngine[key] = await benchInPage(pageIso, pe, opts, log);
        if (byEngine[key].error) log(`  ${key}: ${byEngine[key].error}`);
      }
      await pageIso.close();
      if (want('pixelpipe-st')) {
        const pagePlain = await openPage(plain.url);
        log('pixelpipe-st:');
        byEngine['pixelpipe-st'] = await benchInPage(pagePlain, 'pixelpipe', opts, log);
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
    byEngine.native = await benchNative(opts, input.file, log);
    if (byEngine.native.error) log(`  native: ${byEngine.native.error}`);
  }
  for (const [key, build] of [['pixelpipe-mt', 'mt'], ['pixelpipe-st', 'st']]) {
    const b = byEngine[key]?.info?.build;
    if (b && b !== build) log(`WARNING: ${key} ran the '${b}' build`);
  }

  const engines = opts.engines.filter((e) => byEngine[e]);
  const text = table(engines, opts.rows, byEngine);
  meta.totalSeconds = round((Date.now() - started) / 1000, 1);
  meta.host.loadavgEnd = os.loadavg().map((x) => round(x, 2));
  log(`\n${path.basename(input.file)}${meta.pixels ? ` ${meta.pixels.width}x${meta.pixels.height}` : ''}: median ms ` +
    '(× = ratio to the fastest peer, < 1 is faster; native: pipeline only for pixel rows)\n' + text);
  for (const e of opts.engines) if (byEngine[e]?.error) log(`  ${e}: ${byEngine[e].error}`);
  for (const e of ['pixelpipe-mt', 'pixelpipe-st']) if (byEngine[e]?.rows) log(`\n${breakdown(e, opts.rows, byEngine[e].rows)}`);
  log(`total ${meta.totalSeconds} s; load average at start ${meta.host.loadavg.join(' ')}, at end ${meta.host.loadavgEnd.join(' ')} ` +
    `(${meta.host.cpus} CPUs: a load above that means other processes shared the cores)`);

  if (opts.save) {
    const dir = path.join(HERE, 'results');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${meta.date.replace(/:/g, '-').replace(/\..+$/, '')}.json`);
    fs.writeFileSync(file, JSON.stringify({ meta, engines: byEngine, table: text }, null, 2) + '\n');
    log(`wrote ${path.relative(ROOT, file)}`);
  }
}

main().catch((err) => {
  console.error(err && err.stack || err);
  process.exit(1);
});
