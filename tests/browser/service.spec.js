// SPDX-License-Identifier: MIT
// ImageProcessingService in real Chromium workers: build selection (mt with COOP/COEP, st without),
// the specification's three example variations, mt/st pixel equality, and a canvas oracle for grayscale.
import { test, expect } from '@playwright/test';
import { ISOLATED_ORIGIN, PLAIN_ORIGIN, openHarness, disposeService, testFileBase64, watchConsole } from './helpers.js';

const EXAMPLE = [
  { id: 'thumbnail', type: 'resize', width: 300, height: 300, maintainAspectRatio: true },
  { id: 'grayscale', type: 'color_transform', transform: 'grayscale' },
  { id: 'blurred', type: 'filter', filter: 'gaussian_blur', radius: 5 },
];
const rawConfigs = (cfgs) => cfgs.map((c) => ({ ...c, format: 'raw' }));

// A mid-sized real photo (1165×859 JPEG) keeps each test to a few seconds on 2 shared cores.
const PHOTO = 'photos/harvesters.jpeg';
const PHOTO_W = 1165, PHOTO_H = 859;

/** Expected 'inside' fit of w×h into 300×300, as a [w, h] pair (rounding may differ by 1). */
function fitInside(w, h, bw = 300, bh = 300) {
  const s = Math.min(bw / w, bh / h);
  return [w * s, h * s];
}

test.afterEach(async ({ page }) => { await disposeService(page); });

test.describe('cross-origin isolated page (COOP/COEP)', () => {
  test('runs the threaded mt build', async ({ page }) => {
    const log = watchConsole(page);
    const caps = await openHarness(page, ISOLATED_ORIGIN);
    expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
    expect(caps.build, `capabilities: ${JSON.stringify(caps)}\n${log.join('\n')}`).toBe('mt');
    expect(caps.threads).toBeGreaterThanOrEqual(1);
  });

  test('the three example variations produce images of the right size', async ({ page }) => {
    await openHarness(page, ISOLATED_ORIGIN);
    const res = await page.evaluate(async ({ b64, configs }) => {
      const bytes = h.fromBase64(b64);
      const out = await svc.generateVariations(bytes, configs);
      const r = { keys: Object.keys(out).sort(), inputIntact: bytes.byteLength > 0 };
      for (const [id, v] of Object.entries(out)) {
        const img = await h.decode(v);
        let gray = true;
        for (let i = 0; i < img.data.length; i += 4) {
          if (img.data[i] !== img.data[i + 1] || img.data[i] !== img.data[i + 2]) { gray = false; break; }
        }
        // letterbox: count rows that hold any opaque pixel (maintainAspectRatio → fit 'contain')
        let opaqueRows = 0;
        for (let y = 0; y < img.height; y++) {
          for (let x = 0; x < img.width; x++) if (img.data[(y * img.width + x) * 4 + 3] > 0) { opaqueRows++; break; }
        }
        r[id] = { isUint8Array: v instanceof Uint8Array, format: h.sniff(v), bytes: v.byteLength, width: img.width, height: img.height, gray, opaqueRows };
      }
      return r;
    }, { b64: testFileBase64(PHOTO), configs: EXAMPLE });

    expect(res.keys).toEqual(['blurred', 'grayscale', 'thumbnail']);
    expect(res.inputIntact, 'the caller\'s buffer stays usable (copied, not transferred)').toBe(true);
    for (const id of res.keys) {
      expect(res[id].isUint8Array, `${id} is a Uint8Array`).toBe(true);
      expect(res[id].format, `${id} defaults to PNG`).toBe('png');
    }
    // The catalogue maps maintainAspectRatio: true to fit 'contain' (sharp semantics): the image is
    // scaled to fit inside 300×300 and letterboxed to exactly 300×300 with a transparent background.
    const [, th] = fitInside(PHOTO_W, PHOTO_H); // 300 × 221.2
    expect([res.thumbnail.width, res.thumbnail.height]).toEqual([300, 300]);
    // Rounding of the content's short side is implementation-defined: ±1 px (+1 for a blended edge row).
    expect(Math.abs(res.thumbnail.opaqueRows - th)).toBeLessThanOrEqual(2);
    expect([res.grayscale.width, res.grayscale.height]).toEqual([PHOTO_W, PHOTO_H]);
    expect([res.blurred.width, res.blurred.height]).toEqual([PHOTO_W, PHOTO_H]);
    expect(res.grayscale.gray, 'grayscale output has R = G = B everywhere').toBe(true);
    expect(res.blurred.gray).toBe(false);
  });

  test('grayscale matches Chromium canvas filter grayscale(1) within ±2 (independent oracle)', async ({ page }) => {
    await openHarness(page, ISOLATED_ORIGIN);
    const r = await page.evaluate(async () => {
      const src = h.synthetic(256, 192, 7);
      const out = await svc.generateVariations({ width: src.width, height: src.height, data: src.data.slice() },
        [{ id: 'g', type: 'color_transform', transform: 'grayscale', format: 'raw' }]);
      const g = out.g;
      const oracle = h.canvasFilter(src, 'grayscale(1)');
      return {
        shape: { width: g.width, height: g.height, len: g.data.length, isU8: g.data instanceof Uint8Array || g.data instanceof Uint8ClampedArray },
        cmp: h.compare({ width: g.width, height: g.height, data: g.data }, oracle, { tol: 2 }),
      };
    });
    test.info().annotations.push({ type: 'measured', description: `grayscale vs canvas grayscale(1): max |diff| ${r.cmp.maxDiff}, mean ${r.cmp.meanDiff.toFixed(3)}` });
    expect(r.shape).toEqual({ width: 256, height: 192, len: 256 * 192 * 4, isU8: true });
    expect(r.cmp.sameSize).toBe(true);
    expect(r.cmp.over, `first pixel outside ±2: ${JSON.stringify(r.cmp.firstOver)}; max diff ${r.cmp.maxDiff}`).toBe(0);
  });

  test('gaussian blur radius 5 is close to Chromium canvas blur(5px) away from the borders', async ({ page }) => {
    // Skia approximates a Gaussian (sigma = 5 px) with three box passes and treats outside pixels as
    // transparent; so compare only the interior (20 px = 4 sigma margin) and on the mean, with a
    // loose max. This catches a wrong sigma/radius mapping (radius 5 read as sigma 2.5 or 10 is far off).
    await openHarness(page, ISOLATED_ORIGIN);
    const r = await page.evaluate(async () => {
      const src = h.synthetic(256, 192, 3);
      const out = await svc.generateVariations({ width: src.width, height: src.height, data: src.data.slice() },
        [{ id: 'b', type: 'filter', filter: 'gaussian_blur', radius: 5, format: 'raw' }]);
      const b = out.b;
      const oracle = h.canvasFilter(src, 'blur(5px)');
      const same = h.compare(src, oracle, { margin: 20, channels: 3 });
      return { cmp: h.compare({ width: b.width, height: b.height, data: b.data }, oracle, { tol: 8, margin: 20, channels: 3 }), unblurred: same.meanDiff };
    });
    test.info().annotations.push({ type: 'measured', description: `blur vs canvas blur(5px), interior: max |diff| ${r.cmp.maxDiff}, mean ${r.cmp.meanDiff.toFixed(3)} (unblurred vs canvas: mean ${r.unblurred.toFixed(2)})` });
    expect(r.cmp.sameSize).toBe(true);
    expect(r.cmp.meanDiff, `mean |diff| vs canvas blur; the unblurred image differs by ${r.unblurred.toFixed(2)}`).toBeLessThan(2);
    expect(r.cmp.maxDiff).toBeLessThanOrEqual(16);
  });
});

