// SPDX-License-Identifier: MIT
// icc-decode.mjs for two builds at once, for a loaded machine: the same 12 MP Display P3 JPEG
// decoded (generateVariations, raw out, no steps) with colorManagement 'ignore' and 'convert' in
// two Chromium pages, one served from this tree and one from another checkout's tree (its js/
// and dist/), all four calls interleaved in every round so that load hits them alike. Median of
// the rounds after one warm-up each.
//   node bench/icc-decode-paired.mjs --base DIR [--runs 9] [--builds mt,st]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { startServer } from '../web-demo/serve.mjs';
import { p3BenchInputs } from './input-image.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, dflt) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : dflt; };
const RUNS = Number(arg('runs', 9));
const BUILDS = arg('builds', 'mt,st').split(',');
const BASE = arg('base');
if (!BASE) throw new Error('--base DIR: the tree to compare with (it needs js/, dist/ and bench/blank.html)');

const { p3 } = await p3BenchInputs(path.join(ROOT, '..', 'shared', 'testdata', 'photos'), path.join(ROOT, 'build', 'bench-cache'));
const b64 = fs.readFileSync(p3).toString('base64');

async function open(browser, root, isolated) {
  const server = await startServer({ port: 0, root, isolated });
  const page = await browser.newPage();
  await page.goto(server.url + 'bench/blank.html');
  await page.evaluate(async (b64) => {
    const pp = await import('/js/index.js');
    globalThis.svc = await pp.ImageProcessingService.create({ cache: null, imageCacheBytes: 0, operationTimeoutMs: 300000 });
    globalThis.bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    globalThis.once = async (colorManagement) => {
      const t0 = performance.now();
      const out = await svc.generateVariations(bytes, [{ id: 'o', steps: [], format: 'raw' }], { colorManagement });
      if (!out.o?.data?.length) throw new Error('no output');
      return performance.now() - t0;
    };
    globalThis.build = (await svc.capabilities()).build;
  }, b64);
  return { server, page };
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const median = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];
try {
  console.log(`| build | tree | 'ignore' ms | 'convert' ms | added |\n| --- | --- | --- | --- | --- |`);
  for (const build of BUILDS) {
    const trees = { base: await open(browser, path.resolve(BASE), build === 'mt'), this: await open(browser, ROOT, build === 'mt') };
    const t = {};
    for (const [name, { page }] of Object.entries(trees)) {
      if ((await page.evaluate(() => build)) !== build) throw new Error(`${name}: expected the ${build} build`);
      for (const m of ['ignore', 'convert']) { await page.evaluate((m) => once(m), m); t[`${name} ${m}`] = []; }
    }
    for (let i = 0; i < RUNS; i++)
      for (const [name, { page }] of Object.entries(trees))
        for (const m of ['ignore', 'convert']) t[`${name} ${m}`].push(await page.evaluate((m) => once(m), m));
    for (const name of Object.keys(trees)) {
      const ignore = median(t[`${name} ignore`]), convert = median(t[`${name} convert`]);
      console.log(`| ${build} | ${name} | ${ignore.toFixed(1)} | ${convert.toFixed(1)} | ${(100 * (convert / ignore - 1)).toFixed(1)} % |`);
    }
    for (const { page, server } of Object.values(trees)) { await page.evaluate(() => svc.dispose()); await page.close(); await server.close(); }
  }
} finally {
  await browser.close();
}
