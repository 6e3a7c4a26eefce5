// SPDX-License-Identifier: MIT
// createComposite against Chromium's Canvas 2D, which implements the same specifications
// (W3C Compositing and Blending 1, CSS Images 4 gradients), in both builds:
//  - every blend mode and Porter-Duff operator, opacity 0.7, a soft-edged PNG layer over a photo
//    (opaque, and with an alpha ramp): ±3 levels on 99.9 % of pixels. Deliberate difference: the
//    canvas stores premultiplied 8-bit values, so a translucent pixel's straight colour is only
//    known to it to ±255/(2α). Hence pixelpipe gets the backdrop as the canvas holds it, and the
//    results are compared premultiplied (c·α/255; exact for opaque pixels). Measured (ramp): a few
//    pixels of saturation (up to ~7 levels: SetSat divides by max − min, ill-conditioned near grey),
//    color_burn, difference and exclusion (~4) exceed ±3, under 0.04 % each; those are the canvas's
//    errors: pixelpipe is within ±1 of a float reference of the spec's formulas on every pixel.
//  - gradients with opaque stops against createLinearGradient / createRadialGradient: ±2.
//  - text: pixelpipe's line breaking and line widths (the engine's measureText export, the rules
//    in src/composite/text.h) against measureText with the same font loaded as a FontFace (DejaVu
//    Sans; Nimbus Sans, which kerns through GPOS only): same breaks, widths within 1 px; a text layer renders byte-identically in Chromium mt, st and Node.
import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { methods } from '../../js/catalogue/methods.js';
import { ISOLATED_ORIGIN, openHarness, disposeService, testFileBase64, watchConsole } from './helpers.js';
import { inEachBuild, withNodeService, plain } from './parity.js';

const MODES = methods.createComposite.blendModes;
const CSS_OPERATOR = Object.fromEntries(MODES.map((m) => [m, { normal: 'source-over', plus_lighter: 'lighter' }[m] ?? m.replace(/_/g, '-')]));

test('every blend mode and Porter-Duff operator matches Canvas 2D within ±3 on 99.9 % of pixels and the spec\'s formulas within ±1 (soft PNG layer, opacity 0.7, over kodim23 opaque and with an alpha ramp)', async ({ page }) => {
  test.setTimeout(240_000);
  const runs = await inEachBuild(page, async ({ b64, css }) => {
    const photo = await h.decode(h.fromBase64(b64));
    const ramp = { ...photo, data: photo.data.slice() }; // alpha 255 → 55 left to right: every αb term counts
    for (let i = 3; i < ramp.data.length; i += 4) ramp.data[i] = Math.round(255 - (200 * ((i >> 2) % ramp.width)) / (ramp.width - 1));
    const png = await h.encodePng(h.softLayer(300, 220));
    const drawable = await createImageBitmap(new Blob([png]), { colorSpaceConversion: 'none' });
    const source = await h.decode(png); // the layer's straight pixels, for the float reference
    const report = {};
    for (const [name, input] of [['opaque', photo], ['ramp', ramp]]) {
      // the backdrop as the canvas holds it (premultiplied 8-bit): both sides start from the same pixels
      const backdrop = h.pixelsOf(h.canvasWith(input));
      for (const [mode, op] of Object.entries(css)) {
        // x, y and the layer's natural size are whole pixels: no resampling on either side
        const layers = [{ image: { ...backdrop, data: backdrop.data.slice() } }, { image: png, x: 230, y: 140, opacity: 0.7, blendMode: mode }];
        const ours = await svc.createComposite(layers, photo.width, photo.height, undefined, { format: 'raw' });
        const vsCanvas = h.comparePremultiplied(ours, h.canvasComposite(backdrop, drawable, { x: 230, y: 140, alpha: 0.7, op }), 3);
        const fromSpec = h.maxFromSpec(ours, h.specComposite(backdrop, source, { x: 230, y: 140, alpha: 0.7, mode }));
        report[`${name} ${mode}`] = { ...vsCanvas, fromSpec };
      }
    }
    return report;
  }, { b64: testFileBase64('photos/kodim23.png'), css: CSS_OPERATOR });
  const measured = [];
  for (const build of ['mt', 'st']) {
    for (const [what, r] of Object.entries(runs[build])) {
      measured.push(`${build} ${what}: canvas max ${r.maxDiff}, ${(100 * r.share).toFixed(3)} % > 3; spec max ${r.fromSpec}`);
      expect(r.share, `${build} ${what} vs canvas: ${JSON.stringify(r)}\n${runs.log.join('\n')}`).toBeLessThanOrEqual(0.001);
      expect(r.fromSpec, `${build} ${what} vs the spec's formulas in float`).toBeLessThanOrEqual(1);
    }
    expect(Object.keys(runs[build])).toHaveLength(2 * MODES.length);
  }
  test.info().annotations.push({ type: 'measured', description: measured.join('; ') });
});

