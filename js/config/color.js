// color.js: THE colour parser. Every colour parameter of every method (backgrounds, layer
// colours, gradient stops, palette colours, flatten backgrounds) goes through parseColor, so they
// all accept the same CSS syntax: '#rgb', '#rgba', '#rrggbb', '#rrggbbaa', rgb()/rgba() and
// hsl()/hsla() (comma or space separated, percentages, '/ alpha'), the CSS named colours,
// 'transparent' — or an [r, g, b] / [r, g, b, a] array of 0–255 integers. → [r, g, b, a] bytes.
import LEXICON from '../palette/lexicon.generated.js';

// The CSS named colours: the 'css' rows of the colour lexicon generated at build time from
// Debian's python3-matplotlib (scripts/gen-palette-lexicon.mjs), the palettes' lexicon too.
const NAMED = new Map(LEXICON.filter(([, , source]) => source === 'css').map(([name, hex]) => [name, parseHexDigits(hex)]));

export const COLOR_EXPECTED =
  "CSS colour ('#rgb', '#rgba', '#rrggbb', '#rrggbbaa', 'rgb(…)', 'rgba(…)', 'hsl(…)', 'hsla(…)', a named colour, 'transparent') or [r, g, b, a] of integers 0-255";

const HEX = /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const FUNCTION = /^(rgba?|hsla?)\(\s*(.*?)\s*\)$/i;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/** [r, g, b, a] (0–255 integers) for a valid colour, else null. */
export function parseColor(value) {
  if (typeof value === 'string') return parseText(value.trim().toLowerCase());
  if (Array.isArray(value) && (value.length === 3 || value.length === 4)) {
    const ok = value.every((c) => Number.isInteger(c) && c >= 0 && c <= 255);
    return ok ? [value[0], value[1], value[2], value.length === 4 ? value[3] : 255] : null;
  }
  return null;
}

function parseText(text) {
  if (text === 'transparent') return [0, 0, 0, 0];
  if (text.startsWith('#')) return parseHex(text);
  if (NAMED.has(text)) return [...NAMED.get(text)];
  const m = FUNCTION.exec(text);
  if (!m) return null;
  const args = splitArguments(m[2]);
  if (!args) return null;
  return m[1].startsWith('rgb') ? rgbFunction(args) : hslFunction(args);
}

function parseHex(text) {
  return HEX.test(text) ? parseHexDigits(text) : null;
}

function parseHexDigits(text) {
  let digits = text.slice(1);
  if (digits.length <= 4) digits = [...digits].map((d) => d + d).join('');
  if (digits.length === 6) digits += 'ff';
  return [0, 2, 4, 6].map((i) => parseInt(digits.slice(i, i + 2), 16));
}

/** 'a, b, c[, d]' or 'a b c[ / d]' → [a, b, c, d?] strings; mixed forms → null. */
function splitArguments(body) {
  if (body.includes(',')) {
    const parts = body.split(',').map((s) => s.trim());
    return parts.length === 3 || parts.length === 4 ? parts : null;
  }
  const [main, alpha, extra] = body.split('/').map((s) => s.trim());
  if (extra !== undefined) return null;
  const parts = main.split(/\s+/);
  if (parts.length !== 3 || alpha === '') return null;
  return alpha === undefined ? parts : [...parts, alpha];
}

/** A number, or a percentage scaled to `percentOf`; null when malformed. */
function component(text, percentOf) {
  const percent = text.endsWith('%');
  const body = percent ? text.slice(0, -1) : text;
  if (!NUMBER.test(body)) return null;
  const n = Number(body);
  return percent ? (n / 100) * percentOf : n;
}

function alphaOf(text) {
  if (text === undefined) return 255;
  const a = component(text, 1);
  return a === null ? null : Math.round(clamp(a, 0, 1) * 255);
}

function rgbFunction(args) {
  const rgb = args.slice(0, 3).map((t) => component(t, 255));
  const a = alphaOf(args[3]);
  if (rgb.includes(null) || a === null) return null;
  return [...rgb.map((c) => Math.round(clamp(c, 0, 255))), a];
}

/** CSS Color 4 hsl(): hue in degrees (or 'deg'), saturation and lightness in %. */
function hslFunction(args) {
  const hue = component(args[0].replace(/deg$/, ''), NaN);
  const s = component(args[1], 1);
  const l = component(args[2], 1);
  const a = alphaOf(args[3]);
  if ([hue, s, l, a].some((v) => v === null || Number.isNaN(v)) || !args[1].endsWith('%') || !args[2].endsWith('%')) return null;
  const h = ((hue % 360) + 360) % 360;
  const sat = clamp(s, 0, 1);
  const light = clamp(l, 0, 1);
  const f = (n) => {
    const k = (n + h / 30) % 12;
    return light - sat * Math.min(light, 1 - light) * Math.max(-1, Math.min(k - 3, 9 - k, 1));
  };
  return [f(0), f(8), f(4)].map((c) => Math.round(c * 255)).concat(a);
}

const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
