// color.js: the JS side's colour science: sRGB ⇄ linear ⇄ OKLab/OKLCH (Ottosson 2020), sRGB → CIELAB
// (D65), CIEDE2000 (Sharma, Wu & Dalal 2005), WCAG 2.x contrast and CSS Color 4 gamut mapping.
// The C++ twin is src/color/color.h; both use the same published constants.
//
// Determinism: Math.cbrt/pow/atan2/sin/cos may differ by an ulp between JS engines, so every value
// a caller keeps or compares goes through round6()/8-bit rounding, which hides such differences
// except on exact rounding boundaries.

/** Rounds to 6 decimals: the resolution at which results are kept. */
export const round6 = (v) => Math.round(v * 1e6) / 1e6;
const clamp01 = (v) => Math.min(1, Math.max(0, v));

/** IEC 61966-2-1 transfer: sRGB-encoded 0..1 → linear 0..1. */
export function srgbToLinear(v) {
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
}
/** Linear 0..1 → sRGB-encoded 0..1. */
export function linearToSrgb(v) {
  return v <= 0.0031308 ? v * 12.92 : 1.055 * v ** (1 / 2.4) - 0.055;
}

/** [r, g, b] 0..255 → OKLab [L 0..1, a, b]. */
export function rgbToOklab([r, g, b]) {
  return linearRgbToOklab([srgbToLinear(r / 255), srgbToLinear(g / 255), srgbToLinear(b / 255)]);
}

/** Linear sRGB [r, g, b] 0..1 → OKLab. */
export function linearRgbToOklab([lr, lg, lb]) {
  const l = Math.cbrt(0.4122214708 * lr + 0.5363325363 * lg + 0.0514459929 * lb);
  const m = Math.cbrt(0.2119034982 * lr + 0.6806995451 * lg + 0.1073969566 * lb);
  const s = Math.cbrt(0.0883024619 * lr + 0.2817188376 * lg + 0.6299787005 * lb);
  return [
    0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s,
    1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s,
    0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s,
  ];
}

/** OKLab → linear sRGB [r, g, b] (unclamped: out of gamut shows as < 0 or > 1). */
export function oklabToLinearRgb([L, a, b]) {
  const l = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (L - 0.0894841775 * a - 1.291485548 * b) ** 3;
  return [
    4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
    -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
    -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s,
  ];
}

/** OKLab → OKLCH [L, C, h in degrees 0..360). */
export function oklabToOklch([L, a, b]) {
  const C = Math.hypot(a, b);
  const h = C < 1e-7 ? 0 : (Math.atan2(b, a) * 180) / Math.PI;
  return [L, C, h < 0 ? h + 360 : h];
}
/** OKLCH → OKLab. */
export function oklchToOklab([L, C, h]) {
  const r = (h * Math.PI) / 180;
  return [L, C * Math.cos(r), C * Math.sin(r)];
}

/** [r, g, b] 0..255 → OKLCH, rounded to 6 decimals. */
export function rgbToOklch(rgb) {
  return oklabToOklch(rgbToOklab(rgb)).map(round6);
}

const inUnit = (v) => v >= -1e-6 && v <= 1 + 1e-6;
/** True when an OKLCH colour lies inside the sRGB gamut. */
export function inSrgbGamut(lch) {
  const [r, g, b] = oklabToLinearRgb(oklchToOklab(lch));
  return inUnit(r) && inUnit(g) && inUnit(b);
}

const linearToRgb8 = (lin) => lin.map((v) => Math.round(clamp01(linearToSrgb(clamp01(v))) * 255));
const deltaEOK = (x, y) => Math.hypot(x[0] - y[0], x[1] - y[1], x[2] - y[2]);

/**
 * CSS Color 4 §13.2 gamut mapping: keep L and h, lower chroma by bisection until clipping the
 * candidate changes it by less than a just-noticeable difference (ΔEOK 0.02). Returns [r, g, b] 0..255.
 */
export function oklchToRgb(lch) {
  const [L, C, h] = lch;
  if (L >= 1) return [255, 255, 255];
  if (L <= 0) return [0, 0, 0];
  const clipLab = (lab) => linearRgbToOklab(oklabToLinearRgb(lab).map(clamp01));
  const original = oklchToOklab(lch);
  if (inSrgbGamut(lch)) return linearToRgb8(oklabToLinearRgb(original));
  const JND = 0.02;
  let lo = 0, hi = C;
  let best = linearToRgb8(oklabToLinearRgb(oklchToOklab([L, 0, h])));
  while (hi - lo > 5e-4) {   // 8-bit output resolves chroma steps of ~0.002 at best
    const mid = (lo + hi) / 2;
    const candidate = oklchToOklab([L, mid, h]);
    if (inSrgbGamut([L, mid, h])) {
      lo = mid;
      best = linearToRgb8(oklabToLinearRgb(candidate));
      continue;
    }
    const clipped = clipLab(candidate);
    if (deltaEOK(clipped, candidate) < JND) {
      lo = mid;
      best = linearToRgb8(oklabToLinearRgb(candidate));
    } else {
      hi = mid;
    }
  }
  return best;
}

