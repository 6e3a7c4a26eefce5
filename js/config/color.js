// color.js: parses the colours configs accept ('#rgb', '#rgba', '#rrggbb', '#rrggbbaa' or an
// [r, g, b] / [r, g, b, a] array of 0-255 integers) into the engine's [r, g, b, a].

export const COLOR_EXPECTED =
  "CSS hex colour ('#rgb', '#rrggbb', '#rrggbbaa') or [r, g, b, a] of integers 0-255";

const HEX = /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;

/** [r, g, b, a] for a valid colour, else null. */
export function parseColor(value) {
  if (typeof value === 'string') return parseHex(value.trim());
  if (Array.isArray(value) && (value.length === 3 || value.length === 4)) {
    const ok = value.every((c) => Number.isInteger(c) && c >= 0 && c <= 255);
    return ok ? [value[0], value[1], value[2], value.length === 4 ? value[3] : 255] : null;
  }
  return null;
}

function parseHex(text) {
  if (!HEX.test(text)) return null;
  let digits = text.slice(1);
  if (digits.length <= 4) digits = [...digits].map((d) => d + d).join('');
  if (digits.length === 6) digits += 'ff';
  return [0, 2, 4, 6].map((i) => parseInt(digits.slice(i, i + 2), 16));
}