test.describe('page without COOP/COEP', () => {
  test('falls back to the single-threaded st build', async ({ page }) => {
    const log = watchConsole(page);
    const caps = await openHarness(page, PLAIN_ORIGIN);
    expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(false);
    expect(caps.build, `capabilities: ${JSON.stringify(caps)}\n${log.join('\n')}`).toBe('st');
    const out = await page.evaluate(async (configs) => {
      const src = h.synthetic(200, 100);
      const o = await svc.generateVariations(await h.encodePng(src), configs);
      return Object.fromEntries(await Promise.all(Object.entries(o).map(async ([k, v]) => [k, (await h.decode(v)).width])));
    }, EXAMPLE);
    expect(out).toEqual({ thumbnail: 300, grayscale: 200, blurred: 200 }); // thumbnail letterboxed to 300×300
  });
});

test('mt and st builds give the same pixels (raw output, ±1)', async ({ browser }) => {
  // Two pages, two origins: isolated (mt) and plain (st). Same inputs: a synthetic raw image and a
  // real JPEG. The two builds share the C++ and the Halide algorithms; only threading differs, so
  // the results should be identical (±1 allows a different vector/rounding path).
  const inputs = { photo: testFileBase64(PHOTO) };
  const runIn = async (origin) => {
    const page = await browser.newPage();
    try {
      const caps = await openHarness(page, origin);
      const results = await page.evaluate(async ({ photo, configs }) => {
        const syn = h.synthetic(301, 203, 11);
        const a = await svc.generateVariations({ width: syn.width, height: syn.height, data: syn.data }, configs);
        const b = await svc.generateVariations(h.fromBase64(photo), configs);
        const pack = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, { width: v.width, height: v.height, b64: h.toBase64(new Uint8Array(v.data.buffer, v.data.byteOffset, v.data.byteLength)) }]));
        return { synthetic: pack(a), photo: pack(b) };
      }, { photo: inputs.photo, configs: rawConfigs(EXAMPLE) });
      await disposeService(page);
      return { build: caps.build, results };
    } finally {
      await page.close();
    }
  };
  const mt = await runIn(ISOLATED_ORIGIN);
  const st = await runIn(PLAIN_ORIGIN);
  expect(mt.build).toBe('mt');
  expect(st.build).toBe('st');
  for (const input of ['synthetic', 'photo']) {
    for (const id of ['thumbnail', 'grayscale', 'blurred']) {
      const a = mt.results[input][id], b = st.results[input][id];
      expect([a.width, a.height], `${input}/${id} size`).toEqual([b.width, b.height]);
      const A = Buffer.from(a.b64, 'base64'), B = Buffer.from(b.b64, 'base64');
      expect(A.length).toBe(a.width * a.height * 4);
      expect(B.length).toBe(A.length);
      let max = 0, nDiff = 0;
      for (let i = 0; i < A.length; i++) { const d = Math.abs(A[i] - B[i]); if (d) nDiff++; if (d > max) max = d; }
      test.info().annotations.push({ type: 'measured', description: `mt vs st ${input}/${id} ${a.width}x${a.height}: ${nDiff} bytes differ, max ${max}` });
      expect(max, `${input}/${id}: ${nDiff} bytes differ, max ${max}`).toBeLessThanOrEqual(1);
    }
  }
});

