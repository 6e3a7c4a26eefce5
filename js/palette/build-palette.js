// build-palette.js: one palette from a theme and a recipe { anchor, harmony, scheme, tone }.
// Roles: background and surface carry the scheme (light or dark), primary and secondary the
// theme's hues, accents the harmony, and text is derived last so that its WCAG contrast on the
// background is ≥ 4.5 by construction.
import { oklchToRgb, rgbToOklch, contrastRatio, inSrgbGamut } from '../color/color.js';
import { CHROMATIC } from './theme.js';

export const MIN_CONTRAST = 4.5;
const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
const lerp = ([a, b], t) => a + (b - a) * t;
const wrap = (h) => ((h % 360) + 360) % 360;

/** Total degrees of the arcs, and the hue at fraction f (0..1) along them laid end to end. */
export function huePoint(arcs, f) {
  const widths = arcs.map(([a, b]) => (b - a >= 360 ? 360 : wrap(b - a)));
  const total = widths.reduce((s, w) => s + w, 0);
  let at = clamp(f, 0, 1) * total;
  for (let i = 0; i < arcs.length; i += 1) {
    if (at <= widths[i] || i === arcs.length - 1) return wrap(arcs[i][0] + Math.min(at, widths[i]));
    at -= widths[i];
  }
  return 0;
}
export const arcsWidth = (arcs) => arcs.reduce((s, [a, b]) => s + (b - a >= 360 ? 360 : wrap(b - a)), 0);

