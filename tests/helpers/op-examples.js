// op-examples.js: one config per catalogue operation, with non-default parameters, for the tests
// that run EVERY operation through every build (Node mt/st, Chromium mt/st, native).
// tests/integration/operations-builds.test.js fails when a catalogue op has no example here.
export const OP_EXAMPLES = [
  { type: 'resize', width: 150, height: 100, fit: 'cover', position: 'attention', kernel: 'lanczos3' },
  { type: 'resize', width: 97, height: 131, fit: 'contain', kernel: 'bicubic', background: '#336699cc' },
  { type: 'resize', width: 411, kernel: 'mitchell' },
  { type: 'crop', left: 30, top: 20, width: 120, height: 90 },
  { type: 'rotate', angle: 17, background: '#ffffff', interpolation: 'bicubic' },
  { type: 'rotate', angle: -90 },
  { type: 'flip', direction: 'both' },
  { type: 'pad', top: 3, right: 7, bottom: 11, left: 13, background: [10, 200, 30, 255] },
  { type: 'flatten', background: '#3366cc' },
  { type: 'trim', threshold: 20 },
  { type: 'color_transform', transform: 'grayscale', amount: 0.7 },
  { type: 'color_transform', transform: 'sepia', amount: 0.6 },
  { type: 'color_transform', transform: 'invert', amount: 0.8 },
  { type: 'color_transform', transform: 'opacity', amount: 0.5 },
  { type: 'color_transform', transform: 'brightness', amount: 1.3 },
  { type: 'color_transform', transform: 'contrast', amount: 1.6 },
  { type: 'color_transform', transform: 'saturate', amount: 2.2 },
  { type: 'color_transform', transform: 'hue_rotate', degrees: 75 },
  { type: 'color_transform', transform: 'gamma', gamma: 1.8 },
  { type: 'color_transform', transform: 'exposure', stops: 0.7 },
  { type: 'color_transform', transform: 'levels', inputBlack: 20, inputWhite: 230, gamma: 1.2, outputBlack: 10, outputWhite: 245 },
  { type: 'color_transform', transform: 'curves', points: [[0, 0], [64, 40], [192, 220], [255, 255]], red: [[0, 10], [255, 240]] },
  { type: 'color_transform', transform: 'temperature', amount: 0.4 },
  { type: 'color_transform', transform: 'tint', amount: -0.3 },
  { type: 'color_transform', transform: 'vibrance', amount: 0.6 },
  { type: 'color_transform', transform: 'colorize', color: '#2080ff', strength: 0.4 },
  { type: 'color_transform', transform: 'duotone', shadows: '#200040', highlights: '#ffe0a0' },
  { type: 'color_transform', transform: 'posterize', levels: 5 },
  { type: 'color_transform', transform: 'threshold', threshold: 100 },
  { type: 'color_transform', transform: 'channel_mixer', matrix: [[0.5, 0.5, 0, 10], [0, 1, 0, 0], [0.2, 0, 0.8, -5]] },
  { type: 'color_transform', transform: 'normalize', lowPercentile: 2, highPercentile: 97 },
  { type: 'color_transform', transform: 'equalize' },
  { type: 'filter', filter: 'gaussian_blur', radius: 3.5 },
  { type: 'filter', filter: 'gaussian_blur', radius: 40 },
  { type: 'filter', filter: 'box_blur', radius: 4 },
  { type: 'filter', filter: 'motion_blur', angle: 30, length: 15 },
  { type: 'filter', filter: 'sharpen', amount: 1.5 },
  { type: 'filter', filter: 'unsharp_mask', radius: 2, amount: 1.2, threshold: 4 },
  { type: 'filter', filter: 'unsharp_mask', radius: 14, amount: 0.8, threshold: 2 }, // box-cascade blur path
  { type: 'filter', filter: 'median', size: 5 },
  { type: 'filter', filter: 'edge_detect', method: 'laplacian' },
  { type: 'filter', filter: 'emboss' },
  { type: 'filter', filter: 'convolve', kernel: [[0, -1, 0], [-1, 5, -1], [0, -1, 0]], offset: 3 },
  { type: 'filter', filter: 'denoise', sigmaSpatial: 2, sigmaRange: 40 },
  { type: 'filter', filter: 'pixelate', size: 7 },
  { type: 'filter', filter: 'vignette', strength: 0.8, radius: 0.7 },
].map((config, i) => ({ id: `op${i}`, ...config, format: 'raw' }));

/** The example's catalogue name: 'resize', 'color_transform:sepia', 'filter:median'. */
export const exampleName = (c) => (c.transform ? `${c.type}:${c.transform}` : c.filter ? `${c.type}:${c.filter}` : c.type);

/** A baton step as the native CLI's STEP argument (.notes/CONTRACTS.md). */
export function cliStep(step) {
  const params = Object.entries(step).filter(([k]) => k !== 'op').map(([k, v]) =>
    `${k}=${Array.isArray(v) ? v.join('/') : v}`);
  return params.length ? `${step.op}:${params.join(',')}` : step.op;
}

/** Largest per-byte difference of two equal-sized byte arrays, and how many bytes differ by > 1. */
export function compareBytes(a, b) {
  if (a.length !== b.length) return { max: Infinity, over1: a.length };
  let max = 0;
  let over1 = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (d > max) max = d;
    if (d > 1) over1 += 1;
  }
  return { max, over1 };
}
