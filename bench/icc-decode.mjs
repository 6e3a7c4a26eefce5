// SPDX-License-Identifier: MIT
// What colour management adds to a decode (issue #15: "the conversion of a 12 MP P3 photo adds at
// most 15 % to its decode time in Chromium's mt build; sRGB images pay nothing").
//   node bench/icc-decode.mjs [--runs 7] [--builds mt,st] [--base DIR]
// Input: issue #12's 4000×3000 JPEG (bench/input-image.mjs), and the same pixels written by sharp
// into Display P3 with the profile embedded (q90, made once into build/bench-cache/). Timed in
// headless Chromium: generateVariations(bytes, raw out, no steps) with colorManagement 'ignore'
// and 'convert'. --base DIR adds a page served from another checkout's tree (its js/, dist/ and
// bench/blank.html) to compare two builds on a loaded machine. Every round runs every page ×
// input × mode once, interleaved, so that load hits them alike; median of the rounds after one
// warm-up each. No result cache, no decoded-image reuse.
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
const TREES = { this: ROOT, ...(arg('base') ? { base: path.resolve(arg('base')) } : {}) };
const INPUTS = { srgb: 'sRGB (no profile)', p3: 'Display P3 (profile embedded)' };
const MODES = ['ignore', 'convert'];
const median = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];

const paths = await p3BenchInputs(path.join(ROOT, '..', 'shared', 'testdata', 'photos'), path.join(ROOT, 'build', 'bench-cache'));
const files = Object.fromEntries(Object.keys(INPUTS).map((k) => [k, fs.readFileSync(paths[k]).toString('base64')]));

/** A page of `root` with the service and `once(input, mode)` (ms of one call) set up; checks the build. */
async function open(browser, root, build) {
  const server = await startServer({ port: 0, root, isolated: build === 'mt' });
  const page = await browser.newPage();
  await page.goto(server.url + 'bench/blank.html');
  const got = await page.evaluate(async (files) => {
    const pp = await import('/js/index.js');
    globalThis.svc = await pp.ImageProcessingService.create({ cache: null, imageCacheBytes: 0, operationTimeoutMs: 300000 });
    const bytes = Object.fromEntries(Object.entries(files).map(([k, b64]) => [k, Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))]));
    globalThis.once = async (name, colorManagement) => {
      const t0 = performance.now();
      const out = await svc.generateVariations(bytes[name], [{ id: 'o', steps: [], format: 'raw' }], { colorManagement });
      if (!out.o?.data?.length) throw new Error(`${name}: no output`);
      return performance.now() - t0;
    };
    return (await svc.capabilities()).build;
  }, files);
  if (got !== build) throw new Error(`${root}: expected the ${build} build, got ${got}`);
  return { server, page };
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  console.log(`| build | tree | input | 'ignore' ms | 'convert' ms | added |\n| --- | --- | --- | --- | --- | --- |`);
  for (const build of BUILDS) {
    const pages = {};
    for (const [tree, root] of Object.entries(TREES)) pages[tree] = await open(browser, root, build);
    const cases = Object.keys(pages).flatMap((tree) => Object.keys(INPUTS).flatMap((input) => MODES.map((mode) => ({ tree, input, mode }))));
    const times = new Map(cases.map((c) => [c, []]));
    for (let round = -1; round < RUNS; round++) { // round -1: the warm-up
      for (const c of cases) {
        const ms = await pages[c.tree].page.evaluate(([input, mode]) => once(input, mode), [c.input, c.mode]);
        if (round >= 0) times.get(c).push(ms);
      }
    }
    const med = (tree, input, mode) => median(times.get(cases.find((c) => c.tree === tree && c.input === input && c.mode === mode)));
    for (const tree of Object.keys(pages)) {
      for (const [input, label] of Object.entries(INPUTS)) {
        const ignore = med(tree, input, 'ignore'), convert = med(tree, input, 'convert');
        console.log(`| ${build} | ${tree} | ${label} | ${ignore.toFixed(1)} | ${convert.toFixed(1)} | ${(100 * (convert / ignore - 1)).toFixed(1)} % |`);
      }
    }
    for (const { page, server } of Object.values(pages)) { await page.evaluate(() => svc.dispose()); await page.close(); await server.close(); }
  }
} finally {
  await browser.close();
}
