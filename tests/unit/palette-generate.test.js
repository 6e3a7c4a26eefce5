// palette-generate.test.js: the palettes generatePalettes makes, checked with formulas written
// here from their specifications (WCAG 2.x luminance, OKLCH hue arcs) and colour values from
// matplotlib itself (Debian's python3-matplotlib, the lexicon's source).
import { execFileSync } from 'node:child_process';
import {
  parseTheme, generatePalettes, paletteDistance, MIN_PALETTE_DISTANCE, needsImageColors, applyRequest,
} from '../../js/palette/generate.js';
import { rgbToOklch, deltaE00Rgb, hexToRgb } from '../../js/color/color.js';
import { InvalidConfigurationError } from '../../js/errors.js';

// Palettes are computed once per call signature (the suite asks for the same ones often).
const memo = new Map();
const palettes = (text, count = 3, options) => {
  const key = JSON.stringify([text, count, options]);
  if (!memo.has(key)) memo.set(key, generatePalettes(parseTheme(text), count, options));
  return memo.get(key);
};
const byRole = (p, ...roles) => p.colors.filter((c) => roles.includes(c.role));
const THEMED = ['background', 'surface', 'primary', 'secondary'];
/** True when hue h lies on the arc from → to (counter-clockwise). */
const onArc = (h, from, to) => ((h - from + 360) % 360) <= ((to - from + 360) % 360);

