// theme.js: parsed terms → one theme: hue arcs, lightness and chroma bands in OKLCH, and the exact
// colours the description named ("pins"). Hues of several theme words intersect when they agree
// ("warm sunset") and add up when they don't ("forest and ocean").
import { rgbToOklch, oklchToRgb, round6 } from '../color/color.js';

export const DEFAULT_L = [0.35, 0.85];
export const DEFAULT_C = [0.06, 0.16];
const MIN_SHARED_HUE_DEGREES = 15;   // a narrower intersection means the words disagree: take the union
const CHROMATIC = 0.04;              // OKLCH C below this reads as a neutral (grey, black, white, cream)

const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));

/** 360 one-degree bins set for the given [from, to] arcs (counter-clockwise, wrapping). */
function hueMask(arcs) {
  const mask = new Uint8Array(360);
  for (const [from, to] of arcs) {
    const width = to - from >= 360 ? 360 : (((to - from) % 360) + 360) % 360;
    for (let d = 0; d <= width && d < 360; d += 1) mask[(Math.round(from) + d) % 360] = 1;
  }
  return mask;
}

/** Bins → arcs [from, to] (contiguous runs; a run through 0° stays one arc). */
function maskToArcs(mask) {
  if (mask.every(Boolean)) return [[0, 360]];
  const start = mask.findIndex((v) => !v);
  const arcs = [];
  for (let k = 1; k <= 360; k += 1) {
    const d = (start + k) % 360;
    if (mask[d] && !mask[(d + 359) % 360]) arcs.push([d, d]);
    if (mask[d]) arcs[arcs.length - 1][1] = d;
  }
  return arcs;
}

/** Modifier applied to a [min, max] lightness band and chroma band (returns new bands). */
export function modifyBands(l, c, m, strength = 1) {
  let [l0, l1] = l;
  let [c0, c1] = c;
  if (m.lTarget !== undefined) {
    const k = clamp(m.lMix * strength, 0, 1);
    l0 += (m.lTarget - l0) * k;
    l1 += (m.lTarget - l1) * k;
  }
  if (m.cScale !== undefined) {
    const s = m.cScale ** strength;
    c0 *= s;
    c1 *= s;
  }
  if (m.cMax !== undefined) { c0 = Math.min(c0, m.cMax * 0.6); c1 = Math.min(c1, m.cMax); }
  if (m.lMin !== undefined) { l0 = Math.max(l0, m.lMin); l1 = Math.max(l1, m.lMin + 0.1); }
  if (m.lMax !== undefined) { l1 = Math.min(l1, m.lMax); l0 = Math.min(l0, m.lMax - 0.1); }
  return [[clamp(l0, 0.05, 0.98), clamp(l1, 0.05, 0.98)], [clamp(c0, 0, 0.37), clamp(c1, 0, 0.37)]];
}

/** Applies a term's modifiers in order; "very"/"slightly" scale the modifier after them. */
function applyModifiers(l, c, modifiers) {
  let strength = 1;
  for (const m of modifiers) {
    if (m.intensify !== undefined) {
      strength *= m.intensify;
      continue;
    }
    [l, c] = modifyBands(l, c, m, strength);
    strength = 1;
  }
  return [l, c];
}

/** A named colour after its modifiers ("pale coral"): the band logic on a zero-width band. */
function pinColor(term) {
  let rgb = term.color.rgb;
  if (term.modifiers.length) {
    const [L, C, h] = rgbToOklch(rgb);
    const [[l], [c]] = applyModifiers([L, L], [C, C], term.modifiers);
    rgb = oklchToRgb([l, c, h]);
  }
  const oklch = rgbToOklch(rgb);
  const kind = oklch[1] >= CHROMATIC ? 'chromatic' : oklch[0] < 0.4 ? 'dark' : oklch[0] > 0.8 ? 'light' : 'grey';
  return { text: term.text, name: term.color.name, rgb, oklch, weight: term.weight, kind };
}

/** Intersect [lo, hi] bands when they overlap, else average them. */
function combineBands(bands, fallback) {
  if (bands.length === 0) return fallback;
  const lo = Math.max(...bands.map((b) => b[0]));
  const hi = Math.min(...bands.map((b) => b[1]));
  if (hi - lo >= 0.02) return [lo, hi];
  const mean = (k) => bands.reduce((s, b) => s + b[k], 0) / bands.length;
  return [mean(0), Math.max(mean(1), mean(0) + 0.02)];
}

function combineHues(termsWithHue) {
  if (termsWithHue.length === 0) return [];
  const masks = termsWithHue.map((t) => hueMask(t.theme.hue));
  const shared = masks.reduce((acc, m) => acc.map((v, i) => v & m[i]));
  const union = masks.reduce((acc, m) => acc.map((v, i) => v | m[i]));
  const sharedDegrees = shared.reduce((s, v) => s + v, 0);
  return maskToArcs(sharedDegrees >= MIN_SHARED_HUE_DEGREES ? shared : union);
}

/**
 * Terms → { hues: [[from, to], …] (may be empty), accentHues, l: [min, max], c: [min, max],
 *           pins: [{ name, rgb, oklch, weight, kind }], harmony: preferred harmony or null }.
 */
export function buildTheme(terms) {
  const themes = terms.filter((t) => t.kind === 'theme');
  const ls = [];
  const cs = [];
  for (const t of themes) {
    const [l, c] = applyModifiers(t.theme.l ?? DEFAULT_L, t.theme.c ?? DEFAULT_C, t.modifiers);
    if (t.theme.l || t.modifiers.length) ls.push(l);
    if (t.theme.c || t.modifiers.length) cs.push(c);
  }
  const pins = terms.filter((t) => t.kind === 'color').map(pinColor);
  const pinBand = (k, lo, hi) => (pins.length
    ? [clamp(Math.min(...pins.map((p) => p.oklch[k])) - 0.1, lo, hi), clamp(Math.max(...pins.map((p) => p.oklch[k])) + 0.05, lo, hi)]
    : null);
  let l = combineBands(ls, pinBand(0, 0.25, 0.9) ?? DEFAULT_L);
  let c = combineBands(cs, pinBand(1, 0.03, 0.2) ?? DEFAULT_C);
  for (const t of terms.filter((x) => x.kind === 'modifier')) [l, c] = modifyBands(l, c, t.modifier);
  const withHue = (weight) => themes.filter((t) => t.theme.hue && t.weight === weight);
  const harmony = themes.map((t) => t.theme.harmony).find(Boolean) ?? null;
  return {
    hues: combineHues(withHue('base')),
    accentHues: combineHues(withHue('accent')),
    l: l.map(round6),
    c: c.map(round6),
    pins,
    harmony,
  };
}

/** Arcs around the hues of the given colours (image colours or chromatic pins), ±width/2. */
export function arcsAround(oklchs, width = 24) {
  const chromatic = oklchs.filter((x) => x[1] >= CHROMATIC);
  return maskToArcs(hueMask(chromatic.map(([, , h]) => [h - width / 2 + 360, h + width / 2 + 360])));
}

export { CHROMATIC };
