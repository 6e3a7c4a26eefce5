// generate.js: generateAndApplyPalette's understanding and palette half, in plain JS (no engine):
//   parseTheme(text)                                → what the description means
//   generatePalettes(parsed, count, { fallbackColors }) → count distinct palettes (without `image`)
// Deterministic: no randomness; candidates are enumerated in a fixed order and chosen greedily.
import { rgbToOklch, rgbToHex, rgbToCielab, ciede2000, contrastRatio } from '../color/color.js';
import { invalidParameterError, string, integer, inRange } from '../config/is.js';
import { parseTerms } from './parse-theme.js';
import { buildTheme, arcsAround } from './theme.js';
import { buildPalette, classifyHarmony, HARMONIES, MIN_CONTRAST } from './build-palette.js';
import { nearestColorName } from './lexicon.js';

/**
 * Palettes of one call differ by at least this mean ΔE00 between same-role colours (a warning says
 * when a narrow theme leaves less room). ΔE00 ≈ 1–2 is a just-noticeable difference between
 * patches side by side; 8 on average means every role changed visibly. Measured: "midnight", the
 * narrowest band in the vocabulary, reaches 9.2 between its three palettes.
 */
export const MIN_PALETTE_DISTANCE = 8;
export const MAX_PALETTES = 10;
/** A theme is a phrase; a longer text is almost certainly a mistake (and would only be slower). */
export const MAX_DESCRIPTION_LENGTH = 1000;
// Hues when neither the description nor the image gives any (e.g. "pastel" on a grey photo):
// the six hue families, so the palettes still differ.
const DEFAULT_HUES = [[20, 40], [60, 80], [135, 155], [190, 210], [255, 275], [320, 340]];

/**
 * Description → { text, terms, matchedTerms, unmatchedTerms, fallback, theme }.
 * fallback: true when no word was understood (the palettes then come from the image's colours).
 */
export function parseTheme(text) {
  if (!string(text) || text.trim() === '' || text.length > MAX_DESCRIPTION_LENGTH) {
    throw invalidParameterError('themeDescription', `a non-empty string of at most ${MAX_DESCRIPTION_LENGTH} characters`, text);
  }
  const { terms, unmatched } = parseTerms(text);
  const theme = buildTheme(terms);
  return {
    text,
    terms,
    matchedTerms: terms.map((t) => t.text),
    unmatchedTerms: unmatched,
    fallback: terms.length === 0,
    theme,
  };
}

const labs = new WeakMap();   // CIELAB per colour object: the greedy choice compares each many times
function labOf(color) {
  if (!labs.has(color)) labs.set(color, rgbToCielab(color.rgb));
  return labs.get(color);
}

/**
 * Mean ΔE00 between the colours two palettes give the same role (k-th accent to k-th accent).
 * A colour the description named and both palettes hold in that role is left out: it must repeat.
 */
export function paletteDistance(a, b) {
  const keyed = (p) => {
    const seen = {};
    return new Map(p.map((x) => { seen[x.role] = (seen[x.role] ?? 0) + 1; return [`${x.role}${seen[x.role]}`, x]; }));
  };
  const ka = keyed(a), kb = keyed(b);
  let sum = 0, n = 0;
  for (const [key, x] of ka) {
    const y = kb.get(key);
    if (!y || (x.pinned && x.pinned === y.pinned)) continue;
    sum += ciede2000(labOf(x), labOf(y));
    n += 1;
  }
  return n ? sum / n : Infinity;
}

function schemesFor(theme) {
  const mid = (theme.l[0] + theme.l[1]) / 2;
  const kinds = new Set(theme.pins.map((p) => p.kind));
  if (kinds.has('dark') && kinds.has('light')) return ['light', 'dark'];
  if (mid > 0.65 && theme.c[1] < 0.2) return ['light'];   // pastel; but neon also glows on dark
  if (mid < 0.42) return ['dark'];
  return mid >= 0.55 ? ['light', 'dark'] : ['dark', 'light'];
}

/** Every recipe, best first: preferred harmony, centre of the hues, preferred scheme, middle tone. */
function recipes(theme) {
  const harmonies = theme.harmony ? [theme.harmony, ...HARMONIES.filter((h) => h !== theme.harmony)] : HARMONIES;
  const out = [];
  for (const tone of [0.5, 0.2, 0.8]) {
    for (const anchor of [0.5, 0.15, 0.85, 0.33, 0.67]) {
      for (const harmony of harmonies) {
        for (const scheme of schemesFor(theme)) out.push({ anchor, harmony, scheme, tone });
      }
    }
  }
  return out;
}