/** Largest in-gamut chroma at (L, h), to 0.002 (memoised on a 0.005 L × 1° grid: only a choice rests on it). */
const chromaCache = new Map();
function maxChroma(L, h) {
  const key = Math.round(L * 200) * 360 + Math.round(h);
  if (!chromaCache.has(key)) chromaCache.set(key, searchMaxChroma(Math.round(L * 200) / 200, Math.round(h)));
  return chromaCache.get(key);
}
function searchMaxChroma(L, h) {
  let lo = 0, hi = 0.37;
  while (hi - lo > 0.002) {
    const mid = (lo + hi) / 2;
    if (inSrgbGamut([L, mid, h])) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * A colour that asks for more chroma than sRGB has at its lightness moves to the lightness (within
 * the theme's band) where the most of that chroma is available: "neon" means strong colour first.
 */
function reachable([L, C, h], band) {
  if (C <= maxChroma(L, h)) return [L, C, h];
  let best = [L, maxChroma(L, h)];
  for (let k = 0; k <= 8; k += 1) {
    const l = lerp(band, k / 8);
    const m = Math.min(C, maxChroma(l, h));
    if (m > best[1] + 0.005) best = [l, m];
  }
  return [best[0], C, h];
}

const NARROW_SECONDARY_OFFSET = (anchor) => Math.round((anchor - 0.5) * 150 / 25) * 25 || 25;

const HARMONY_OFFSETS = {
  monochromatic: [0],
  analogous: [35],
  complementary: [180],
  split_complementary: [150, 210],
  triadic: [120, 240],
};
export const HARMONIES = Object.keys(HARMONY_OFFSETS);

/** Text colour: hue h, nearly neutral, pushed toward black or white until it reads on background. */
export function textFor(background, h) {
  const [L, C] = rgbToOklch(background);
  const towardDark = contrastRatio(background, [0, 0, 0]) >= contrastRatio(background, [255, 255, 255]);
  const tint = C < 0.01 ? 0 : 0.02;   // a neutral background gets a neutral text
  let l = towardDark ? Math.min(0.3, L - 0.45) : Math.max(0.93, L + 0.45);
  for (let k = 0; k < 40; k += 1) {
    const rgb = oklchToRgb([clamp(l, 0, 1), tint, h]);
    if (contrastRatio(rgb, background) >= MIN_CONTRAST) return rgb;
    l += towardDark ? -0.025 : 0.025;
  }
  return towardDark ? [0, 0, 0] : [255, 255, 255];   // ≥ 4.58 against any colour (WCAG's worst case)
}

/**
 * recipe: { anchor: 0..1 along the theme hues, harmony, scheme: 'light'|'dark', tone: 0..1 }
 * theme: from buildTheme, with theme.hues non-empty (the caller fills them from the image if needed).
 * → [{ role, rgb, pinned? }] ordered background, surface, primary, secondary, accent…, text.
 */
export function buildPalette(theme, recipe) {
  const { anchor, harmony, scheme, tone } = recipe;
  const { hues, l, c } = theme;
  const chromaticPins = theme.pins.filter((p) => p.kind === 'chromatic' && p.weight === 'base');
  const accentPins = theme.pins.filter((p) => p.weight === 'accent');
  const h0 = chromaticPins.length ? chromaticPins[0].oklch[2] : huePoint(hues, anchor);
  const wide = !theme.anyHue && arcsWidth(hues) >= 30;   // anyHue: default hues, not the theme's
  // A narrow theme (or a named primary) varies the secondary's hue by the anchor instead: ±25°, ±50°, 0°.
  const h1 = wide ? huePoint(hues, (anchor + 0.4) % 1) : wrap(h0 + NARROW_SECONDARY_OFFSET(anchor));

  const colors = [];
  const add = (role, lch, band = l) => colors.push({ role, rgb: oklchToRgb(reachable(lch, band)) });
  const pin = (role, p) => colors.push({ role, rgb: p.rgb, pinned: p.name });

  // Background and surface: the scheme's end of the lightness axis, tinted with the primary hue.
  const neutral = (kind) => theme.pins.find((p) => p.kind === kind && p.weight === 'base');
  const light = scheme === 'light';
  const bgPin = neutral(light ? 'light' : 'dark');
  // The tone varies the tint: 0.2 → faint tint of the secondary hue, 0.8 → stronger tint of the primary.
  const bgL = light ? clamp(Math.max(l[1] + 0.04, 0.93), 0.93, 0.98) : clamp(l[0] - 0.08, 0.12, 0.24);
  const bgC = Math.min(0.01 + 0.05 * tone, c[1]);
  const bgH = tone < 0.5 ? h1 : h0;
  if (bgPin) pin('background', bgPin);
  else add('background', [bgL, bgC, bgH], [bgL, bgL]);
  const backL = rgbToOklch(colors[0].rgb)[0];
  const surfaceL = light ? backL - 0.07 : backL + (bgPin ? 0.14 : 0.08);
  add('surface', [surfaceL, Math.min(bgC + 0.015, c[1] + 0.01), bgH], [surfaceL, surfaceL]);

  // Primary and secondary: the theme's own hues and bands; secondary at the other end of the band.
  const pL = lerp(l, 0.5 + (tone - 0.5) * 0.6), pC = lerp(c, 0.85 - tone * 0.4);
  if (chromaticPins[0]) pin('primary', chromaticPins[0]);
  else add('primary', [pL, pC, h0]);
  if (chromaticPins[1]) pin('secondary', chromaticPins[1]);
  else {
    // The other end of the lightness band, and never closer than 0.12 in L to the primary.
    const sL = Math.abs(lerp(l, 1 - tone) - pL) >= 0.12 ? lerp(l, 1 - tone) : pL + (pL > 0.55 ? -0.12 : 0.12);
    add('secondary', [sL, lerp(c, 0.6), h1]);
  }
  for (const p of chromaticPins.slice(2)) pin('accent', p);

  // Accents: the named accent colours, else accent theme words, else the harmony.
  if (accentPins.length) for (const p of accentPins) pin('accent', p);
  else if (theme.accentHues.length) add('accent', [lerp(l, 0.55), c[1], huePoint(theme.accentHues, anchor)]);
  else {
    // An accent must stand out from the background: at least mid-light on dark, mid-dark on light.
    const accentL = (t) => (light ? Math.min(lerp(l, t), 0.72) : Math.max(lerp(l, t), 0.62));
    for (const offset of HARMONY_OFFSETS[harmony]) {
      if (offset === 0) {
        // Same hue as the primary: set apart by lightness (toward the text side), full chroma.
        const [primaryL] = rgbToOklch(colors[2].rgb);
        const side = light ? [0.25, Math.max(0.3, primaryL - 0.15)] : [Math.min(0.85, primaryL + 0.15), 0.9];
        add('accent', [light ? side[1] : side[0], c[1], h0], side);
      } else {
        add('accent', [accentL(0.55), Math.max(c[1], 0.08), wrap(h0 + offset)]);
      }
    }
  }
  // Named neutrals that are not the background ("black and gold" on a light scheme) stay in.
  for (const p of theme.pins.filter((x) => x.kind !== 'chromatic' && x.weight === 'base' && x !== bgPin)) {
    if (colors.length < 7) pin('surface', p);
  }
  const text = theme.pins.find((p) => p.kind !== 'chromatic' && p !== bgPin
    && contrastRatio(p.rgb, colors[0].rgb) >= MIN_CONTRAST);
  colors.push(text ? { role: 'text', rgb: text.rgb, pinned: text.name } : { role: 'text', rgb: textFor(colors[0].rgb, h0) });
  // A neutral pin used as text is not repeated as a surface.
  return text ? colors.filter((x, i) => !(x.role === 'surface' && x.pinned === text.name && i > 1)) : colors;
}

/** Signed hue difference b − a in (−180, 180]. */
const hueDelta = (a, b) => { const d = wrap(b - a); return d > 180 ? d - 360 : d; };
const near = (d, target, tol = 25) => Math.abs(d - target) <= tol;

/** The harmony the palette's chromatic colours actually form (primary as reference). */
export function classifyHarmony(colors) {
  const chroma = colors.filter((x) => ['primary', 'secondary', 'accent'].includes(x.role))
    .map((x) => rgbToOklch(x.rgb)).filter(([, C]) => C >= CHROMATIC);
  if (chroma.length < 2) return 'monochromatic';
  const d = chroma.slice(1).map(([, , h]) => hueDelta(chroma[0][2], h));
  if (d.every((x) => Math.abs(x) <= 15)) return 'monochromatic';
  if (d.every((x) => Math.abs(x) <= 60)) return 'analogous';
  if (d.some((x) => near(x, 150)) && d.some((x) => near(x, -150))) return 'split_complementary';
  if (d.some((x) => near(x, 120)) && d.some((x) => near(x, -120))) return 'triadic';
  if (d.some((x) => Math.abs(x) >= 155)) return 'complementary';
  return 'custom';
}