const STOPS = [[0, '#e4002b'], [0.35, 'rgb(255, 209, 0)'], [0.7, 'teal'], [1, '#1a1a1a']];
const GRADIENTS = [
  ...[0, 45, 90, 135, 180, 200, 300].map((angle) => ({ type: 'linear', angle, stops: STOPS })),
  { type: 'linear', angle: 30, stops: [[0.2, 'navy'], [0.8, 'orange']] }, // padded ends
  { type: 'radial', center: [100, 80], radius: 150, stops: STOPS },
  { type: 'radial', stops: [[0.1, 'white'], [0.6, 'crimson'], [0.9, 'black']] }, // default centre, farthest corner
];

test('gradients with opaque stops match createLinearGradient / createRadialGradient within ±2', async ({ page }) => {
  const runs = await inEachBuild(page, async (gradients) => {
    const [w, hgt] = [320, 200];
    const out = [];
    for (const gradient of gradients) {
      const ours = await svc.createComposite([{ gradient, x: 0, y: 0, width: w, height: hgt }], w, hgt, undefined, { format: 'raw' });
      out.push(h.compare(ours, h.canvasGradient(w, hgt, gradient), { tol: 2 }));
    }
    return out;
  }, GRADIENTS);
  const measured = [];
  for (const build of ['mt', 'st']) {
    for (const [i, g] of GRADIENTS.entries()) {
      const r = runs[build][i];
      measured.push(`${build} ${g.type} ${g.angle ?? ''}: max ${r.maxDiff}`);
      expect(r.over, `${build} ${JSON.stringify(g)}: ${JSON.stringify(r)}`).toBe(0);
    }
  }
  test.info().annotations.push({ type: 'measured', description: measured.join('; ') });
});

// The oracle's own mapping (CSS angle → canvas gradient line, farthest corner) checked against
// Chromium's CSS gradients rendered in the page (measured: max 1 level, 200deg).
test('the canvas gradient oracle equals Chromium\'s CSS linear-/radial-gradient rendering', async ({ page }) => {
  await openHarness(page, ISOLATED_ORIGIN);
  await page.setViewportSize({ width: 400, height: 300 });
  await page.evaluate(() => { document.body.style.margin = '0'; document.body.innerHTML = '<div id="g" style="width:320px;height:200px"></div>'; });
  const css = (g) => `${g.type}-gradient(${g.type === 'linear' ? `${g.angle}deg` : 'circle farthest-corner at 50% 50%'}, ${g.stops.map(([o, c]) => `${c} ${o * 100}%`).join(', ')})`;
  for (const g of GRADIENTS.filter((x) => !x.center)) {
    await page.evaluate((bg) => { document.getElementById('g').style.background = bg; }, css(g));
    const shot = (await page.locator('#g').screenshot()).toString('base64');
    const r = await page.evaluate(({ shot, g }) => h.decode(h.fromBase64(shot)).then((s) => h.compare(s, h.canvasGradient(320, 200, g), { tol: 2 })), { shot, g });
    expect(r.over, `${css(g)}: ${JSON.stringify(r)}`).toBe(0);
  }
  await disposeService(page);
});

const TEXTS = [
  ['The quick brown fox jumps over the lazy dog while seven wizards quietly hex jovial kings.', 24, 300],
  ['Image processing in the browser: AVA, WAVE, Type, Yo, To. Kerning pairs wrap too.', 36, 420],
  ['Zoë’s café — naïve façade, 12,345.67 € (¿qué?)', 17, 150],
  ['pixelpipe 1.0', 72, 1000],
];

