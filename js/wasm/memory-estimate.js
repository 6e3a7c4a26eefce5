// memory-estimate.js: how many bytes of wasm memory a call needs at its peak, from the image's
// header dimensions and the normalised variants, so a call that cannot fit in a worker's
// maxMemoryBytes is refused before anything is allocated. Deliberately an upper bound: every
// step is counted as a fresh RGBA8 output next to its input, plus a float-sized scratch for
// neighbourhood filters, and encoders as twice their output (row filters + deflate buffers).

const RGBA = 4;

/** Output dimensions of one normalised step applied to a w×h image. */
export function stepOutputSize(step, width, height) {
  switch (step.op) {
    case 'resize': return resizeSize(step, width, height);
    case 'crop':
    case 'extract':
      return [Math.min(width, step.width || width), Math.min(height, step.height || height)];
    case 'rotate': {
      const angle = Number(step.angle ?? step.degrees ?? 0);
      if (angle % 180 === 0) return [width, height];
      if (angle % 90 === 0) return [height, width];
      const r = (angle * Math.PI) / 180;
      return [Math.ceil(width * Math.abs(Math.cos(r)) + height * Math.abs(Math.sin(r))),
        Math.ceil(width * Math.abs(Math.sin(r)) + height * Math.abs(Math.cos(r)))];
    }
    case 'pad':
      return [width + (step.left ?? 0) + (step.right ?? 0), height + (step.top ?? 0) + (step.bottom ?? 0)];
    default: return [width, height]; // pointwise ops, filters, flip, trim (never larger)
  }
}

function resizeSize({ width: bw = 0, height: bh = 0, fit = 'fill', withoutEnlargement = false }, w, h) {
  let tw = bw;
  let th = bh;
  if (!tw && !th) return [w, h];
  if (!tw) tw = Math.max(1, Math.round((w * th) / h));
  else if (!th) th = Math.max(1, Math.round((h * tw) / w));
  else if (fit === 'inside' || fit === 'outside') {
    const s = fit === 'inside' ? Math.min(tw / w, th / h) : Math.max(tw / w, th / h);
    [tw, th] = [Math.max(1, Math.round(w * s)), Math.max(1, Math.round(h * s))];
  }
  if (withoutEnlargement && (tw > w || th > h) && fit !== 'contain' && fit !== 'cover' && fit !== 'fill') return [w, h];
  return [tw, th];
}

const SCRATCH_OPS = new Set(['gaussian_blur', 'box_blur', 'sharpen', 'blur', 'median', 'convolve']);

/** Peak bytes of one variant run on a decoded w×h image (the decoded image itself excluded). */
export function variantPeakBytes(variant, width, height) {
  let [w, h] = [width, height];
  let peak = 0;
  for (const step of variant.steps ?? []) {
    const [ow, oh] = stepOutputSize(step, w, h);
    const scratch = SCRATCH_OPS.has(step.op) ? w * h * RGBA * 4 : 0;
    peak = Math.max(peak, w * h * RGBA + ow * oh * RGBA + scratch);
    [w, h] = [ow, oh];
  }
  const out = w * h * RGBA;
  const encode = variant.format === 'raw' ? out : out * 2;
  return Math.max(peak, out + encode);
}

/**
 * @param {{ width: number, height: number, inputBytes: number, variants: object[], decoded: boolean }} o
 *   decoded: the image is already held by the worker (no decode needed)
 * @returns {{ decodedBytes: number, peakBytes: number }}
 */
export function estimateCallBytes({ width, height, inputBytes, variants, decoded = false }) {
  const decodedBytes = width * height * RGBA;
  const decodePeak = decoded ? 0 : inputBytes + 2 * decodedBytes; // stb's scratch ≈ one more image
  const runPeak = decodedBytes + Math.max(0, ...variants.map((v) => variantPeakBytes(v, width, height)));
  return { decodedBytes, peakBytes: Math.max(decodePeak, runPeak) };
}
