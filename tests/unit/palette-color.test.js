// palette-color.test.js: js/color/color.js against published values: Sharma et al.'s CIEDE2000
// pairs, the OKLab of sRGB primaries as published in CSS Color 4's sample code, WCAG's contrast.
import { readFileSync } from 'node:fs';
import {
  ciede2000, rgbToOklab, rgbToOklch, oklchToOklab, oklchToRgb, inSrgbGamut, contrastRatio, rgbToHex, hexToRgb,
} from '../../js/color/color.js';
import { testdataPath } from '../helpers/testdata.js';

const sharma = readFileSync(testdataPath('reference/ciede2000-sharma-2005.tsv'), 'utf8')
  .split('\n').filter((line) => /^[-\d]/.test(line)).map((line) => line.split('\t').map(Number));

test('CIEDE2000 matches all 34 pairs of Sharma, Wu & Dalal (2005) to 1e-4 in both orders', () => {
  expect(sharma).toHaveLength(34);
  for (const [L1, a1, b1, L2, a2, b2, dE] of sharma) {
    expect(ciede2000([L1, a1, b1], [L2, a2, b2])).toBeCloseTo(dE, 4);
    expect(ciede2000([L2, a2, b2], [L1, a1, b1])).toBeCloseTo(dE, 4);
  }
});

test('OKLab of sRGB white, red, green and blue match Ottosson / CSS Color 4 to 1e-4', () => {
  const cases = [
    [[255, 255, 255], [1, 0, 0]],
    [[255, 0, 0], [0.627955, 0.224863, 0.125846]],
    [[0, 255, 0], [0.86644, -0.233888, 0.179498]],
    [[0, 0, 255], [0.452014, -0.032457, -0.311528]],
  ];
  for (const [rgb, lab] of cases) rgbToOklab(rgb).forEach((v, i) => expect(v).toBeCloseTo(lab[i], 4));
});

test('OKLCH round trip of in-gamut colours is exact at 8 bits', () => {
  for (const hex of ['#ff7f50', '#008080', '#123456', '#fefefe', '#000000', '#b04e0f']) {
    expect(rgbToHex(oklchToRgb(rgbToOklch(hexToRgb(hex))))).toBe(hex);
  }
});

test('gamut mapping (CSS Color 4) lowers chroma at constant L and h, within its ΔEOK 0.02 clip', () => {
  for (const lch of [[0.7, 0.4, 150], [0.9, 0.3, 264], [0.3, 0.35, 29], [0.5, 0.37, 330]]) {
    expect(inSrgbGamut(lch)).toBe(false);
    const rgb = oklchToRgb(lch);
    const [, C] = rgbToOklch(rgb);
    expect(C).toBeLessThan(lch[1]);
    // The result is the constant-L/h colour of its chroma, up to the JND clip and 8-bit rounding.
    const target = oklchToOklab([lch[0], C, lch[2]]);
    const got = rgbToOklab(rgb);
    expect(Math.hypot(...got.map((v, i) => v - target[i]))).toBeLessThan(0.025);
  }
});

test('WCAG 2.x contrast: 21 for black on white, 4.54 for #767676 on white (WebAIM reference)', () => {
  expect(contrastRatio([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 6);
  expect(contrastRatio([118, 118, 118], [255, 255, 255])).toBeCloseTo(4.54, 2);
  expect(contrastRatio([255, 255, 255], [118, 118, 118])).toBeCloseTo(4.54, 2);
});