// DejaVu Sans (the default font: GPOS class pairs and a 'kern' table) and Nimbus Sans (Debian
// fonts-urw-base35: glyph pairs in GPOS only, so without GPOS "AVA, WAVE, Type" set 5–9 px wide).
const FONTS = [
  ['DejaVu Sans', readFileSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf')],
  ['Nimbus Sans', readFileSync('/usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf')],
];

for (const [fontName, fontFile] of FONTS) {
  test(`line breaks and line widths equal Chromium measureText (${fontName} as a FontFace) within 1 px`, async ({ page }) => {
    const log = watchConsole(page);
    await openHarness(page, ISOLATED_ORIGIN);
    const cases = await page.evaluate(async ({ texts, b64 }) => {
      const fontBytes = h.fromBase64(b64);
      const face = new FontFace('PPFont', fontBytes);
      document.fonts.add(await face.load());
      const ctx = new OffscreenCanvas(8, 8).getContext('2d');
      const M = await h.engine();
      const fontPtr = M._malloc(fontBytes.length);
      M.HEAPU8.set(fontBytes, fontPtr);
      const out = [];
      for (const [text, size, maxWidth] of texts) {
        ctx.font = `${size}px PPFont`;
        const width = (s) => ctx.measureText(s).width;
        // text.h's rule, measured by Chromium: a word joins the line if the line up to its end fits
        const chromium = [];
        for (const word of text.split(' ')) {
          const joined = chromium.length ? `${chromium.at(-1)} ${word}` : word;
          if (chromium.length && width(joined) <= maxWidth) chromium[chromium.length - 1] = joined; else chromium.push(word);
        }
        const m = M.measureText({ text, fontPtr, fontLength: fontBytes.length, size, maxWidth });
        out.push({ text, size, maxWidth, ok: m.ok, boxHeight: m.boxHeight, ours: m.lines.map((l) => [l.text, l.width]), chromium: chromium.map((l) => [l, width(l)]) });
      }
      M._free(fontPtr);
      return out;
    }, { texts: TEXTS, b64: fontFile.toString('base64') });
    const measured = [];
    for (const c of cases) {
      expect(c.ok, log.join('\n')).toBe(true);
      expect(c.ours.map(([t]) => t), `breaks of ${c.text}`).toEqual(c.chromium.map(([t]) => t));
      c.ours.forEach(([line, w], i) => {
        measured.push(`${c.size}px "${line}": ${w.toFixed(2)} vs ${c.chromium[i][1].toFixed(2)}`);
        expect(Math.abs(w - c.chromium[i][1]), `width of "${line}" at ${c.size}px`).toBeLessThanOrEqual(1);
      });
      expect(c.boxHeight, 'box height = ceil(lines × 1.2 × size)').toBe(Math.ceil(c.ours.length * 1.2 * c.size));
    }
    test.info().annotations.push({ type: 'measured', description: measured.join('; ') });
    await disposeService(page);
  });
}

const TEXT_LAYERS = [
  { text: 'Hello, Zoë — a text layer that wraps', size: 28, color: '#fffbe0', x: 10, y: 12, maxWidth: 300, align: 'center' },
  { text: 'right aligned, opacity 0.6', size: 15, color: 'tomato', x: -20, y: 150, maxWidth: 330, align: 'right', opacity: 0.6, lineHeight: 1.5 },
];

test('a text layer renders byte for byte the same in Chromium mt, st and Node', async ({ page }) => {
  const runs = await inEachBuild(page, async (layers) => h.plain(await svc.createComposite(layers, 320, 200, '#203040', { format: 'raw' })), TEXT_LAYERS);
  const node = await withNodeService(async (svc) => plain(await svc.createComposite(TEXT_LAYERS, 320, 200, '#203040', { format: 'raw' })));
  expect(node.data.base64.length).toBeGreaterThan(1000);
  expect(runs.mt, runs.log.join('\n')).toEqual(node);
  expect(runs.st).toEqual(node);
});
