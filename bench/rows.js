// SPDX-License-Identifier: MIT
// The rows of the bench table (issue #12) and pixelpipe's config for each: one source for the page
// (bench/page.js, in the browser) and the native column (bench/run.mjs, through the catalogue's
// normaliser). No DOM or Node APIs here.

/** The rows, in its order, plus the handle-API row. */
export const ROWS = ['io', 'decode', 'thumbnail', 'resize', 'blur', 'grayscale', 'color', 'handle'];
/** Rows run only when asked for (`--rows`). */
export const EXTRA_ROWS = ['resize_exact', 'unsharp', 'median', 'rotate'];
export const ROW_LABEL = {
  io: 'io round trip (raw in → raw out)',
  decode: 'decode JPEG → RGBA',
  thumbnail: 'thumbnail 300×300 inside → JPEG q80',
  resize: 'resize ¼, Lanczos3',
  blur: 'gaussian blur σ 5',
  grayscale: 'grayscale',
  color: 'brightness, contrast, saturate, hue',
  handle: 'handle: brightness per call',
  resize_exact: 'resize ¼, Lanczos3, no pre-shrink',
  unsharp: 'unsharp mask σ 2',
  median: 'median 3×3',
  rotate: 'rotate 17°',
};
/** Rows whose input is the encoded JPEG (the others start from decoded RGBA pixels). */
export const ENCODED_ROWS = ['decode', 'thumbnail'];

export const ROTATE_DEG = 17;
export const THUMB = 300;
// The colour chain: [css function, pixelpipe transform, its parameter, value].
export const CHAIN = [
  ['brightness', 'brightness', 'amount', 1.1],
  ['contrast', 'contrast', 'amount', 1.2],
  ['saturate', 'saturate', 'amount', 1.3],
  ['hue-rotate', 'hue_rotate', 'degrees', 30],
];
export const quarter = (w, h) => [Math.max(1, Math.round(w / 4)), Math.max(1, Math.round(h / 4))];

/** pixelpipe's variant per row for a w × h input (all raw RGBA out but the thumbnail). */
export function pixelpipeVariants(w, h) {
  const [qw, qh] = quarter(w, h);
  const step = ([, transform, key, v]) => ({ type: 'color_transform', transform, [key]: v });
  const raw = (v) => ({ id: 'o', ...v, format: 'raw' });
  return {
    io: raw({ steps: [] }),
    decode: raw({ steps: [] }),
    thumbnail: { id: 'o', type: 'resize', width: THUMB, height: THUMB, fit: 'inside', kernel: 'lanczos3', format: 'jpeg', quality: 80 },
    resize: raw({ type: 'resize', width: qw, height: qh, fit: 'fill', kernel: 'lanczos3' }),
    resize_exact: raw({ type: 'resize', width: qw, height: qh, fit: 'fill', kernel: 'lanczos3', preshrink: false }),
    blur: raw({ type: 'filter', filter: 'gaussian_blur', radius: 5 }),
    grayscale: raw({ type: 'color_transform', transform: 'grayscale' }),
    color: raw({ steps: CHAIN.map(step) }),
    handle: raw({ steps: [step(CHAIN[0])] }),
    unsharp: raw({ type: 'filter', filter: 'unsharp_mask', radius: 2, amount: 1, threshold: 0 }),
    median: raw({ type: 'filter', filter: 'median', size: 3 }),
    rotate: raw({ type: 'rotate', angle: ROTATE_DEG }),
  };
}
