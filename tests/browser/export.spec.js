// SPDX-License-Identifier: MIT
// processForExport in Chromium. Oracles: Chromium's own decoders (an <img> must load every format
// it reads, at the expected natural size; lossless outputs decode to the exact pixels), Node (the
// same bytes from the same input and options, in both browser builds), and scikit-image's SSIM
// (Debian python3-skimage, skimage.metrics.structural_similarity) between Chromium's rendering of
// a traced SVG and the 16-colour quantized PNG it traces.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { test, expect } from '@playwright/test';
import { ISOLATED_ORIGIN, openHarness, disposeService, testFileBase64, watchConsole } from './helpers.js';
import { REPO_ROOT } from './env.js';
import { inEachBuild, withNodeService, plain } from './parity.js';

const PHOTO = 'photos/kodim23.png'; // 768×512 → maxWidth 384 → 384×256 exactly
const MIME = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp', gif: 'image/gif', bmp: 'image/bmp', ico: 'image/x-icon', svg: 'image/svg+xml' };
const EXPORTS = [
  ['png', {}], ['png', { palette: true, colors: 64, dither: 0.5 }], ['png', { interlace: true, compressionLevel: 9 }],
  ['jpeg', { quality: 85 }], ['jpeg', { progressive: true, chromaSubsampling: '4:4:4' }],
  ['webp', { quality: 80 }], ['webp', { lossless: true }], ['gif', { colors: 64, dither: 1 }], ['bmp', {}],
  ['ico', { sizes: [48] }], ['svg', { mode: 'embed' }], ['svg', { mode: 'embed', embedFormat: 'jpeg' }], ['svg', { mode: 'trace', colors: 16 }],
].map(([format, options]) => [format, { maxWidth: 384, ...options }]);
const expectedSize = (format) => (format === 'ico' ? [48, 48] : [384, 256]);
const LOSSLESS = (format, options) => format === 'bmp' || (format === 'png' && !options.palette) || (format === 'webp' && options.lossless);

test('every format Chromium reads loads in an <img> at its size, in mt and st; the bytes equal Node\'s; lossless ones decode exactly', async ({ page }) => {
  test.setTimeout(240_000);
  const b64 = testFileBase64(PHOTO);
  const runs = await inEachBuild(page, async ({ b64, exports, mime }) => {
    const input = h.fromBase64(b64);
    // processForExport returns files only (no 'raw'): the reference pixels are Chromium's decode of the default PNG
    const reference = await h.decode(await svc.processForExport(input, 'png', { maxWidth: 384 }));
    const out = [];
    for (const [format, options] of exports) {
      const bytes = await svc.processForExport(input, format, options);
      const { img, ...loaded } = await h.imgLoad(bytes, mime[format]);
      const decoded = loaded.ok && format !== 'svg' && format !== 'ico' ? await h.decode(bytes) : null;
      const xmlError = format === 'svg' ? new DOMParser().parseFromString(new TextDecoder().decode(bytes), 'image/svg+xml').querySelector('parsererror')?.textContent ?? null : null;
      out.push({ bytes: h.plain(bytes), loaded, xmlError, exact: decoded ? h.compare(decoded, reference).maxDiff : null });
    }
    return out;
  }, { b64, exports: EXPORTS, mime: MIME });
  const node = await withNodeService(async (svc) => {
    const out = [];
    for (const [format, options] of EXPORTS) out.push(plain(await svc.processForExport(Buffer.from(b64, 'base64'), format, options)));
    return out;
  });
  for (const [i, [format, options]] of EXPORTS.entries()) {
    const what = `${format} ${JSON.stringify(options)}`;
    for (const build of ['mt', 'st']) {
      const r = runs[build][i];
      expect([what, build, r.loaded], runs.log.join('\n')).toEqual([what, build, { ok: true, width: expectedSize(format)[0], height: expectedSize(format)[1] }]);
      expect([what, build, r.xmlError]).toEqual([what, build, null]);
      if (LOSSLESS(format, options)) expect([what, build, 'max |decode − png decode|', r.exact]).toEqual([what, build, 'max |decode − png decode|', 0]);
      expect(r.bytes.base64 === node[i].base64, `${what}: ${build} bytes = Node bytes`).toBe(true);
    }
  }
});

// Debian's python3 (not a pyenv shim) has scikit-image; SSIM over the RGB channels (channel_axis),
// default 7×7 uniform window, data_range 255.
const SSIM_PY = `import sys
from skimage.io import imread
from skimage.metrics import structural_similarity
a, b = (imread(p)[..., :3] for p in sys.argv[1:3])
print(structural_similarity(a, b, channel_axis=2, data_range=255))`;

// ~1 MP: LadyBird and Path 2560×1600 → 1280×800; seeding 5312×2988 → 1280×720; harvesters
// 1165×859 as it is. Measured natively with the same encoder and Chromium's rendering (default
// options: detail 0.85, minArea 2, exact outlines below 128 px): LadyBird 0.964, seeding 0.972,
// Path (dense forest) 0.929, harvesters (fine brushwork) 0.902.
const TRACED = ['photos/LadyBird.jpg', 'photos/seeding_by_Clements_Engelhardt.jpg', 'photos/Path_2560x1600.jpg', 'photos/harvesters.jpeg'];

for (const rel of TRACED) {
  test(`traced SVG (16 colours) of ${rel} at ~1 MP renders in Chromium and matches the 16-colour quantized PNG: SSIM ≥ 0.9 (scikit-image)`, async ({ page }) => {
    test.setTimeout(180_000);
    const log = watchConsole(page);
    await openHarness(page, ISOLATED_ORIGIN);
    const r = await page.evaluate(async (b64) => {
      const scaled = await svc.processForExport(h.fromBase64(b64), 'png', { maxWidth: 1280 });
      const svg = await svc.processForExport(scaled, 'svg', { mode: 'trace', colors: 16 });
      const quantized = await svc.processForExport(scaled, 'png', { palette: true, colors: 16, dither: 0 });
      const { width, height } = await h.decode(quantized);
      const rendered = await h.renderToPng(svg, 'image/svg+xml', width, height);
      return { width, height, svg: h.toBase64(svg), quantized: h.toBase64(quantized), rendered: h.toBase64(rendered) };
    }, testFileBase64(rel));
    await disposeService(page);
    const dir = path.join(REPO_ROOT, 'test-results', 'svg-trace');
    fs.mkdirSync(dir, { recursive: true });
    const base = path.join(dir, path.basename(rel).replace(/\.\w+$/, ''));
    for (const k of ['svg', 'quantized', 'rendered']) fs.writeFileSync(`${base}.${k}.${k === 'svg' ? 'svg' : 'png'}`, Buffer.from(r[k], 'base64'));
    const py = spawnSync('/usr/bin/python3', ['-c', SSIM_PY, `${base}.rendered.png`, `${base}.quantized.png`], { encoding: 'utf8' });
    expect(py.status, py.stderr).toBe(0);
    const ssim = Number(py.stdout.trim());
    const measured = `${r.width}×${r.height}: SSIM ${ssim.toFixed(4)}, svg ${(r.svg.length * 3) / 4 | 0} B`;
    test.info().annotations.push({ type: 'measured', description: measured });
    expect(r.width * r.height).toBeGreaterThan(900_000);
    expect(ssim, `${measured}\n${log.join('\n')}`).toBeGreaterThanOrEqual(0.9);
  });
}
