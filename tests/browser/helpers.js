// SPDX-License-Identifier: MIT
// Helpers shared by the specs (Node side).
import fs from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';
import { TESTDATA, HARNESS_PATH, ISOLATED_ORIGIN, PLAIN_ORIGIN } from './env.js';

export { ISOLATED_ORIGIN, PLAIN_ORIGIN, TESTDATA };

/** Read a test file from the shared corpus (never copied into the repo) as base64 for page.evaluate. */
export function testFileBase64(rel) {
  return fs.readFileSync(path.join(TESTDATA, rel)).toString('base64');
}
export function testFilePath(rel) {
  return path.join(TESTDATA, rel);
}

/** Collect page errors / console errors so a failing test says what the page saw. */
export function watchConsole(page) {
  const log = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') log.push(`[${m.type()}] ${m.text()}`); });
  page.on('pageerror', (e) => log.push(`[pageerror] ${e.message}`));
  return log;
}

/**
 * Open the harness page on `origin`, wait until /js/index.js is loaded, and create a service as
 * window.svc. Returns the capabilities.
 */
export async function openHarness(page, origin = ISOLATED_ORIGIN, options = {}) {
  await page.goto(origin + HARNESS_PATH);
  const loaded = await page.evaluate(() => window.ppReady.then(() => ({ ok: true }), (e) => ({ ok: false, error: String(e && e.stack || e) })));
  expect(loaded, 'the harness page must load /js/index.js').toEqual({ ok: true });
  return page.evaluate(async (opts) => {
    window.svc = await window.pp.ImageProcessingService.create(opts);
    return JSON.parse(JSON.stringify(await window.svc.capabilities()));
  }, options);
}

export async function disposeService(page) {
  await page.evaluate(async () => { if (window.svc) { await window.svc.dispose(); window.svc = null; } }).catch(() => {});
}