test('inputs: Uint8Array, ArrayBuffer, Blob and ImageData give the same pixels; transfer: true detaches', async ({ page }) => {
  await openHarness(page, ISOLATED_ORIGIN);
  const r = await page.evaluate(async () => {
    const src = h.synthetic(64, 48, 5);
    const png = await h.encodePng(src);
    const cfg = [{ id: 'g', type: 'color_transform', transform: 'grayscale', format: 'raw' }];
    const run = async (input, opts) => (await svc.generateVariations(input, cfg, opts)).g;
    const fromU8 = await run(png);
    const fromAB = await run(png.slice().buffer);
    const fromBlob = await run(new Blob([png], { type: 'image/png' }));
    const fromImageData = await run(new ImageData(new Uint8ClampedArray(src.data), 64, 48));
    const t = png.slice();
    await run(t, { transfer: true });
    const same = (a, b) => a.width === b.width && a.height === b.height && a.data.every((v, i) => v === b.data[i]);
    return {
      ab: same(fromU8, fromAB), blob: same(fromU8, fromBlob), imageData: same(fromU8, fromImageData),
      callerCopyIntact: png.byteLength > 0, transferredDetached: t.byteLength === 0,
    };
  });
  expect(r).toEqual({ ab: true, blob: true, imageData: true, callerCopyIntact: true, transferredDetached: true });
});

test('parallel calls all resolve with their own results', async ({ page }) => {
  await openHarness(page, ISOLATED_ORIGIN);
  const sizes = await page.evaluate(async () => {
    const calls = [];
    for (let i = 1; i <= 6; i++) {
      const s = h.synthetic(40 + i * 10, 30 + i * 5, i);
      calls.push(svc.generateVariations(s, [{ id: 'b', type: 'filter', filter: 'gaussian_blur', radius: 1 + i, format: 'raw' }])
        .then((o) => `${o.b.width}x${o.b.height}`));
    }
    return Promise.all(calls);
  });
  expect(sizes).toEqual(['50x35', '60x40', '70x45', '80x50', '90x55', '100x60']);
});

for (const origin of [ISOLATED_ORIGIN, PLAIN_ORIGIN]) {
  const label = origin === ISOLATED_ORIGIN ? 'mt' : 'st';
  test(`load(): an ImageHandle serves call after call with the same pixels as the bytes; release() ends it (${label})`, async ({ page }) => {
    await openHarness(page, origin);
    const r = await page.evaluate(async () => {
      const src = h.synthetic(96, 64, 3);
      const png = await h.encodePng(src);
      const handle = await svc.load(png);
      const cfg = [{ id: 'b', type: 'color_transform', transform: 'brightness', amount: 1.3, format: 'raw' }];
      const fromBytes = (await svc.generateVariations(png, cfg)).b;
      const runs = await Promise.all([1, 2, 3].map(() => svc.generateVariations(handle, cfg)));
      const same = runs.every((o) => o.b.data.every((v, i) => v === fromBytes.data[i]));
      handle.release();
      const after = await h.settle(svc.generateVariations(handle, cfg));
      return { size: [handle.width, handle.height, handle.format], same, afterRelease: after.ok ? 'ok' : after.error.constructorName };
    });
    expect(r).toEqual({ size: [96, 64, 'png'], same: true, afterRelease: 'InvalidConfigurationError' });
  });
}
