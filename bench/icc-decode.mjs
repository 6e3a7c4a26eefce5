// SPDX-License-Identifier: MIT
// What colour management adds to a decode (issue #15: "the conversion of a 12 MP P3 photo adds at
// most 15 % to its decode time in Chromium's mt build; sRGB images pay nothing").
//   node bench/icc-decode.mjs [--runs 7] [--builds mt,st]
// Input: issue #12's 4000×3000 JPEG (bench/input-image.mjs), and the same pixels written by sharp
// into Display P3 with the profile embedded (q90, made once into build/bench-cache/). Timed in one
// headless Chromium page per build: generateVariations(bytes, raw out, no steps) with
// colorManagement 'ignore' and 'convert', alternating in every round so that load hits both alike;
// median of the runs after one warm-up each. No result cache, no decoded-image reuse.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { startServer } from '../web-demo/serve.mjs';
import { p3BenchInputs } from './input-image.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, dflt) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : dflt; };
const RUNS = Number(arg('runs', 7));
const BUILDS = arg('builds', 'mt,st').split(',');

async function inputs() {
  const { srgb, p3 } = await p3BenchInputs(path.join(ROOT, '..', 'shared', 'testdata', 'photos'), path.join(ROOT, 'build', 'bench-cache'));
  return { srgb: fs.readFileSync(srgb), p3: fs.readFileSync(p3) };
}

/** In the page: medians of decode with 'ignore' and 'convert' for each input. */
async function measure(page, files) {
  return page.evaluate(async ({ files, runs }) => {
    const pp = await import('/js/index.js');
    const svc = await pp.ImageProcessingService.create({ cache: null, imageCacheBytes: 0, operationTimeoutMs: 300000 });
    const caps = await svc.capabilities();
    const bytes = Object.fromEntries(Object.entries(files).map(([k, b64]) => [k, Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))]));
    const once = async (name, colorManagement) => {
      const t0 = performance.now();
      const out = await svc.generateVariations(bytes[name], [{ id: 'o', steps: [], format: 'raw' }], { colorManagement });
      if (!out.o?.data?.length) throw new Error(`${name}: no output`);
      return performance.now() - t0;
    };
    const median = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];
    const result = { build: caps.build, threads: caps.threads };
    for (const name of Object.keys(bytes)) {
      const t = { ignore: [], convert: [] };
      await once(name, 'ignore'); await once(name, 'convert'); // warm-up
      for (let i = 0; i < runs; i++) for (const m of ['ignore', 'convert']) t[m].push(await once(name, m));
      result[name] = { ignore: median(t.ignore), convert: median(t.convert) };
    }
    await svc.dispose();
    return result;
  }, { files, runs: RUNS });
}

const files = Object.fromEntries(Object.entries(await inputs()).map(([k, b]) => [k, b.toString('base64')]));
const servers = { mt: await startServer({ port: 0, isolated: true }), st: await startServer({ port: 0, isolated: false }) };
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  console.log(`| build | input | 'ignore' ms | 'convert' ms | added |\n| --- | --- | --- | --- | --- |`);
  for (const build of BUILDS) {
    const page = await browser.newPage();
    await page.goto(servers[build].url + 'bench/blank.html');
    const r = await measure(page, files);
    if (r.build !== build) throw new Error(`expected the ${build} build, got ${r.build}`);
    for (const name of ['srgb', 'p3']) {
      const { ignore, convert } = r[name];
      console.log(`| ${build} | ${name === 'p3' ? 'Display P3 (profile embedded)' : 'sRGB (no profile)'} | ${ignore.toFixed(1)} | ${convert.toFixed(1)} | ${(100 * (convert / ignore - 1)).toFixed(1)} % |`);
    }
    await page.close();
  }
} finally {
  await browser.close();
  for (const s of Object.values(servers)) await s.close();
}
