// module-api.js: thin calls over the Embind exports (.notes/CONTRACTS.md). Copies input into wasm
// memory, always frees it, and turns `{ ok: false }` results into typed errors. An exception from
// inside the module means the instance is dead; callers must check isEngineDeath().
import { ResourceLimitError, errorFromCode } from '../errors.js';

/**
 * Header facts without decoding: `{ width, height, format }`. Raw input needs no probe.
 * @throws typed error (UNSUPPORTED_FORMAT, DECODE_FAILED …)
 */
export function probe(Module, { input, rawWidth, rawHeight }) {
  if (rawWidth > 0) return { width: rawWidth, height: rawHeight, format: 'raw' };
  return withInput(Module, input, (ptr, len) => {
    const result = Module.probe(ptr, len);
    if (!result.ok) throw engineError(result);
    return { width: result.width, height: result.height, format: result.format };
  });
}

/**
 * Decodes into the module's image store (limits are checked from the header first).
 * @returns {{ handle: number, width: number, height: number, bytes: number, format: string, decodeMs: number }}
 */
export function decodeImage(Module, { input, rawWidth, rawHeight, limits }) {
  if (rawWidth > 0 && typeof Module.adoptImage === 'function') return adoptImage(Module, { input, rawWidth, rawHeight, limits });
  const t0 = now();
  return withInput(Module, input, (ptr, len, copyInMs) => {
    const t1 = now();
    const result = Module.decodeImage(ptr, len, rawWidth, rawHeight, limits);
    if (!result.ok) throw engineError(result);
    return { ...stored(result), copyInMs, callMs: now() - t1, totalMs: now() - t0 };
  });
}

/**
 * Raw RGBA8 pixels: copied once into wasm memory, and that block becomes the stored image
 * (Module.adoptImage takes ownership on every path, success or error), so there is no second
 * copy inside the module and no second 4·w·h block at the peak.
 * @returns same as decodeImage
 */
export function adoptImage(Module, { input, rawWidth, rawHeight, limits }) {
  const t0 = now();
  const len = input.byteLength;
  const ptr = mallocOrThrow(Module, len);
  let adopted = false;
  try {
    heapU8(Module, ptr + len).set(input, ptr);
    const copyInMs = now() - t0;
    const t1 = now();
    adopted = true; // from here on the module owns ptr (it frees it itself on an error result)
    const result = Module.adoptImage(ptr, rawWidth, rawHeight, limits);
    if (!result.ok) throw engineError(result);
    return { ...stored(result), copyInMs, callMs: now() - t1, totalMs: now() - t0 };
  } catch (error) {
    if (error?.code) throw error; // a typed { ok:false } result: the engine is fine (and freed ptr)
    if (!adopted) Module._free(ptr); // the copy itself failed: the engine never saw ptr
    throw markEngineDeath(error); // an exception from inside the module: leave its memory alone
  }
}

const stored = (r) => ({ handle: r.handle, width: r.width, height: r.height, bytes: r.bytes, format: r.format, decodeMs: r.decodeMs });
const now = () => (typeof performance === 'object' ? performance.now() : Date.now());

/**
 * Runs variants on a stored image. `variantOffset` is the index of variants[0] in the caller's
 * list, so errors name the caller's variant.
 * @returns {{ outputs: object[] }}
 */
export function runVariations(Module, handle, variants, limits, { variantOffset = 0, allVariants = variants } = {}) {
  let result;
  try {
    result = Module.runVariations(handle, variants, limits);
  } catch (error) {
    throw markEngineDeath(error);
  }
  if (!result.ok) {
    const shifted = result.variant >= 0 ? { ...result, variant: result.variant + variantOffset } : result;
    throw engineError(shifted, allVariants);
  }
  return { outputs: result.outputs.map((out) => ({ ...out, data: ownedBytes(out.data) })) };
}

/** Frees a stored image. Never throws (a dead engine keeps its memory until the worker ends). */
export function releaseImage(Module, handle) {
  try {
    return Module.releaseImage(handle);
  } catch {
    return false;
  }
}

/** `{ heapBytes, storedImages, storedImageBytes }`. */
export function memoryStats(Module) {
  try {
    const { heapBytes, storedImages, storedImageBytes } = Module.memoryStats();
    return { heapBytes, storedImages, storedImageBytes };
  } catch {
    return { heapBytes: 0, storedImages: 0, storedImageBytes: 0 };
  }
}

/** Copies `input` into wasm memory, calls fn(ptr, len), frees it whatever happens (unless the engine died). */
function withInput(Module, input, fn) {
  const t0 = now();
  const len = input.byteLength;
  const ptr = mallocOrThrow(Module, len);
  let dead = false;
  try {
    heapU8(Module, ptr + len).set(input, ptr);
    return fn(ptr, len, now() - t0);
  } catch (error) {
    if (error?.code) throw error; // a typed { ok:false } result: the engine is fine
    // An exception from inside the module: after an abort the allocator lock may be held, so
    // _free would hang (toolchain.md §8). Leave it; the worker is replaced.
    dead = true;
    throw markEngineDeath(error);
  } finally {
    if (!dead) Module._free(ptr);
  }
}

function mallocOrThrow(Module, len) {
  const ptr = Module._malloc(Math.max(1, len));
  if (!ptr) {
    throw new ResourceLimitError(`Could not allocate ${len} bytes for the input in the engine`, { code: 'OUT_OF_MEMORY', details: { bytes: len } });
  }
  return ptr;
}

const ENGINE_DEATH = Symbol('pixelpipe.engineDeath');

/** True for an error that killed the wasm instance (trap, abort, unexpected JS exception inside). */
export function isEngineDeath(error) {
  return Boolean(error?.[ENGINE_DEATH]);
}

function markEngineDeath(error) {
  const marked = error instanceof Error ? error : new Error(String(error));
  marked[ENGINE_DEATH] = true;
  return marked;
}

/** A typed error from `{ ok:false, code, message, variant, step }`, naming the variant and step. */
export function engineError(result, variants = []) {
  const details = {};
  let message = result.message;
  const variant = result.variant >= 0 ? variants[result.variant] : undefined;
  if (result.variant >= 0) details.variant = result.variant;
  if (result.step >= 0) details.step = result.step;
  if (variant) {
    details.variantId = variant.id;
    const step = result.step >= 0 ? variant.steps[result.step] : undefined;
    if (step) details.op = step.op;
    message = `Variant '${variant.id}'${step ? ` step ${result.step} (${step.op})` : ''}: ${message}`;
  }
  return errorFromCode(result.code, message, { details });
}

/** A heap view covering `end`: cached views go stale after memory growth (toolchain.md §8). */
function heapU8(Module, end) {
  const heap = Module.HEAPU8;
  if (heap && heap.byteLength >= end) return heap;
  return new Uint8Array(Module.wasmMemory?.buffer ?? Module.HEAP8.buffer);
}

/** A Uint8Array that owns a whole, non-shared ArrayBuffer, so it can be transferred. */
function ownedBytes(data) {
  const whole = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength;
  const shared = typeof SharedArrayBuffer === 'function' && data.buffer instanceof SharedArrayBuffer;
  return whole && !shared && data instanceof Uint8Array ? data : new Uint8Array(data);
}