/** Greedy farthest-point choice: the best recipe first, then each time the one farthest from all chosen. */
function chooseDistinct(candidates, count) {
  const chosen = [candidates[0]];
  const nearest = candidates.map((c) => paletteDistance(c.colors, candidates[0].colors));
  while (chosen.length < count) {
    let best = -1;
    for (let i = 0; i < candidates.length; i += 1) {
      if (chosen.includes(candidates[i])) continue;
      if (best < 0 || nearest[i] > nearest[best] + 1e-9) best = i;
    }
    if (best < 0) break;
    chosen.push(candidates[best]);
    candidates.forEach((c, i) => { nearest[i] = Math.min(nearest[i], paletteDistance(c.colors, candidates[best].colors)); });
  }
  return chosen;
}

const round = (v, digits) => Math.round(v * 10 ** digits) / 10 ** digits;
const title = (words) => words.map((w) => w.replace(/(^|\s)\p{L}/gu, (s) => s.toUpperCase())).join(' ');

function describeColor({ role, rgb }) {
  const [L, C, h] = rgbToOklch(rgb);
  return { role, hex: rgbToHex(rgb), rgb: [...rgb], oklch: [round(L, 4), round(C, 4), round(h, 2)], name: nearestColorName(rgb).name };
}

/**
 * parsed: from parseTheme; count: 1..10; fallbackColors: the image's dominant [r, g, b] colours
 * (used when the description names no hue). → [{ name, harmony, scheme, colors, contrast,
 * matchedTerms, unmatchedTerms, warnings }] (the caller adds `image`).
 */
export function generatePalettes(parsed, count, { fallbackColors = [] } = {}) {
  if (!integer(count) || !inRange(count, 1, MAX_PALETTES)) {
    throw invalidParameterError('numPalettes', `an integer between 1 and ${MAX_PALETTES}`, count);
  }
  const warnings = [];
  const theme = { ...parsed.theme };
  const imageArcs = arcsAround(fallbackColors.map(rgbToOklch));
  if (parsed.fallback) {
    warnings.push(`no colour or theme word understood in '${parsed.text}': palettes follow the image's dominant colours`);
  }
  const pinArcs = arcsAround(theme.pins.filter((p) => p.weight === 'base').map((p) => p.oklch));
  if (theme.hues.length === 0) theme.hues = pinArcs.length ? pinArcs : imageArcs;
  if (theme.hues.length === 0) {
    theme.hues = DEFAULT_HUES;
    theme.anyHue = true;
    if (!parsed.fallback || fallbackColors.length) warnings.push('neither the description nor the image has a distinct hue: hues spread around the colour wheel');
  }
  const candidates = recipes(theme).map((recipe) => ({ recipe, colors: buildPalette(theme, recipe) }));
  const chosen = chooseDistinct(candidates, count);
  const label = parsed.fallback ? 'Image colours' : title(parsed.matchedTerms);
  return chosen.map(({ recipe, colors }, i) => {
    const own = [...warnings];
    const others = chosen.filter((_, j) => j !== i).map((o) => paletteDistance(colors, o.colors));
    const closest = others.length ? Math.min(...others) : Infinity;
    if (closest < MIN_PALETTE_DISTANCE) {
      own.push(`palette ${i + 1} differs from another by mean ΔE00 ${closest.toFixed(1)} (< ${MIN_PALETTE_DISTANCE}): the theme leaves little room`);
    }
    const described = colors.map(describeColor);
    const primary = described.find((x) => x.role === 'primary');
    const contrast = contrastRatio(colors[0].rgb, colors[colors.length - 1].rgb);
    return {
      name: `${label} · ${title([primary.name])}`,
      harmony: classifyHarmony(colors),
      scheme: recipe.scheme,
      colors: described,
      // Floor, not round: the reported value never overstates the guaranteed minimum.
      contrast: Math.floor(contrast * 100) / 100,
      matchedTerms: [...parsed.matchedTerms],
      unmatchedTerms: [...parsed.unmatchedTerms],
      warnings: own,
    };
  });
}

/**
 * True when the palettes need the image's dominant colours (`fallbackColors`): nothing was
 * understood, or nothing understood names a hue ("pastel", "dark and moody").
 */
export function needsImageColors(parsed) {
  const t = parsed.theme;
  return parsed.fallback || (t.hues.length === 0 && !t.pins.some((p) => p.kind === 'chromatic' && p.weight === 'base'));
}

// How much each role counts in `transfer` (the palette's mean and spread): large areas of a
// design are background and surface, so an image "in" a palette takes those most.
const TRANSFER_WEIGHTS = { background: 3, surface: 2, primary: 2, secondary: 1.5, accent: 1, text: 0.5 };
export const APPLY_MODES = ['map', 'transfer', 'quantize'];

/**
 * The engine request for one palette (src/bindings/palette.cpp applyPalette):
 * { mode, strength, dither, colors: [[r, g, b], …], weights }. Options are validated by the caller.
 */
export function applyRequest(palette, { mode = 'map', strength = 1, dither = 0 } = {}) {
  return {
    mode,
    strength,
    dither,
    colors: palette.colors.map((c) => [...c.rgb]),
    weights: palette.colors.map((c) => TRANSFER_WEIGHTS[c.role] ?? 1),
  };
}

export { MIN_CONTRAST };
