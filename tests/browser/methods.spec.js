// SPDX-License-Identifier: MIT
// analyzeImage (every type) and generateAndApplyPalette (three palettes per call, each mode) in
// Chromium's mt and st builds give exactly what Node gives: deep-equal results, the palette
// images byte for byte. The measures themselves are tied to OpenCV/numpy/Pillow in
// tests/oracle/test_analysis_oracle.py; this checks that the browser runs the same engine the
// same way (no thread-count, SIMD or worker-transfer dependence).
import { test, expect } from '@playwright/test';
import { testFileBase64 } from './helpers.js';
import { inEachBuild, withNodeService, plain } from './parity.js';

const ALL_TYPES = ['colors', 'composition', 'quality', 'histogram', 'stats', 'metadata', 'smartCrop'];
// a JPEG (jpegBlockiness is measured), a PNG with its own palette of colours, an EXIF-rotated JPEG
const ANALYSED = ['photos/harvesters.jpeg', 'photos/kodim23.png', 'formats/exif_orientation/Landscape_6.jpg'];
const PALETTES = [
  ['deep ocean blues with a hint of coral', { mode: 'map' }],
  ['warm autumn sunset', { mode: 'transfer', strength: 0.8 }],
  ['black and gold', { mode: 'quantize', dither: 0.5 }],
];

test('analyzeImage, every type: Chromium mt = Chromium st = Node (deep equal)', async ({ page }) => {
  test.setTimeout(240_000);
  const inputs = ANALYSED.map((rel) => [rel, testFileBase64(rel)]);
  const runs = await inEachBuild(page, async ({ inputs, types }) => {
    const out = {};
    for (const [rel, b64] of inputs) out[rel] = h.plain(await svc.analyzeImage(h.fromBase64(b64), types));
    return out;
  }, { inputs, types: ALL_TYPES });
  const node = await withNodeService(async (svc) => {
    const out = {};
    for (const [rel, b64] of inputs) out[rel] = plain(await svc.analyzeImage(Buffer.from(b64, 'base64'), ALL_TYPES));
    return out;
  });
  for (const rel of ANALYSED) {
    expect(Object.keys(node[rel]), rel).toEqual(ALL_TYPES);
    expect(runs.mt[rel], `${rel}: mt vs Node\n${runs.log.join('\n')}`).toEqual(node[rel]);
    expect(runs.st[rel], `${rel}: st vs Node`).toEqual(node[rel]);
  }
});

test('generateAndApplyPalette, 3 palettes × map/transfer/quantize: Chromium mt = st = Node (images byte for byte)', async ({ page }) => {
  test.setTimeout(240_000);
  const b64 = testFileBase64('photos/kodim23.png');
  const runs = await inEachBuild(page, async ({ b64, cases }) => {
    const out = [];
    for (const [theme, options] of cases) out.push(h.plain(await svc.generateAndApplyPalette(h.fromBase64(b64), theme, 3, options)));
    return out;
  }, { b64, cases: PALETTES });
  const node = await withNodeService(async (svc) => {
    const out = [];
    for (const [theme, options] of PALETTES) out.push(plain(await svc.generateAndApplyPalette(Buffer.from(b64, 'base64'), theme, 3, options)));
    return out;
  });
  for (const [i, [theme]] of PALETTES.entries()) {
    expect(node[i], theme).toHaveLength(3);
    for (const p of node[i]) expect(p.image.base64.length, `${theme}: a PNG per palette`).toBeGreaterThan(1000);
    expect(runs.mt[i], `${theme}: mt vs Node\n${runs.log.join('\n')}`).toEqual(node[i]);
    expect(runs.st[i], `${theme}: st vs Node`).toEqual(node[i]);
  }
});
