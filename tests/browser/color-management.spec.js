// SPDX-License-Identifier: MIT
// Colour management (issue 15) in Chromium, both builds. Oracle: Chromium colour-manages images:
// an <img> of a PNG or JPEG with an embedded Display P3 / Adobe RGB / ProPhoto profile drawn on an sRGB
// canvas gives the sRGB pixels a viewer shows; pixelpipe's default decode must agree within ±3
// levels (99.5 % of samples; Skia's and our rounding differ at the ends of the curves). The
// wide-gamut files are written in Node by sharp (libvips + Little CMS) from a testdata photo.
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { test, expect } from '@playwright/test';
import { testFilePath } from './helpers.js';
import { inEachBuild } from './parity.js';

const GS = '/usr/share/color/icc/ghostscript';
const SPACES = [['p3', 'p3'], ['adobe-rgb', `${GS}/a98.icc`], ['prophoto', `${GS}/rommrgb.icc`]];

test('wide-gamut PNGs and JPEGs decode to the sRGB Chromium shows, within ±3 (mt and st)', async ({ page }) => {
  test.setTimeout(180_000);
  const files = [];
  for (const [name, profile] of SPACES) {
    // JPEG too: its matrix/TRC profiles convert while the decoder runs (convert_while_decoding.h)
    for (const format of ['png', 'jpeg']) {
      const tagged = sharp(testFilePath('photos/kodim23.png')).withIccProfile(profile);
      const bytes = await (format === 'png' ? tagged.png() : tagged.jpeg({ quality: 95, chromaSubsampling: '4:4:4' })).toBuffer();
      files.push([`${name} ${format}`, bytes.toString('base64'), `image/${format}`]);
    }
  }
  const runs = await inEachBuild(page, async ({ files }) => {
    const out = [];
    for (const [name, b64, mime] of files) {
      const bytes = h.fromBase64(b64);
      const loaded = await h.imgLoad(bytes, mime);
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

// processForExport with keepIccProfile + stripMetadata: false (issues 11 and 15). Oracle: Chromium
// colour-manages the <img> with the kept P3 profile and applies EXIF orientation to it (CSS
// image-orientation: from-image, the default): the rotated photo must show upright at 600×450
// (an orientation left at 6 would turn it again, to 450×600), and the P3 export drawn on an sRGB
// canvas must show the same sRGB as the default sRGB export, within ±3 on 99.5 % (jpeg ±5: both
// files are lossy).
test('keepIccProfile and stripMetadata: false exports show upright and in the right colours in Chromium (mt and st)', async ({ page }) => {
  test.setTimeout(180_000);
  const wide = await sharp(testFilePath('photos/kodim23.png')).withIccProfile('p3').png().toBuffer();
  const rotated = readFileSync(testFilePath('formats/exif_orientation/Landscape_6.jpg'));
  const runs = await inEachBuild(page, async ({ wide, rotated }) => {
    const shown = async (bytes, mime) => {
      const loaded = await h.imgLoad(bytes, mime);
      const c = new OffscreenCanvas(loaded.width, loaded.height); // sRGB canvas
      const ctx = c.getContext('2d', { willReadFrequently: true });
      ctx.drawImage(loaded.img, 0, 0);
      return { width: c.width, height: c.height, data: new Uint8Array(ctx.getImageData(0, 0, c.width, c.height).data.buffer) };
    };
    const out = {};
    for (const format of ['png', 'webp', 'jpeg']) {
      const mime = `image/${format}`;
      const options = format === 'jpeg' ? { quality: 100, chromaSubsampling: '4:4:4' } : format === 'webp' ? { lossless: true } : {};
      const p3 = await shown(await svc.processForExport(h.fromBase64(wide), format, { keepIccProfile: true, ...options }), mime);
      const srgb = await shown(await svc.processForExport(h.fromBase64(wide), format, options), mime);
      const upright = await h.imgLoad(await svc.processForExport(h.fromBase64(rotated), format, { stripMetadata: false }), mime);
      // jpeg: two lossy encodes in two colour spaces (q100 4:4:4) differ by their own rounding: ±5
      out[format] = { colour: h.compare(p3, srgb, { tol: format === 'jpeg' ? 5 : 3, channels: 3 }), size: [upright.width, upright.height] };
    }
    return out;
  }, { wide: wide.toString('base64'), rotated: rotated.toString('base64') });
  for (const build of ['mt', 'st']) {
    for (const [format, r] of Object.entries(runs[build])) {
      const share = 1 - r.colour.over / r.colour.compared;
      expect([build, format, share >= 0.995, r.size], runs.log.join('\n') + JSON.stringify(r.colour)).toEqual([build, format, true, [600, 450]]);
    }
  }
});
