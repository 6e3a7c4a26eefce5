// SPDX-License-Identifier: MIT
// Typed errors across the worker boundary: malformed files and bad configs reject with the right
// class and code, and the service (same instance, same workers) keeps working afterwards.
import { test, expect } from '@playwright/test';
import { ISOLATED_ORIGIN, PLAIN_ORIGIN, openHarness, disposeService, testFileBase64 } from './helpers.js';

// file (in /work/shared/testdata/malformed) → the one public code it must give (measured with the
// native CLI and in the browser: the codes are part of the API, so they are pinned, not a list).
const MALFORMED = [
  ['malformed/empty_0_bytes.jpg', 'DECODE_FAILED'], // refused in JS before any worker
  ['malformed/its_jpeg_wrong_magic.jpg', 'UNSUPPORTED_FORMAT'],
  ['malformed/truncated_in_headers.jpg', 'DECODE_FAILED'],
  ['malformed/its_png_zero_dimensions.png', 'DECODE_FAILED'],
  ['malformed/its_png_first_chunk_not_ihdr.png', 'DECODE_FAILED'],
  // Valid headers, absurd sizes: must be refused from the header, before any allocation.
  ['malformed/bomb_png_65536x65536_valid.png', 'IMAGE_TOO_LARGE'],
  ['malformed/bomb_jpeg_20000x14000_valid.jpg', 'IMAGE_TOO_LARGE'],
];
const GOOD = [{ id: 'small', type: 'resize', width: 16, height: 16, fit: 'inside', format: 'raw' }]; // 40×30 → 16×12

test.afterEach(async ({ page }) => { await disposeService(page); });

for (const origin of [ISOLATED_ORIGIN, PLAIN_ORIGIN]) {
  const label = origin === ISOLATED_ORIGIN ? 'mt' : 'st';
  test(`malformed files reject with a typed error and the next call succeeds (${label})`, async ({ page }) => {
    await openHarness(page, origin);
    for (const [file, code] of MALFORMED) {
      const r = await page.evaluate(async ({ b64, good }) => {
        const bad = await h.settle(svc.generateVariations(h.fromBase64(b64), [{ id: 'g', type: 'color_transform', transform: 'grayscale' }]));
        const syn = h.synthetic(40, 30);
        const next = await h.settle(svc.generateVariations({ width: 40, height: 30, data: syn.data }, good));
        return { bad, next: next.ok ? { ok: true, width: next.value.small.width, height: next.value.small.height } : next };
      }, { b64: testFileBase64(file), good: GOOD });

      expect(r.bad.ok, `${file} must reject`).toBe(false);
      const e = r.bad.error;
      test.info().annotations.push({ type: 'measured', description: `${file}: ${e.constructorName} ${e.code}: ${e.message}` });
      expect(e.isImageProcessingError, `${file}: instanceof ImageProcessingError (${JSON.stringify(e)})`).toBe(true);
      expect(e.isError).toBe(true);
      expect(e.constructorName, `${file}: class name`).toMatch(/Error$/);
      expect(e.name, `${file}: error.name matches its class`).toBe(e.constructorName);
      expect(e.code, `${file}: ${e.constructorName}: ${e.message}`).toBe(code);
      if (code === 'UNSUPPORTED_FORMAT') expect(e.details.direction).toBe('decode');
      expect(e.message.length).toBeGreaterThan(0);
      expect(e.operation, `${file}: operation`).toBe('generateVariations');
      expect(r.next, `${file}: the next call must succeed`).toEqual({ ok: true, width: 16, height: 12 });
    }
  });
}

test('a decode error message names the format that failed (not another decoder\'s reason)', async ({ page }) => {
  // stb_image tries its decoders in turn; stbi_failure_reason() then holds the LAST decoder's reason.
  // A truncated JPEG must not be reported as "bad png sig".
  await openHarness(page, ISOLATED_ORIGIN);
  for (const file of ['malformed/truncated_in_headers.jpg', 'malformed/truncated_progressive.jpg', 'malformed/its_jpeg_bad_dht.jpg']) {
    const r = await page.evaluate(async (b64) => h.settle(svc.generateVariations(h.fromBase64(b64), [{ id: 'g', type: 'color_transform', transform: 'grayscale' }])), testFileBase64(file));
    expect(r.ok, `${file} must reject`).toBe(false);
    expect(r.error.code).toBe('DECODE_FAILED');
    expect(r.error.message, `${file}: ${r.error.message}`).toMatch(/JPEG decode failed/);
    expect(r.error.message, `${file}: ${r.error.message}`).not.toMatch(/\bpng\b/i);
  }
});

