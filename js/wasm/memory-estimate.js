// memory-estimate.js: how many bytes of wasm memory a variant needs at its peak, from the image's
// header dimensions and the normalised steps, so a call that cannot fit in a worker's
// maxMemoryBytes is refused before anything is allocated. Deliberately an upper bound: every step
// is counted as a fresh RGBA8 output next to its input, plus the scratch its catalogue entry
// declares (`scratchBytesPerPixel`), and encoders as twice their output (row filters + deflate
// buffers). Output sizes come from each operation's `outputSize` in the catalogue.
import { catalogueEntries } from '../catalogue/walk.js';

const RGBA = 4;
const byOp = new Map(catalogueEntries().map(({ entry }) => [entry.op, entry]));

/** Output dimensions of one normalised step applied to a w×h image. */
export function stepOutputSize(step, width, height) {
  const size = byOp.get(step.op)?.outputSize;
  return size ? size(step, width, height) : [width, height];
}

/** Peak bytes of one variant run on a decoded w×h image (the decoded image itself excluded). */
export function variantPeakBytes(variant, width, height) {
  let [w, h] = [width, height];
  let peak = 0;
  for (const step of variant.steps ?? []) {
    const [ow, oh] = stepOutputSize(step, w, h);
    const scratch = (byOp.get(step.op)?.scratchBytesPerPixel ?? 0) * w * h;
    peak = Math.max(peak, w * h * RGBA + ow * oh * RGBA + scratch);
    [w, h] = [ow, oh];
  }
  const out = w * h * RGBA;
  const encode = variant.output?.op === 'raw' ? out : out * 2;
  return Math.max(peak, out + encode);
}
