#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// pixelpipe benchmark: the same photo and the same four workloads on every engine, in one run,
// then the operation rows on a 12 MP photo decoded once per engine (see below).
//
//   npm run bench                      (builds first, then runs this)
//   node bench/run.mjs [--runs 5] [--warmup 1] [--image FILE] [--engines a,b] [--workloads a,b|none]
//                      [--rows a,b|none] [--ops-image FILE] [--ops-crop WxH|full] [--no-save]
//
// Engines
//   pixelpipe-mt  ImageProcessingService in a cross-origin isolated page (threads + SIMD, in a Worker)
//   pixelpipe-st  ImageProcessingService in a page WITHOUT COOP/COEP (single-threaded fallback)
//   wasm-vips     wasm-vips 0.0.19 (libvips, pthreads) on the isolated page's main thread, cache off
//   canvas        Chromium's Canvas 2D: createImageBitmap decode, drawImage scaling, ctx.filter, convertToBlob
//   native        pixelpipe's native host build (build/host/src/pixelpipe_native run …), one process per
//                 run; the table uses the in-process time the CLI prints (bestTotalMs of 1 repeat:
//                 decode + pipeline + encode), the JSON also has the wall time. The limit for wasm.
//   photon        @silvia-odwyer/photon 0.3.3 (Rust → wasm, one thread) — operation rows only
//   pica          pica 10 (JS + wasm in Web Workers) — the resize row only
// Workloads (encoded bytes in → result in memory): decode, thumbnail (fit inside 300×300, JPEG q80),
// blur (Gaussian sigma 5 = radius 5), grayscale. Reported: median of --runs after --warmup runs,
// and the ratio to wasm-vips (ratio < 1 = faster than wasm-vips).
// Operation rows (decoded RGBA pixels in → output pixels in JS memory; decode NOT timed): resize
// to 1/4 of each side (Lanczos3), blur (sigma 5), color1 (brightness), color6 (six-step CSS-like
// chain), unsharp (sigma 2, amount 1), median (3×3), rotate (17°), identity (no operation: the
// fixed cost of a call). Input: --ops-image centre-cropped
// to --ops-crop (default seeding_by_Clements_Engelhardt.jpg 5312×2988 → 4016×2988 = 12.0 MP). Reported:
// median ms and the ratio to the FASTEST PEER (wasm-vips, photon, pica, canvas) of that row.
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
const ALL_ENGINES = ['pixelpipe-mt', 'pixelpipe-st', 'wasm-vips', 'photon', 'pica', 'canvas', 'native'];
const ALL_WORKLOADS = ['decode', 'thumbnail', 'blur', 'grayscale'];
const ALL_ROWS = ['resize', 'blur', 'color1', 'color6', 'unsharp', 'median', 'rotate', 'identity'];
const PEERS = ['wasm-vips', 'photon', 'pica', 'canvas']; // "fastest peer" excludes pixelpipe and native
const WORKLOAD_ENGINES = ['pixelpipe-mt', 'pixelpipe-st', 'wasm-vips', 'canvas', 'native']; // the 20 MP rows
const ROW_LABEL = {
  resize: 'resize 1/4 lanczos3', blur: 'gaussian blur σ5', color1: 'color 1 step', color6: 'color 6 steps',
  unsharp: 'unsharp mask', median: 'median 3x3', rotate: 'rotate 17°', identity: 'identity (overhead)',
};
const NATIVE = process.env.PIXELPIPE_NATIVE || path.join(ROOT, 'build', 'host', 'src', 'pixelpipe_native');