// WCAG 2.x, written from the specification's definitions (not js/color).
function wcagContrast(x, y) {
  const lum = (rgb) => {
    const [r, g, b] = rgb.map((v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [a, b] = [lum(x), lum(y)].sort((p, q) => q - p);
  return (a + 0.05) / (b + 0.05);
}

test("'ocean' palettes: every themed chromatic colour is blue–cyan (OKLCH 180°–270°)", () => {
  for (const p of palettes('ocean', 5)) {
    for (const c of byRole(p, ...THEMED)) {
      if (c.oklch[1] >= 0.03) expect(onArc(c.oklch[2], 180, 270)).toBe(true);
    }
  }
});

test("'warm sunset' palettes: primary and secondary are red–orange–yellow (OKLCH 15°–110°)", () => {
  for (const p of palettes('warm sunset', 5)) {
    for (const c of byRole(p, 'primary', 'secondary')) expect(onArc(c.oklch[2], 15, 110)).toBe(true);
  }
});

test("'pastel' is light and weak, 'neon' strong, 'midnight' dark", () => {
  const grey = { fallbackColors: [[200, 60, 60], [60, 120, 200]] };
  for (const p of palettes('pastel', 3, grey)) {
    for (const c of byRole(p, ...THEMED)) {
      expect(c.oklch[0]).toBeGreaterThanOrEqual(0.7);
      expect(c.oklch[1]).toBeLessThanOrEqual(0.1);
    }
  }
  const meanChroma = (p) => byRole(p, 'primary', 'secondary', 'accent').reduce((s, c, _, a) => s + c.oklch[1] / a.length, 0);
  for (const p of palettes('neon', 3, grey)) {
    for (const c of byRole(p, 'primary', 'secondary')) expect(c.oklch[1]).toBeGreaterThanOrEqual(0.15);
    expect(meanChroma(p)).toBeGreaterThanOrEqual(0.15);
    expect(meanChroma(p)).toBeGreaterThan(2 * Math.max(...palettes('pastel', 3, grey).map(meanChroma)));
  }
  for (const p of palettes('midnight', 3)) {
    for (const c of byRole(p, ...THEMED)) expect(c.oklch[0]).toBeLessThanOrEqual(0.4);
    expect(p.scheme).toBe('dark');
  }
});

function matplotlibHex(name) {
  return execFileSync('/usr/bin/python3', ['-c', `import matplotlib.colors as m, sys; print(m.to_hex(sys.argv[1]))`, name],
    { encoding: 'utf8' }).trim();
}

test('a lexicon colour in the description is in every palette within ΔE00 10 (colours from matplotlib)', () => {
  const cases = [
    ['burnt sienna autumn', 'xkcd:burnt sienna'],
    ['deep ocean blues with a hint of coral', 'coral'],
    ['black and gold', 'gold'],
    ['black and gold', 'black'],
    ['moody teal forest', 'teal'],
    ['sea foam and sand', 'xkcd:seafoam'],
  ];
  for (const [text, name] of cases) {
    const want = hexToRgb(matplotlibHex(name));
    for (const p of palettes(text, 4)) {
      const best = Math.min(...p.colors.map((c) => deltaE00Rgb(c.rgb, want)));
      expect({ text, name, best: best <= 10 }).toEqual({ text, name, best: true });
    }
  }
});

const SAMPLE = ['ocean', 'warm autumn sunset', 'deep ocean blues with a hint of coral', 'muted pastel spring',
  'black and gold', 'neon', 'midnight', 'Very pale, not too saturated lavender & sage', 'cyberpunk city at night'];

test('every palette: 4–8 colours, background and text, consistent hex/rgb/oklch, text contrast ≥ 4.5', () => {
  const ROLES = ['background', 'surface', 'primary', 'secondary', 'accent', 'text'];
  for (const text of SAMPLE) {
    for (const p of palettes(text, 4)) {
      expect(p.colors.length).toBeGreaterThanOrEqual(4);
      expect(p.colors.length).toBeLessThanOrEqual(8);
      for (const c of p.colors) {
        expect(ROLES).toContain(c.role);
        expect(c.rgb.every((v) => Number.isInteger(v) && v >= 0 && v <= 255)).toBe(true);   // in gamut
        expect(hexToRgb(c.hex)).toEqual(c.rgb);
        rgbToOklch(c.rgb).forEach((v, i) => expect(Math.abs(v - c.oklch[i])).toBeLessThan(0.01));
        expect(typeof c.name).toBe('string');
      }
      const bg = byRole(p, 'background'), fg = byRole(p, 'text');
      expect(bg).toHaveLength(1);
      expect(fg).toHaveLength(1);
      const contrast = wcagContrast(bg[0].rgb, fg[0].rgb);
      expect(contrast).toBeGreaterThanOrEqual(4.5);
      expect(p.contrast).toBeLessThanOrEqual(contrast);
      expect(p.contrast).toBeGreaterThan(contrast - 0.01);
      expect(['analogous', 'complementary', 'split_complementary', 'triadic', 'monochromatic', 'custom']).toContain(p.harmony);
    }
  }
});

const minDistance = (ps, i) => Math.min(...ps.filter((_, j) => j !== i).map((q) => paletteDistance(ps[i].colors, q.colors)));

test(`palettes of one call differ by mean ΔE00 ≥ ${MIN_PALETTE_DISTANCE}: 3 for every sample theme, 5 for all but 'midnight'`, () => {
  for (const [text, count] of SAMPLE.map((t) => [t, 3]).concat(SAMPLE.filter((t) => t !== 'midnight').map((t) => [t, 5]))) {
    const ps = palettes(text, count);
    ps.forEach((p, i) => {
      expect({ text, count, i, ok: minDistance(ps, i) >= MIN_PALETTE_DISTANCE }).toEqual({ text, count, i, ok: true });
      expect(p.warnings.filter((w) => /differs from another/.test(w))).toEqual([]);
    });
  }
  expect(palettes('ocean', 10)).toHaveLength(10);
});

test('a theme too narrow for the count says so in the palettes that are too close', () => {
  const ps = palettes('midnight', 6);
  ps.forEach((p, i) => {
    expect(p.warnings.some((w) => /differs from another/.test(w))).toBe(minDistance(ps, i) < MIN_PALETTE_DISTANCE);
  });
  expect(ps.some((p) => p.warnings.length > 0)).toBe(true);
});

test('a harmony label says what the hues do', () => {
  const ps = palettes('ocean', 10);
  for (const p of ps) {
    const hues = byRole(p, 'primary', 'secondary', 'accent').filter((c) => c.oklch[1] >= 0.04).map((c) => c.oklch[2]);
    const spread = Math.max(...hues.map((h) => Math.abs(((h - hues[0] + 540) % 360) - 180)));
    if (p.harmony === 'monochromatic') expect(spread).toBeLessThanOrEqual(15);
    if (p.harmony === 'analogous') expect(spread).toBeLessThanOrEqual(60);
    if (p.harmony === 'complementary') expect(spread).toBeGreaterThanOrEqual(155);
  }
  expect(new Set(ps.map((p) => p.harmony)).size).toBeGreaterThan(1);
});

test('deterministic: the same call gives the same palettes', () => {
  for (const text of SAMPLE) expect(JSON.stringify(generatePalettes(parseTheme(text), 4))).toBe(JSON.stringify(palettes(text, 4)));
});

test('no understood word: palettes follow the image colours, with a warning', () => {
  const image = [[30, 90, 40], [40, 110, 50]];   // two greens
  const ps = palettes('qwerty uiop', 3, { fallbackColors: image });
  const green = rgbToOklch(image[0])[2];
  for (const p of ps) {
    expect(p.warnings.join(' ')).toMatch(/image's dominant colours/);
    expect(p.unmatchedTerms).toEqual(['qwerty', 'uiop']);
    const [primary] = byRole(p, 'primary');
    expect(Math.abs(((primary.oklch[2] - green + 540) % 360) - 180)).toBeLessThanOrEqual(30);
  }
});

test('numPalettes outside 1–10 or not an integer is InvalidConfigurationError', () => {
  const parsed = parseTheme('ocean');
  for (const bad of [0, 11, -1, 2.5, '3', null, NaN]) {
    expect(() => generatePalettes(parsed, bad)).toThrow(InvalidConfigurationError);
  }
});

test('needsImageColors: only when nothing understood names a hue', () => {
  expect(needsImageColors(parseTheme('qwerty'))).toBe(true);
  expect(needsImageColors(parseTheme('pastel'))).toBe(true);
  expect(needsImageColors(parseTheme('dark and moody'))).toBe(false);   // moody has hues
  expect(needsImageColors(parseTheme('ocean'))).toBe(false);
  expect(needsImageColors(parseTheme('burnt sienna'))).toBe(false);
  expect(needsImageColors(parseTheme('black and white'))).toBe(true);   // neutrals only
});

test('applyRequest: the engine request of a palette, one weight per colour', () => {
  const [p] = palettes('ocean', 1);
  const r = applyRequest(p, { mode: 'transfer', strength: 0.5 });
  expect(r).toEqual({ mode: 'transfer', strength: 0.5, dither: 0, colors: p.colors.map((c) => c.rgb), weights: expect.any(Array) });
  expect(r.weights).toHaveLength(p.colors.length);
  expect(r.weights[p.colors.findIndex((c) => c.role === 'background')]).toBeGreaterThan(r.weights[p.colors.length - 1]);
});

// Material Color Utilities (Google's, dev dependency) as a second, independent colour science: its
// WCAG contrast works from CIE L* tones, its hue from CAM16 (HCT), neither shares code or model with
// js/color. 0.4.0's package index imports a file without its extension, so the two modules are
// loaded by path. CAM16 and OKLCH hues of one colour differ by up to ~25°, hence the margins.
const MCU = '../../node_modules/@material/material-color-utilities';
test('Material Color Utilities agrees: WCAG contrast of text on background, and the harmony in CAM16 hues', async () => {
  const { Contrast } = await import(`${MCU}/contrast/contrast.js`);
  const { Hct } = await import(`${MCU}/hct/hct.js`);
  const utils = await import(`${MCU}/utils/color_utils.js`);
  const argb = ([r, g, b]) => utils.argbFromRgb(r, g, b);
  const hueSpread = (hs) => Math.max(...hs.map((h) => Math.abs(((h - hs[0] + 540) % 360) - 180)));
  const seen = new Set();
  for (const text of SAMPLE) {
    for (const p of palettes(text, 4)) {
      const [bg] = byRole(p, 'background'), [fg] = byRole(p, 'text');
      const ratio = Contrast.ratioOfTones(utils.lstarFromArgb(argb(bg.rgb)), utils.lstarFromArgb(argb(fg.rgb)));
      // p.contrast is truncated to 2 decimals; MCU's sRGB toe threshold differs in the 4th digit.
      expect({ text, ratio, close: Math.abs(ratio - p.contrast) < 0.015 }).toEqual({ text, ratio, close: true });
      expect(ratio).toBeGreaterThanOrEqual(4.5 - 1e-9);
      const hues = byRole(p, 'primary', 'secondary', 'accent').filter((c) => c.oklch[1] >= 0.06)
        .map((c) => Hct.fromInt(argb(c.rgb)).hue);
      if (hues.length < 2) continue;
      const spread = hueSpread(hues);
      seen.add(p.harmony);
      const bounds = { monochromatic: [0, 30], analogous: [0, 85], complementary: [130, 180],
        split_complementary: [110, 180], triadic: [90, 150] }[p.harmony] ?? [0, 180];
      expect({ text, harmony: p.harmony, spread, ok: spread >= bounds[0] && spread <= bounds[1] })
        .toEqual({ text, harmony: p.harmony, spread, ok: true });
    }
  }
  expect(seen.size).toBeGreaterThanOrEqual(3);
});
