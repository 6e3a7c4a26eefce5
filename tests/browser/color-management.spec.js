// SPDX-License-Identifier: MIT
// Colour management (issue 15) in Chromium, both builds. Oracle: Chromium colour-manages images:
// an <img> of a PNG with an embedded Display P3 / Adobe RGB / ProPhoto profile drawn on an sRGB
// canvas gives the sRGB pixels a viewer shows; pixelpipe's default decode must agree within ±3
// levels (99.5 % of samples; Skia's and our rounding differ at the ends of the curves). The
// wide-gamut files are written in Node by sharp (libvips + Little CMS) from a testdata photo.
import sharp from 'sharp';
import { test, expect } from '@playwright/test';
import { testFilePath } from './helpers.js';
import { inEachBuild } from './parity.js';

const GS = '/usr/share/color/icc/ghostscript';
const SPACES = [['p3', 'p3'], ['adobe-rgb', `${GS}/a98.icc`], ['prophoto', `${GS}/rommrgb.icc`]];

test('wide-gamut PNGs decode to the sRGB Chromium shows, within ±3 (mt and st)', async ({ page }) => {
  test.setTimeout(180_000);
  const files = [];
  for (const [name, profile] of SPACES) {
    const png = await sharp(testFilePath('photos/kodim23.png')).withIccProfile(profile).png().toBuffer();
    files.push([name, png.toString('base64')]);
  }
  const runs = await inEachBuild(page, async ({ files }) => {
    const out = [];
    for (const [name, b64] of files) {
      const bytes = h.fromBase64(b64);
      const loaded = await h.imgLoad(bytes, 'image/png');
      const c = new OffscreenCanvas(loaded.width, loaded.height); // sRGB canvas
      const ctx = c.getContext('2d', { willReadFrequently: true });
      ctx.drawImage(loaded.img, 0, 0);
      const shown = { width: c.width, height: c.height, data: new Uint8Array(ctx.getImageData(0, 0, c.width, c.height).data.buffer) };
      const ours = await svc.applyColorTransformations(bytes, [{ transform: 'invert', amount: 0 }], { format: 'raw' });
      const stored = await svc.applyColorTransformations(bytes, [{ transform: 'invert', amount: 0 }], { format: 'raw', colorManagement: 'ignore' });
      out.push({ name, converted: h.compare(ours, shown, { tol: 3, channels: 3 }), ignored: h.compare(stored, shown, { tol: 3, channels: 3 }) });
    }
    return out;
  }, { files });
  for (const build of ['mt', 'st']) {
    for (const r of runs[build]) {
      const share = 1 - r.converted.over / r.converted.compared;
      expect([build, r.name, share >= 0.995], runs.log.join('\n') + JSON.stringify(r.converted)).toEqual([build, r.name, true]);
      // The oracle can tell: the stored (unconverted) pixels are far from what Chromium shows.
      expect([build, r.name, r.ignored.over / r.ignored.compared > 0.2]).toEqual([build, r.name, true]);
    }
  }
});