function parseArgs(argv) {
  const a = {
    runs: 5, warmup: 1, save: true,
    image: path.join(TESTDATA, 'photos', 'Kleiber_by_Lukas_Baubkus.jpg'),
    engines: ALL_ENGINES, workloads: ALL_WORKLOADS, rows: ALL_ROWS,
    opsImage: path.join(TESTDATA, 'photos', 'seeding_by_Clements_Engelhardt.jpg'),
    opsCrop: { width: 4016, height: 2988 },
  };
  const list = (x) => (x === 'none' || x === '' ? [] : x.split(','));
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = () => argv[++i];
    if (k === '--runs') a.runs = Math.max(1, Number(v()));
    else if (k === '--warmup') a.warmup = Math.max(0, Number(v()));
    else if (k === '--image') a.image = path.resolve(v());
    else if (k === '--engines') a.engines = v().split(',');
    else if (k === '--workloads') a.workloads = list(v());
    else if (k === '--rows') a.rows = list(v());
    else if (k === '--ops-image') a.opsImage = path.resolve(v());
    else if (k === '--ops-crop') {
      const c = v();
      const m = /^(\d+)x(\d+)$/.exec(c);
      if (c === 'full') a.opsCrop = {};
      else if (m) a.opsCrop = { width: Number(m[1]), height: Number(m[2]) };
      else { console.error(`bench: --ops-crop wants WxH or full, got ${c}`); process.exit(2); }
    }
    else if (k === '--no-save') a.save = false;
    else if (k === '--help' || k === '-h') {
      const lines = fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(2);
      console.log(lines.slice(0, lines.findIndex((l) => !l.startsWith('//'))).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
      process.exit(0);
    } else { console.error(`bench: unknown argument ${k}`); process.exit(2); }
  }
  for (const e of a.engines) if (!ALL_ENGINES.includes(e)) { console.error(`bench: unknown engine ${e}`); process.exit(2); }
  for (const w of a.workloads) if (!ALL_WORKLOADS.includes(w)) { console.error(`bench: unknown workload ${w}`); process.exit(2); }
  for (const r of a.rows) if (!ALL_ROWS.includes(r)) { console.error(`bench: unknown row ${r} (rows: ${ALL_ROWS.join(', ')})`); process.exit(2); }
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
  for (const w of WORKLOAD_ENGINES.includes(engineKey) ? opts.workloads : []) {
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
  const ops = opts.rows.length ? await benchOpsInPage(page, pageEngine, opts, log) : undefined;
  await page.evaluate((e) => window.bench.dispose(e), pageEngine).catch(() => {});
  return { info, results, ...(ops ? { ops } : {}) };
}

/** The operation rows of one engine: { setup, rows: { row: { median, … } | { na } | { error } } }. */
async function benchOpsInPage(page, pageEngine, opts, log) {
  let setup;
  try {
    setup = await page.evaluate((e) => window.bench.setupOps(e), pageEngine);
  } catch (err) {
    log(`    ops setup FAILED: ${firstLine(err)}`);
    return { error: `ops setup failed: ${firstLine(err)}` };
  }
  log(`    ops input: ${JSON.stringify(setup)}`);
  const rows = {};
  for (const row of opts.rows) {
    const times = [];
    let out = null;
    let res = null;
    try {
      for (let i = 0; i < opts.warmup + opts.runs; i++) {
        res = await page.evaluate(([e, r]) => window.bench.runOp(e, r), [pageEngine, row]);
        if (res.na || res.error) break;
        if (i >= opts.warmup) times.push(res.ms);
        out = res.out;
      }
    } catch (err) {
      res = { error: 'PAGE', message: firstLine(err) };
    }
    const label = ROW_LABEL[row].padEnd(20);
    if (res.na) {
      rows[row] = { na: res.na };
      log(`    ${label} n/a (${res.na})`);
    } else if (res.error) {
      rows[row] = { error: res.error, message: res.message };
      log(`    ${label} n/a: ${res.error}: ${res.message}`);
    } else {
      rows[row] = { median: median(times), min: Math.min(...times), times: times.map((t) => round(t)), out };
      log(`    ${label} median ${round(rows[row].median)} ms  (${times.map((t) => round(t, 0)).join(', ')})  ${JSON.stringify(out)}`);
    }
  }
  return { setup, rows };
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

/** pixelpipe's variant for each row → the CLI's STEP arguments, through the catalogue's normaliser
 * (so the native column follows the catalogue's names); hand-written wire steps when this
 * checkout's catalogue does not know the op yet. */
async function nativeOpSteps(width, height) {
  const qw = Math.max(1, Math.round(width / 4)), qh = Math.max(1, Math.round(height / 4));
  const color6 = [['brightness', 'amount', 1.1], ['contrast', 'amount', 1.2], ['saturate', 'amount', 1.3],
    ['hue_rotate', 'degrees', 30], ['sepia', 'amount', 0.2], ['grayscale', 'amount', 0.1]];
  const ct = ([transform, key, v]) => ({ type: 'color_transform', transform, [key]: v });
  const configs = {
    resize: { id: 'o', type: 'resize', width: qw, height: qh, fit: 'fill', kernel: 'lanczos3' },
    blur: { id: 'o', type: 'filter', filter: 'gaussian_blur', radius: 5 },
    color1: { id: 'o', steps: [ct(color6[0])] },
    color6: { id: 'o', steps: color6.map(ct) },
    unsharp: { id: 'o', type: 'filter', filter: 'unsharp_mask', radius: 2, amount: 1, threshold: 0 },
    median: { id: 'o', type: 'filter', filter: 'median', size: 3 },
    rotate: { id: 'o', type: 'rotate', angle: 17 },
    identity: { id: 'o', steps: [] },
  };
  const fallback = {
    resize: [`resize:width=${qw},height=${qh},fit=fill,kernel=lanczos3`],
    blur: ['gaussian_blur:sigma=5'],
    color1: ['brightness:amount=1.1'],
    color6: color6.map(([t, k, v]) => `${t}:${k}=${v}`),
    unsharp: ['unsharp_mask:sigma=2,amount=1,threshold=0'],
    median: ['median:size=3'],
    rotate: ['rotate:angle=17'],
    identity: [],
  };
  let normalise = null;
  try {
    ({ normaliseVariationConfigs: normalise } = await import('../js/config/normalise.js'));
  } catch { /* catalogue not importable: fallback steps */ }
  const cli = (step) => {
    const kv = Object.entries(step).filter(([k, v]) => k !== 'op' && v !== undefined && v !== null)
      .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('/') : typeof v === 'boolean' ? Number(v) : v}`);
    return kv.length ? `${step.op}:${kv.join(',')}` : step.op;
  };
  const out = {};
  for (const [row, config] of Object.entries(configs)) {
    try {
      out[row] = { steps: normalise([config])[0].steps.map(cli), from: 'catalogue' };
    } catch (err) {
      out[row] = { steps: fallback[row], from: `hand-written (catalogue: ${err.code || err.name})` };
    }
  }
  return out;
}

function writePpraw(file, width, height, rgba) {
  const head = Buffer.alloc(16);
  head.write('PPRAW001', 0, 'latin1');
  head.writeUInt32LE(width, 8);
  head.writeUInt32LE(height, 12);
  fs.writeFileSync(file, Buffer.concat([head, rgba]));
}

/** The operation rows on the native CLI: the same photo decoded (by the CLI, untimed) and cropped to
 * a .ppraw, then one process per run; the time is the CLI's in-process pipelineMs (the operation
 * only: no decode, no I/O). */
async function benchNativeOps(opts, log) {
  if (!fs.existsSync(NATIVE)) return { error: `not built: ${path.relative(ROOT, NATIVE)} missing (npm run build)` };
  const tmp = fs.mkdtempSync(path.join(fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir(), 'pixelpipe-bench-ops-'));
  try {
    const full = path.join(tmp, 'full.ppraw');
    const d = spawnSync(NATIVE, ['run', opts.opsImage, full, '--format', 'raw', '--max-pixels', '100000000'], { encoding: 'utf8', timeout: 120_000 });
    if (d.status !== 0) return { error: `decode failed: ${(d.stderr || '').trim().split('\n')[0]}` };
    const buf = fs.readFileSync(full);
    const sw = buf.readUInt32LE(8), sh = buf.readUInt32LE(12);
    const w = Math.min(sw, opts.opsCrop.width || sw), h = Math.min(sh, opts.opsCrop.height || sh);
    const left = (sw - w) >> 1, top = (sh - h) >> 1;
    const rgba = Buffer.alloc(w * h * 4);
    for (let y = 0; y < h; y++) buf.copy(rgba, y * w * 4, 16 + ((top + y) * sw + left) * 4, 16 + ((top + y) * sw + left + w) * 4);
    const input = path.join(tmp, 'ops.ppraw');
    writePpraw(input, w, h, rgba);
    const stepsByRow = await nativeOpSteps(w, h);
    const rows = {};
    for (const row of opts.rows) {
      const { steps, from } = stepsByRow[row];
      const out = path.join(tmp, `${row}.out.ppraw`);
      const times = [];
      let failure = null;
      let rep = null;
      for (let i = 0; i < opts.warmup + opts.runs; i++) {
        const r = spawnSync(NATIVE, ['run', input, out, '--format', 'raw', '--max-pixels', '100000000', ...steps], { encoding: 'utf8', timeout: 120_000 });
        if (r.status !== 0) {
          const line = (r.stderr || '').trim().split('\n')[0];
          const m = /^ERROR (\w+): (.*)$/.exec(line);
          failure = m ? { error: m[1], message: m[2] } : { error: `EXIT_${r.status ?? r.signal}`, message: line };
          break;
        }
        try { rep = JSON.parse(r.stdout.trim().split('\n').pop()); } catch { rep = null; }
        if (!rep || typeof rep.pipelineMs !== 'number') { failure = { error: 'NO_JSON', message: 'the CLI printed no pipelineMs' }; break; }
        if (i >= opts.warmup) times.push(rep.pipelineMs);
      }
      const label = ROW_LABEL[row].padEnd(20);
      if (failure) {
        rows[row] = { ...failure, steps };
        log(`    ${label} n/a: ${failure.error}: ${failure.message}  [${steps.join(' ')}]`);
        continue;
      }
      rows[row] = { median: median(times), min: Math.min(...times), times: times.map((t) => round(t, 2)), steps, stepsFrom: from,
        out: { width: rep.width, height: rep.height } };
      log(`    ${label} median ${round(rows[row].median, 2)} ms pipeline  [${steps.join(' ')}]  ${rep.width}x${rep.height}`);
    }
    return { setup: { input: `${w}x${h} .ppraw (CLI decode of ${path.basename(opts.opsImage)}, centre crop at ${left},${top})`, time: 'pipelineMs (in-process, operation only)' }, rows };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Row × engine table of the operation rows: median ms and the ratio to the fastest peer. */
function opsTable(engines, rows, byEngine) {
  const get = (e, r) => byEngine[e]?.ops?.rows?.[r];
  const fastest = {};
  for (const r of rows) {
    let best = null;
    for (const e of PEERS) {
      const x = get(e, r);
      if (x && typeof x.median === 'number' && (!best || x.median < best.ms)) best = { engine: e, ms: x.median };
    }
    fastest[r] = best;
  }
  const cell = (e, r) => {
    const x = get(e, r);
    if (!x) return byEngine[e]?.ops?.error || byEngine[e]?.error ? 'n/a' : '–';
    if (x.na) return 'n/a';
    if (x.error) return `n/a (${x.error})`;
    const f = fastest[r];
    const ratio = f ? ` (×${(x.median / f.ms).toFixed(2)})` : '';
    const ms = x.median < 10 ? x.median.toFixed(1) : x.median.toFixed(0);
    return `${ms} ms${ratio}${x.out?.note ? ' †' : ''}`;
  };
  const header = ['row', ...engines, 'fastest peer'];
  const body = rows.map((r) => [ROW_LABEL[r], ...engines.map((e) => cell(e, r)), fastest[r] ? fastest[r].engine : '–']);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cols) => '| ' + cols.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
  const lines = [line(header), '| ' + widths.map((w) => '-'.repeat(w)).join(' | ') + ' |', ...body.map(line)];
  // The six-step chain against one step (the issue asks for six < 2× one).
  if (rows.includes('color1') && rows.includes('color6')) {
    const ratios = engines.map((e) => {
      const a = get(e, 'color1'), b = get(e, 'color6');
      return a?.median && b?.median ? `${e} ${(b.median / a.median).toFixed(2)}` : null;
    }).filter(Boolean);
    if (ratios.length) lines.push('', `color 6 steps / 1 step: ${ratios.join(', ')}`);
  }
  const notes = engines.flatMap((e) => rows.map((r) => get(e, r)?.out?.note ? `† ${e} ${r}: ${get(e, r).out.note}` : null)).filter(Boolean);
  if (notes.length) lines.push('', ...notes);
  return lines.join('\n');
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
    `${opts.runs} runs after ${opts.warmup} warm-up, workloads ${opts.workloads.join(', ') || 'none'}; ` +
    `operation rows ${opts.rows.join(', ') || 'none'} on ${path.basename(opts.opsImage)}` +
    (opts.opsCrop.width ? ` cropped to ${opts.opsCrop.width}x${opts.opsCrop.height}` : ''));
  if (opts.rows.length && !fs.existsSync(opts.opsImage)) { console.error(`bench: image not found: ${opts.opsImage}`); process.exit(2); }
  const opsBytes = opts.rows.length ? fs.readFileSync(opts.opsImage) : null;
  const opsType = opts.rows.length ? ({ '.png': 'image/png', '.webp': 'image/webp' }[path.extname(opts.opsImage).toLowerCase()] || 'image/jpeg') : null;

  const byEngine = {};
  const meta = {
    date: new Date().toISOString(),
    image: { file: path.relative(ROOT, opts.image), bytes: imageBytes.length },
    opsImage: opts.rows.length ? { file: path.relative(ROOT, opts.opsImage), bytes: opsBytes.length, crop: opts.opsCrop, rows: opts.rows } : null,
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
      if (opsBytes) {
        const info = await page.evaluate(([s, t, c]) => window.bench.setOpsInput(s, t, c), [opsBytes.toString('base64'), opsType, opts.opsCrop]);
        meta.opsInput = { ...info, decodeMs: round(info.decodeMs) };
        log(`  operation rows input: ${info.sourceWidth}x${info.sourceHeight} → ${info.width}x${info.height} ` +
          `(${(info.width * info.height / 1e6).toFixed(1)} MP, centre crop at ${info.left},${info.top}), decoded once in ${round(info.decodeMs)} ms (untimed)`);
      }
      return page;
    };
    try {
      const pageIso = await openPage(isolated.url);
      if (!(await pageIso.evaluate(() => self.crossOriginIsolated))) throw new Error('the isolated page is not crossOriginIsolated');
      for (const [key, pe] of [['pixelpipe-mt', 'pixelpipe'], ['wasm-vips', 'wasm-vips'], ['photon', 'photon'], ['pica', 'pica'], ['canvas', 'canvas']]) {
        if (!want(key)) continue;
        if (!WORKLOAD_ENGINES.includes(key) && !opts.rows.length) continue; // operation rows only
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
    byEngine.native = opts.workloads.length ? benchNative(opts, log) : { info: {}, results: {} };
    if (byEngine.native.error) log(`  native: ${byEngine.native.error}`);
    if (opts.rows.length) {
      log('  native operation rows:');
      byEngine.native.ops = await benchNativeOps(opts, log);
      if (byEngine.native.ops.error) log(`  native ops: ${byEngine.native.ops.error}`);
    }
  }

  // Sanity: the mt/st build labels must match what the page ran.
  for (const [key, build] of [['pixelpipe-mt', 'mt'], ['pixelpipe-st', 'st']]) {
    const b = byEngine[key]?.info?.build;
    if (b && b !== build) log(`WARNING: ${key} ran the '${b}' build`);
  }

  const engines = opts.engines.filter((e) => byEngine[e] && WORKLOAD_ENGINES.includes(e));
  const text = opts.workloads.length ? table(engines, opts.workloads, byEngine) : '';
  const opsEngines = opts.engines.filter((e) => byEngine[e]?.ops);
  const opsText = opts.rows.length ? opsTable(opsEngines, opts.rows, byEngine) : '';
  meta.totalSeconds = round((Date.now() - started) / 1000, 1);
  meta.host.loadavgEnd = os.loadavg().map((x) => round(x, 2));
  if (text) log(`\n${path.basename(opts.image)}: median ms (ratio to wasm-vips; < 1 is faster)\n` + text);
  if (opsText) {
    const i = meta.opsInput;
    log(`\noperation rows, ${path.basename(opts.opsImage)}${i ? ` ${i.width}x${i.height}` : ''}, decoded pixels in → pixels out ` +
      '(decode not timed): median ms (ratio to the fastest peer; < 1 is faster; native = pipelineMs)\n' + opsText);
  }
  for (const e of opts.engines) if (byEngine[e]?.error) log(`  ${e}: ${byEngine[e].error}`);
  log(`total ${meta.totalSeconds} s; load average at start ${meta.host.loadavg.join(' ')}, at end ${meta.host.loadavgEnd.join(' ')} ` +
    `(${meta.host.cpus} CPUs: a load above that means other processes shared the cores)`);

  if (opts.save) {
    const dir = path.join(HERE, 'results');
    fs.mkdirSync(dir, { recursive: true });
    const stamp = meta.date.replace(/:/g, '-').replace(/\..+$/, '');
    const file = path.join(dir, `${stamp}.json`);
    const json = { meta, engines: byEngine, table: text, opsTable: opsText };
    fs.writeFileSync(file, JSON.stringify(json, null, 2) + '\n');
    log(`wrote ${path.relative(ROOT, file)}`);
  }
}

main().catch((err) => {
  console.error(err && err.stack || err);
  process.exit(1);
});