/** [r, g, b] 0..255 → CIELAB [L*, a*, b*] under D65 (sRGB matrix of IEC 61966-2-1). */
export function rgbToCielab([r, g, b]) {
  const lr = srgbToLinear(r / 255), lg = srgbToLinear(g / 255), lb = srgbToLinear(b / 255);
  const x = (0.4124564 * lr + 0.3575761 * lg + 0.1804375 * lb) / 0.95047;
  const y = 0.2126729 * lr + 0.7151522 * lg + 0.072175 * lb;
  const z = (0.0193339 * lr + 0.119192 * lg + 0.9503041 * lb) / 1.08883;
  const f = (t) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  const fx = f(x), fy = f(y), fz = f(z);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

const deg = (rad) => (rad * 180) / Math.PI;
const rad = (d) => (d * Math.PI) / 180;

/** CIEDE2000 colour difference of two CIELAB colours (kL = kC = kH = 1). */
export function ciede2000([L1, a1, b1], [L2, a2, b2]) {
  const C1 = Math.hypot(a1, b1), C2 = Math.hypot(a2, b2);
  const Cbar7 = ((C1 + C2) / 2) ** 7;
  const G = 0.5 * (1 - Math.sqrt(Cbar7 / (Cbar7 + 25 ** 7)));
  const a1p = (1 + G) * a1, a2p = (1 + G) * a2;
  const C1p = Math.hypot(a1p, b1), C2p = Math.hypot(a2p, b2);
  const hue = (b, a) => (b === 0 && a === 0 ? 0 : (deg(Math.atan2(b, a)) + 360) % 360);
  const h1p = hue(b1, a1p), h2p = hue(b2, a2p);
  const dLp = L2 - L1, dCp = C2p - C1p;
  let dhp = 0;
  if (C1p * C2p !== 0) {
    dhp = h2p - h1p;
    if (dhp > 180) dhp -= 360;
    else if (dhp < -180) dhp += 360;
  }
  const dHp = 2 * Math.sqrt(C1p * C2p) * Math.sin(rad(dhp / 2));
  const Lbp = (L1 + L2) / 2, Cbp = (C1p + C2p) / 2;
  let hbp = h1p + h2p;
  if (C1p * C2p !== 0) {
    if (Math.abs(h1p - h2p) <= 180) hbp /= 2;
    else hbp = h1p + h2p < 360 ? (hbp + 360) / 2 : (hbp - 360) / 2;
  }
  const T = 1 - 0.17 * Math.cos(rad(hbp - 30)) + 0.24 * Math.cos(rad(2 * hbp))
    + 0.32 * Math.cos(rad(3 * hbp + 6)) - 0.2 * Math.cos(rad(4 * hbp - 63));
  const dTheta = 30 * Math.exp(-(((hbp - 275) / 25) ** 2));
  const Cbp7 = Cbp ** 7;
  const RC = 2 * Math.sqrt(Cbp7 / (Cbp7 + 25 ** 7));
  const SL = 1 + (0.015 * (Lbp - 50) ** 2) / Math.sqrt(20 + (Lbp - 50) ** 2);
  const SC = 1 + 0.045 * Cbp, SH = 1 + 0.015 * Cbp * T;
  const RT = -Math.sin(rad(2 * dTheta)) * RC;
  const tL = dLp / SL, tC = dCp / SC, tH = dHp / SH;
  return Math.sqrt(tL * tL + tC * tC + tH * tH + RT * tC * tH);
}

/** ΔE00 between two [r, g, b] 0..255 colours. */
export const deltaE00Rgb = (x, y) => ciede2000(rgbToCielab(x), rgbToCielab(y));

/** WCAG 2.x relative luminance of an [r, g, b] 0..255 colour (the 0.03928 threshold of WCAG 2.x). */
export function relativeLuminance(rgb) {
  const lin = rgb.map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
  return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
}
/** WCAG 2.x contrast ratio (1..21) of two [r, g, b] colours. */
export function contrastRatio(x, y) {
  const a = relativeLuminance(x), b = relativeLuminance(y);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/** '#rrggbb' of an [r, g, b] 0..255 colour. */
export const rgbToHex = (rgb) => `#${rgb.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
/** [r, g, b] of a '#rrggbb' string. */
export const hexToRgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
