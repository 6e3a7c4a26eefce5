// acquire.js: the one step that turns a call's inputs into stored images (engine handles), for
// every method. Per input: take it from the store, or copy its bytes into wasm ONCE, read the
// header, check the limits; then check the whole call's memory estimate (all inputs plus the
// method's own work) before anything is decoded; then decode or adopt.
import * as api from '../wasm/module-api.js';
import { ImageProcessingError, ResourceLimitError } from '../errors.js';
import { storeKey } from './store.js';

const RGBA = 4;

/**
 * @param {object} module the engine
 * @param {object[]} inputs `{ bytes?, rawWidth, rawHeight, hash?, hints?, pin? }` each; `hash`
 *   without `bytes` names an image the store should hold (an ImageHandle's)
 * @param {{ limits, maxMemoryBytes, store, workBytes: (dims: {width,height}[]) => number,
 *   decodeHints?: (head: {width,height,format,orientation}) => object }} o
 *   workBytes: the method's peak on top of its decoded inputs; decodeHints: the decode options
 *   the method wants for an encoded input with this header (`{ shrink }`: shrink-on-load), which
 *   also key the store (the same bytes decoded at another scale are another entry)
 * @returns {object[]} `{ handle, width, height, format, bytes, key, fresh, decodeMs, copyInMs }` per input
 */
export function acquireInputs(module, inputs, { limits, maxMemoryBytes, store, workBytes, decodeHints }) {
  const pending = [];
  let current = -1; // the input being read: a failure names it (details.input), so a method with several can say which
  try {
    const found = inputs.map((input, index) => {
      current = index;
      // The hints need the header: a stored entry of the same bytes remembers it (no copy-in).
      const known = input.hash && decodeHints ? store.header(input.hash) : undefined;
      const hints = known ? { ...input.hints, ...decodeHints(known) } : input.hints;
      let key = input.hash ? storeKey(input.hash, hints) : undefined;
      // An ImageHandle (no bytes) serves as it was loaded: full size.
      const entry = key ? store.get(key) ?? (input.bytes ? undefined : store.get(key = storeKey(input.hash, input.hints))) : undefined;
      if (entry) return { ...entry, key, fresh: false, decodeMs: 0, copyInMs: 0 };
      if (!input.bytes) {
        throw new ImageProcessingError(`Input ${index} is an image handle this worker does not hold`, {
          code: 'IMAGE_NOT_LOADED', details: { input: index },
        });
      }
      const copy = api.copyIn(module, input.bytes);
      const job = { input, index, key, hints, ...copy };
      pending.push(job);
      job.head = input.rawWidth > 0 ? { width: input.rawWidth, height: input.rawHeight, format: 'raw' } : api.probeAt(module, copy.ptr, copy.len);
      checkLimits(job.head, limits, index, inputs.length);
      if (decodeHints && !known && job.head.format !== 'raw') {
        job.hints = { ...input.hints, ...decodeHints(job.head) };
        job.key = input.hash ? storeKey(input.hash, job.hints) : undefined;
      }
      return job;
    });
    const dims = found.map((f) => f.head ?? f);
    const peak = estimatePeak(found, dims, workBytes);
    if (peak > maxMemoryBytes) throw memoryError(dims, peak, maxMemoryBytes);
    store.evictUntil(maxMemoryBytes - peak); // stored images give way to the call at hand
    current = -1;
    return found.map((f, index) => {
      current = index;
      return f.head ? decode(module, f, limits) : f;
    });
  } catch (error) {
    if (!api.isEngineDeath(error)) for (const job of pending) if (!job.done) api.free(module, job.ptr);
    if (current >= 0 && error?.details && error.details.input === undefined) error.details.input = current;
    throw error;
  }
}

/** After the method: fresh images are kept for reuse (or pinned for a handle), else freed. */
export function settleInputs(store, images, inputs, { dead }) {
  if (dead) return;
  images.forEach((image, i) => {
    if (image.fresh) store.keep(image.key, strip(image), { pin: Boolean(inputs[i].pin) });
    else if (inputs[i].pin) store.pin(image.key);
  });
}

const strip = ({ handle, width, height, format, bytes, meta, source }) => ({ handle, width, height, format, bytes, meta, source });

function decode(module, job, limits) {
  const { input, ptr, len, copyInMs } = job;
  let image;
  if (input.rawWidth > 0) {
    job.done = true; // adoptImage owns ptr on every path
    image = api.adoptAt(module, ptr, input.rawWidth, input.rawHeight, limits);
  } else {
    image = api.decodeAt(module, ptr, len, limits, { shrink: job.hints?.shrink, colorManagement: job.hints?.colorManagement });
    job.done = true;
    api.free(module, ptr);
  }
  return { ...image, key: job.key, fresh: true, copyInMs, source: job.head };
}

/** The call's peak: every decoded input, plus the largest decode's scratch, plus the method's work. */
function estimatePeak(found, dims, workBytes) {
  const decoded = dims.reduce((sum, d) => sum + d.width * d.height * RGBA, 0);
  // stb's scratch while decoding ≈ one more image, plus the encoded bytes themselves.
  const decodeScratch = Math.max(0, ...found.filter((f) => f.head).map((f) => f.len + f.head.width * f.head.height * RGBA));
  return decoded + Math.max(decodeScratch, workBytes(dims));
}

function checkLimits({ width, height }, { maxPixels, maxSide }, index, count) {
  if (width * height > maxPixels || width > maxSide || height > maxSide) {
    const which = count > 1 ? `Input ${index} of` : 'Input of';
    throw new ResourceLimitError(
      `${which} ${width}x${height} pixels exceeds the limits (maxInputPixels ${maxPixels}, maxInputSide ${maxSide})`,
      { code: 'IMAGE_TOO_LARGE', details: { width, height, maxInputPixels: maxPixels, maxInputSide: maxSide, ...(count > 1 ? { input: index } : {}) } },
    );
  }
}

function memoryError(dims, peak, maxMemoryBytes) {
  const mb = (n) => `${Math.ceil(n / 2 ** 20)} MiB`;
  const { width, height } = dims[0] ?? { width: 0, height: 0 };
  return new ResourceLimitError(
    `The operation on a ${width}x${height} image needs about ${mb(peak)}, over maxMemoryBytes (${mb(maxMemoryBytes)})`,
    { code: 'MEMORY_LIMIT_EXCEEDED', details: { width, height, estimatedBytes: peak, maxMemoryBytes } },
  );
}
