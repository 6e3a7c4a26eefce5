// shrink-on-load.js: the JPEG shrink-on-load factor for a call's variants (issue #12). libjpeg
// can decode at 1/2, 1/4 or 1/8 in the DCT domain for a fraction of the full decode's cost
// (toolchain.md §13: 92 → 50 / 39 / 24 ms at 12 MP). The decoded image must stay at least 2× every
// variant's resize scale on both axes, so the Lanczos resize that follows still does the real
// reduction and the result stays alias-free (libvips' rule for its thumbnail shrink-on-load).
import { stepOutputSize } from '../wasm/memory-estimate.js';

const FACTORS = [8, 4, 2];

/**
 * Ops that may come before the resize: per-pixel colour maps, which commute with the resize up
 * to rounding. Anything else (filters, geometry, histogram-based ops such as normalize or
 * equalize, whose statistics change with the pixels) disables the shrink.
 */
export const POINTWISE_OPS = new Set([
  'grayscale', 'sepia', 'invert', 'opacity', 'brightness', 'contrast', 'saturate', 'hue_rotate', 'gamma', 'exposure',
  'levels', 'curves', 'temperature', 'tint', 'vibrance', 'colorize', 'duotone', 'channel_mixer',
]);

// Content-driven crops choose their box from the pixels: a shrunk decode could choose another.
const CONTENT_POSITIONS = new Set(['entropy', 'attention']);

/** The variant's first resize step when every step before it is pointwise; else undefined. */
function leadingResize(variant) {
  for (const step of variant.steps ?? []) {
    if (step.op === 'resize') return step;
    if (!POINTWISE_OPS.has(step.op)) return undefined;
  }
  return undefined;
}

/**
 * The largest factor (1, 2, 4 or 8) at which every variant can start from a shrunk JPEG decode.
 * head: the probe's { width, height, format, orientation } (stored size; 5–8 swap the upright sides).
 * 1 unless the input is a JPEG and EVERY variant starts with a resize (after pointwise steps only)
 * whose output size the shrunk image gives unchanged (sizes derived from the aspect ratio can round
 * differently: then a smaller factor is tried) and that shrinks the image at least 2× per axis more.
 */
export function chooseShrink(variants, head) {
  if (head?.format !== 'jpeg' || !variants.length) return 1;
  const swap = head.orientation >= 5 && head.orientation <= 8;
  const [width, height] = swap ? [head.height, head.width] : [head.width, head.height];
  const resizes = variants.map(leadingResize);
  if (resizes.some((r) => !r || r.kernel === 'nearest' || CONTENT_POSITIONS.has(r.position))) return 1;
  const targets = resizes.map((r) => stepOutputSize(r, width, height));
  // The resize scale per variant: the larger axis ratio of its output (or box) to the input,
  // an upper bound for every fit mode (contain and fill use at most that on either axis).
  const scale = Math.max(...targets.map(([w, h]) => Math.max(w / width, h / height)));
  for (const factor of FACTORS) {
    const [w, h] = [Math.ceil(width / factor), Math.ceil(height / factor)];
    if (w < 2 * scale * width || h < 2 * scale * height) continue;
    const sameSizes = resizes.every((r, i) => {
      const [ow, oh] = stepOutputSize(r, w, h);
      return ow === targets[i][0] && oh === targets[i][1];
    });
    if (sameSizes) return factor;
  }
  return 1;
}
