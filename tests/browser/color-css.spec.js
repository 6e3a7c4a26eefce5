// SPDX-License-Identifier: MIT
// The CSS-parity colour transforms against Chromium's own CSS filter implementation (canvas
// ctx.filter = 'sepia(0.6)' etc.), on a real photo: max |diff| <= 2 per channel. Chromium (Skia)
// evaluates these matrices in 8-bit/float pipelines with its own rounding, hence 2, not 1.
// Also checks the premise that the shorthands work on sRGB-encoded values (not linear light):
// a linear-light version of saturate(2) is far from Chromium's result.
import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import { ISOLATED_ORIGIN, openHarness, disposeService, testFilePath, watchConsole } from './helpers.js';

// transform → [CSS function name, argument unit, amounts]
const CASES = [
  ['grayscale', 'grayscale', '', [0.3, 1]],
  ['sepia', 'sepia', '', [0.6, 1]],
  ['invert', 'invert', '', [0.25, 1]],
  ['opacity', 'opacity', '', [0.5]],
  ['brightness', 'brightness', '', [0.6, 1.4, 2.5]],
  ['contrast', 'contrast', '', [0.5, 1.8]],
  ['saturate', 'saturate', '', [0.4, 2, 5]],
  ['hue_rotate', 'hue-rotate', 'deg', [45, 180, -100]],
];

test.afterEach(async ({ page }) => { await disposeService(page); });

test('CSS colour functions match Chromium canvas filters within ±2 on kodim23.png', async ({ page }) => {
  const log = watchConsole(page);
  await openHarness(page, ISOLATED_ORIGIN);
  const b64 = fs.readFileSync(testFilePath('photos/kodim23.png')).toString('base64');
  const results = await page.evaluate(async ({ b64, cases }) => {
    // Decode once with the browser (no colour conversion) and give both sides the same pixels.
    const src = await h.decode(h.fromBase64(b64));
    const configs = [];
    const filters = {};
    for (const [transform, css, unit, amounts] of cases) {
      for (const a of amounts) {
        const id = `${transform}:${a}`;
        const cfg = { id, type: 'color_transform', transform, format: 'raw' };
        if (transform === 'hue_rotate') cfg.degrees = a; else cfg.amount = a;
        configs.push(cfg);
        filters[id] = `${css}(${a}${unit})`;
      }
    }
    const out = await svc.generateVariations({ width: src.width, height: src.height, data: src.data.slice() }, configs);
    const report = {};
    for (const [id, filter] of Object.entries(filters)) {
      const ours = out[id];
      const oracle = h.canvasFilter(src, filter);
      // Opacity: compare alpha only (colour of a half-transparent canvas pixel went through
      // premultiplied 8-bit storage); everything else: RGBA (the photo is opaque).
      const channels = id.startsWith('opacity') ? [3] : [0, 1, 2, 3];
      let maxDiff = 0, sum = 0, n = 0, over = 0, first = null;
      for (let i = 0; i < oracle.data.length; i += 4) {
        for (const c of channels) {
          const d = Math.abs(ours.data[i + c] - oracle.data[i + c]);
          if (d > maxDiff) maxDiff = d;
          if (d > 2) { over++; if (!first) first = { pixel: i / 4, c, ours: ours.data[i + c], chromium: oracle.data[i + c] }; }
          sum += d; n++;
        }
      }
      report[id] = { filter, size: [ours.width, ours.height], maxDiff, mean: sum / n, over, first };
    }
    return { width: src.width, height: src.height, report };
  }, { b64, cases: CASES });

  expect([results.width, results.height]).toEqual([768, 512]);
  const lines = [];
  for (const [id, r] of Object.entries(results.report)) {
    lines.push(`${r.filter}: max ${r.maxDiff}, mean ${r.mean.toFixed(3)}`);
    expect(r.size, id).toEqual([768, 512]);
    expect(r.over, `${id} vs canvas ${r.filter}: ${r.over} values beyond ±2, first ${JSON.stringify(r.first)}; ${log.join('\n')}`).toBe(0);
  }
  test.info().annotations.push({ type: 'measured', description: lines.join('; ') });
});

test('Chromium applies the CSS shorthands to sRGB-encoded values, not linear light', async ({ page }) => {
  await openHarness(page, ISOLATED_ORIGIN);
  const b64 = fs.readFileSync(testFilePath('photos/kodim23.png')).toString('base64');
  const r = await page.evaluate(async (b64) => {
    const src = await h.decode(h.fromBase64(b64));
    const oracle = h.canvasFilter(src, 'saturate(2)');
    const s = 2;
    const m = [[0.213 + 0.787 * s, 0.715 - 0.715 * s, 0.072 - 0.072 * s],
               [0.213 - 0.213 * s, 0.715 + 0.285 * s, 0.072 - 0.072 * s],
               [0.213 - 0.213 * s, 0.715 - 0.715 * s, 0.072 + 0.928 * s]];
    const toLin = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    const toSrgb = (l) => { l = Math.min(1, Math.max(0, l)); return 255 * (l <= 0.0031308 ? 12.92 * l : 1.055 * l ** (1 / 2.4) - 0.055); };
    let encSum = 0, linSum = 0, n = 0;
    for (let i = 0; i < src.data.length; i += 4) {
      const p = [src.data[i], src.data[i + 1], src.data[i + 2]];
      const pl = p.map(toLin);
      for (let c = 0; c < 3; c++) {
        const enc = Math.min(255, Math.max(0, m[c][0] * p[0] + m[c][1] * p[1] + m[c][2] * p[2]));
        const lin = toSrgb(m[c][0] * pl[0] + m[c][1] * pl[1] + m[c][2] * pl[2]);
        encSum += Math.abs(enc - oracle.data[i + c]);
        linSum += Math.abs(lin - oracle.data[i + c]);
        n++;
      }
    }
    return { encoded: encSum / n, linear: linSum / n };
  }, b64);
  test.info().annotations.push({ type: 'measured', description: `saturate(2): mean |diff| vs encoded-value matrix ${r.encoded.toFixed(3)}, vs linear-light matrix ${r.linear.toFixed(3)}` });
  expect(r.encoded).toBeLessThan(0.5);
  expect(r.linear).toBeGreaterThan(2);
});
