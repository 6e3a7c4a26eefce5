#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// The method rows (analysis, composite, palettes, export) in one Chromium run with the peers:
//   node bench/methods/run.mjs [--runs 5] [--warmup 1] [--engines a,b] [--rows a,b] [--no-save]
// Engines: pixelpipe-mt (cross-origin isolated page), pixelpipe-st (page without COOP/COEP),
// wasm-vips 0.0.19, canvas (Chromium's Canvas 2D), photon 0.3.3, jsquash (@jsquash/png 3.1.1,
// jpeg 1.6.0 = MozJPEG, webp 1.5.0), imagetracerjs 1.2.6. Inputs: inputs.mjs. Reported: the median
// ms of --runs after --warmup, the output size, and pixelpipe-mt's ratio to the fastest peer
// (< 1 = faster). The palette row also prints its cost over three PNG encodes of the same build;
// the SVG rows print SSIM against the input (ssim.js) and size.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { startServer } from '../../web-demo/serve.mjs';
import { prepareInputs } from './inputs.mjs';
import { ROWS } from './rows.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const TESTDATA = process.env.PIXELPIPE_TESTDATA || path.resolve(ROOT, '..', 'shared', 'testdata');
const ENGINES = ['pixelpipe-mt', 'pixelpipe-st', 'wasm-vips', 'canvas', 'photon', 'jsquash', 'imagetracerjs'];
const PEERS = ENGINES.slice(2);
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function parseArgs(argv) {
  const a = { runs: 5, warmup: 1, engines: ENGINES, rows: Object.keys(ROWS), save: true };
  for (let i = 0; i < argv.length; i++) {
    const v = () => argv[++i];
    if (argv[i] === '--runs') a.runs = Math.max(1, Number(v()));
    else if (argv[i] === '--warmup') a.warmup = Math.max(0, Number(v()));
    else if (argv[i] === '--engines') a.engines = v().split(',');
    else if (argv[i] === '--rows') a.rows = v().split(',');
    else if (argv[i] === '--no-save') a.save = false;
    else { console.error(`methods bench: unknown argument ${argv[i]}`); process.exit(2); }
  }
  for (const e of a.engines) if (!ENGINES.includes(e)) { console.error(`unknown engine ${e}`); process.exit(2); }
  for (const r of a.rows) if (!ROWS[r]) { console.error(`unknown row ${r}`); process.exit(2); }
  return a;
}

const median = (xs) => { const s = [...xs].sort((x, y) => x - y); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const r1 = (x) => (x == null ? '' : String(Math.round(x * 10) / 10));
const kb = (b) => (b == null ? '' : `${Math.round(b / 1024)} KB`);

async function benchEngine(browser, urls, engine, manifest, opts) {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.log(`  [${engine}] page error: ${e.message}`));
  const name = engine.startsWith('pixelpipe') ? 'pixelpipe' : engine;
  await page.goto(`${engine === 'pixelpipe-st' ? urls.plain : urls.isolated}bench/methods/page.html`);
  await page.waitForFunction(() => window.methodsBench);
  const env = await page.evaluate((m) => window.methodsBench.init(m), manifest);
  const info = await page.evaluate((n) => window.methodsBench.setup(n), name);
  console.log(`${engine}: ${JSON.stringify({ ...info, ...env })}`);
  const rows = (await page.evaluate((n) => window.methodsBench.rows(n), name)).filter((r) => opts.rows.includes(r));
  const out = {};
  for (const row of rows) {
    try {
      const times = [];
      let last;
      for (let i = 0; i < opts.warmup + opts.runs; i++) {
        last = await page.evaluate(([n, r]) => window.methodsBench.run(n, r), [name, row]);
        if (i >= opts.warmup) times.push(last.ms);
      }
      out[row] = { median: median(times), times: times.map((t) => Math.round(t)), out: last.out };
      if (row === 'svgTrace') out[row].quality = await page.evaluate((n) => window.methodsBench.svgQuality(n), name);
      console.log(`  ${row.padEnd(12)} ${r1(out[row].median).padStart(8)} ms  ${JSON.stringify(out[row].out)}${out[row].quality ? `  SSIM ${out[row].quality.ssim.toFixed(3)}` : ''}`);
    } catch (err) {
      out[row] = { error: String(err.message ?? err).split('\n')[0] };
      console.log(`  ${row.padEnd(12)} FAILED ${out[row].error}`);
    }
  }
  await page.evaluate((n) => window.methodsBench.dispose(n), name).catch(() => {});
  await page.close();
  return { info, rows: out };
}

function table(results, opts) {
  const cols = opts.engines;
  const lines = [`| row | ${cols.join(' | ')} | mt ÷ fastest peer |`, `| --- | ${cols.map(() => '---').join(' | ')} | --- |`];
  for (const row of opts.rows) {
    const cell = (e) => { const c = results[e]?.rows[row]; if (!c) return '—'; if (c.error) return 'error'; const size = c.out?.bytes && /png|jpeg|webp|svg/i.test(row) ? ` (${kb(c.out.bytes)}${c.quality ? `, SSIM ${c.quality.ssim.toFixed(3)}` : ''})` : ''; return `${r1(c.median)}${size}`; };
    const peers = PEERS.map((e) => results[e]?.rows[row]?.median).filter((x) => x != null);
    const mt = results['pixelpipe-mt']?.rows[row]?.median;
    const ratio = mt != null && peers.length ? `×${(mt / Math.min(...peers)).toFixed(2)}` : '';
    lines.push(`| ${ROWS[row]} | ${cols.map(cell).join(' | ')} | ${ratio} |`);
  }
  for (const b of ['pixelpipe-mt', 'pixelpipe-st']) {
    const p = results[b]?.rows;
    if (p?.palette3?.median != null && p?.pngDefault?.median != null) {
      lines.push('', `${b}: palette work over three PNG encodes = ${r1(p.palette3.median - 3 * p.pngDefault.median)} ms (palette3 ${r1(p.palette3.median)} − 3 × png ${r1(p.pngDefault.median)})`);
    }
  }
  return lines.join('\n');
}

const opts = parseArgs(process.argv.slice(2));
const manifest = await prepareInputs(TESTDATA, path.join(ROOT, 'build', 'bench-inputs'));
const isolated = await startServer({ port: 0, isolated: true });
const plain = await startServer({ port: 0, isolated: false });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
const results = {};
try {
  for (const e of opts.engines) results[e] = await benchEngine(browser, { isolated: isolated.url, plain: plain.url }, e, manifest, opts);
} finally {
  await browser.close();
  await isolated.close();
  await plain.close();
}
const md = table(results, opts);
console.log(`\n${md}`);
if (opts.save) {
  fs.mkdirSync(path.join(HERE, '..', 'results'), { recursive: true });
  const file = path.join(HERE, '..', 'results', `methods-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), manifest, opts, results }, null, 1));
  console.log(`saved ${path.relative(ROOT, file)}`);
}
