// SPDX-License-Identifier: MIT
// Helpers for the demo page specs (tests/browser/demo-*.spec.js): open the page on a panel with a
// photo, check that the page logged no errors, and check screenshots and output canvases for
// content. Pixels are decoded by Chromium (createImageBitmap / canvas), not by pixelpipe, so a
// blank or wrongly sized output cannot pass because the engine agrees with itself.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ISOLATED_ORIGIN, PLAIN_ORIGIN, REPO_ROOT } from './env.js';
import { testFilePath, watchConsole } from './helpers.js';

export const BUILDS = [['mt', ISOLATED_ORIGIN], ['st', PLAIN_ORIGIN]];
export const SHOT_DIR = path.join(REPO_ROOT, 'test-results', 'demo');

/**
 * Luma variance (8-bit levels²) a result must exceed. Each panel marks its result region with
 * `data-output`; before any result that region is empty or a blank canvas: measured 0 (Analyze
 * overlay, Composite canvas) and 30.4 (Adjust: only the split divider line), at 1280 and 390 px.
 * With results: 2184–7234 in every panel, both builds, 1280 and 390 px (the `measured` annotations).
 * A whole-panel screenshot cannot serve: its controls alone measured 354–3008 without any result.
 */
export const MIN_VARIANCE = 50;

/** Open the demo on `panel`, wait for the engine (`build`), load `photo`; returns the console log. */
export async function openDemo(page, { origin, build, panel, photo = 'photos/kodim23.png', query = '' }) {
  const log = watchConsole(page);
  await page.goto(`${origin}/web-demo/${query ? `?${query}` : ''}#${panel}`);
  await expect(page.getByTestId('build'), log.join('\n')).toHaveText(build);
  await expect(page.getByTestId(`panel-${panel}`)).toBeVisible();
  if (photo) await page.getByTestId('file-input').setInputFiles(testFilePath(photo));
  return log;
}

/** Nothing the page printed as an error, and no uncaught exception. */
export function expectNoErrors(log) {
  expect(log.filter((l) => l.startsWith('[error]') || l.startsWith('[pageerror]'))).toEqual([]);
}

/** Luma mean/variance and size of PNG/JPEG bytes, decoded by the browser. */
async function decodedStats(page, bytes) {
  return page.evaluate(async (b64) => {
    const bin = atob(b64);
    const u8 = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([u8]));
    const c = new OffscreenCanvas(bitmap.width, bitmap.height);
    const g = c.getContext('2d');
    g.drawImage(bitmap, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    let s = 0; let s2 = 0;
    const n = d.length / 4;
    for (let i = 0; i < d.length; i += 4) { const y = 0.2126 * d[i] + 0.7152 * d[i + 1] + 0.0722 * d[i + 2]; s += y; s2 += y * y; }
    return { width: c.width, height: c.height, mean: s / n, variance: s2 / n - (s / n) ** 2 };
  }, Buffer.from(bytes).toString('base64'));
}

/**
 * Screenshot the panel into test-results/demo/<name>.png, checked for its expected size (the
 * panel's box), and its result region (`[data-output]`) into <name>-output.png, checked for
 * content (luma variance over MIN_VARIANCE).
 */
export async function checkPanelScreenshot(page, panel, name) {
  fs.mkdirSync(SHOT_DIR, { recursive: true });
  const locator = page.getByTestId(`panel-${panel}`);
  // Images still loading change the panel's height: shoot until the box is the same before and after.
  let png;
  let box;
  for (let attempt = 0; attempt < 5; attempt++) {
    const before = await locator.boundingBox();
    png = await locator.screenshot({ path: path.join(SHOT_DIR, `${name}.png`) });
    box = await locator.boundingBox();
    if (before.width === box.width && before.height === box.height) break;
  }
  const stats = await decodedStats(page, png);
  // The screenshot covers the whole device pixels the box touches: from floor(start) to ceil(end).
  const span = (start, size) => Math.ceil(start + size) - Math.floor(start);
  expect(stats.width, `${name}: screenshot width vs panel ${JSON.stringify(box)}`).toBeGreaterThanOrEqual(Math.floor(box.width));
  expect(stats.width, `${name}: screenshot width vs panel ${JSON.stringify(box)}`).toBeLessThanOrEqual(span(box.x, box.width));
  expect(stats.height, `${name}: screenshot height vs panel ${JSON.stringify(box)}`).toBeGreaterThanOrEqual(Math.floor(box.height));
  expect(stats.height, `${name}: screenshot height vs panel ${JSON.stringify(box)}`).toBeLessThanOrEqual(span(box.y, box.height));

  const output = locator.locator('[data-output]');
  const outBox = await output.boundingBox();
  expect(outBox.height, `${name}: the result region has a size`).toBeGreaterThan(40);
  const outStats = await decodedStats(page, await output.screenshot({ path: path.join(SHOT_DIR, `${name}-output.png`) }));
  test.info().annotations.push({ type: 'measured', description: `${name}: result region ${outStats.width}×${outStats.height}, luma variance ${outStats.variance.toFixed(0)}` });
  expect(outStats.variance, `${name}: result region content`).toBeGreaterThan(MIN_VARIANCE);
  return outStats;
}

/** Size and luma variance of what a <canvas> shows, or of an <img> (drawn on a canvas). */
export async function elementStats(locator) {
  return locator.evaluate(async (el) => {
    let c = el;
    if (el.tagName === 'IMG') {
      await el.decode();
      c = document.createElement('canvas');
      c.width = el.naturalWidth;
      c.height = el.naturalHeight;
      c.getContext('2d').drawImage(el, 0, 0);
    }
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let s = 0; let s2 = 0;
    const n = d.length / 4;
    for (let i = 0; i < d.length; i += 4) { const y = 0.2126 * d[i] + 0.7152 * d[i + 1] + 0.0722 * d[i + 2]; s += y; s2 += y * y; }
    return { width: c.width, height: c.height, mean: s / n, variance: s2 / n - (s / n) ** 2 };
  });
}