test('config errors: class, code and the path of the bad field', async ({ page }) => {
  await openHarness(page, ISOLATED_ORIGIN);
  const cases = await page.evaluate(async () => {
    const img = h.synthetic(20, 20);
    const input = { width: 20, height: 20, data: img.data };
    const run = (configs, opts) => h.settle(svc.generateVariations(input, configs, opts));
    return {
      negativeRadius: await run([{ id: 'b', type: 'filter', filter: 'gaussian_blur', radius: -1 }]),
      unknownFilter: await run([{ id: 'b', type: 'filter', filter: 'not_a_filter', radius: 2 }]),
      unknownTransform: await run([{ id: 'c', type: 'color_transform', transform: 'ultraviolet' }]),
      missingWidth: await run([{ id: 't', type: 'resize', width: 'wide', height: 300 }]),
      duplicateId: await run([{ id: 'x', type: 'color_transform', transform: 'grayscale' }, { id: 'x', type: 'color_transform', transform: 'grayscale' }]),
      conflictingSpellings: await run([{ id: 't', type: 'resize', width: 30, height: 30, maintainAspectRatio: true, maintain_aspect_ratio: false }]),
      aborted: await run([{ id: 'c', type: 'color_transform', transform: 'grayscale' }], { signal: AbortSignal.abort() }),
      stillWorks: await run([{ id: 'c', type: 'color_transform', transform: 'grayscale', format: 'raw' }]).then((r) => ({ ok: r.ok })),
    };
  });

  const expectTyped = (r, cls, what) => {
    expect(r.ok, `${what} must reject`).toBe(false);
    expect(r.error.isImageProcessingError, `${what}: ${JSON.stringify(r.error)}`).toBe(true);
    expect(r.error.constructorName, `${what}: ${r.error.message}`).toBe(cls);
    expect(r.error.instanceOf[cls], `${what}: instanceof ${cls}`).toBe(true);
    expect(r.error.code, `${what}: code`).toMatch(/^[A-Z][A-Z0-9_]+$/);
    expect(r.error.operation).toBe('generateVariations');
    return r.error;
  };
  const neg = expectTyped(cases.negativeRadius, 'InvalidConfigurationError', 'radius -1');
  expect(JSON.stringify(neg.details), 'details name the path').toContain('radius');
  expect(JSON.stringify(neg.details)).toMatch(/variationConfigs\[0\]/);
  expectTyped(cases.unknownFilter, 'UnsupportedTransformationError', 'unknown filter');
  expectTyped(cases.unknownTransform, 'UnsupportedTransformationError', 'unknown transform');
  const w = expectTyped(cases.missingWidth, 'InvalidConfigurationError', 'width "wide"');
  expect(JSON.stringify(w.details)).toContain('width');
  expectTyped(cases.duplicateId, 'InvalidConfigurationError', 'duplicate id');
  expectTyped(cases.conflictingSpellings, 'InvalidConfigurationError', 'both spellings with different values');
  expect(cases.aborted.ok, 'an already-aborted signal rejects').toBe(false);
  expect(cases.aborted.error.isImageProcessingError).toBe(true);
  expect(cases.aborted.error.code).toMatch(/ABORT/);
  expect(cases.stillWorks).toEqual({ ok: true });
});

test('all error classes are exported and extend ImageProcessingError; calls after dispose reject', async ({ page }) => {
  await openHarness(page, ISOLATED_ORIGIN);
  const r = await page.evaluate(async () => {
    const names = ['ImageProcessingError', 'InvalidConfigurationError', 'UnsupportedTransformationError', 'InvalidLayerError', 'UnsupportedAnalysisError'];
    const exported = Object.fromEntries(names.map((n) => [n, typeof pp[n] === 'function' && (n === 'ImageProcessingError' || pp[n].prototype instanceof pp.ImageProcessingError)]));
    await svc.dispose();
    const after = await h.settle(svc.generateVariations(h.synthetic(8, 8), [{ id: 'g', type: 'color_transform', transform: 'grayscale' }]));
    window.svc = null;
    return { exported, after };
  });
  expect(r.exported).toEqual({
    ImageProcessingError: true, InvalidConfigurationError: true, UnsupportedTransformationError: true,
    InvalidLayerError: true, UnsupportedAnalysisError: true,
  });
  expect(r.after.ok, 'a call after dispose() rejects').toBe(false);
  expect(r.after.error.isImageProcessingError).toBe(true);
});
