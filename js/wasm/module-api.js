// module-api.js: thin calls over the Embind exports (.notes/CONTRACTS.md). Turns `{ ok: false }`
// results into typed errors and marks exceptions from inside the module as engine death (the
// instance is unusable after a trap or abort: callers check isEngineDeath() and replace the worker).
import { ResourceLimitError, errorFromCode } from '../errors.js';

const now = () => (typeof performance === 'object' ? performance.now() : Date.now());

/**
 * Copies bytes into wasm memory once; the pointer then serves the header probe and the decode
 * (or becomes the adopted raw image). Returns { ptr, len, copyInMs }.
 */
export function copyIn(Module, bytes) {
  const t0 = now();
  const len = bytes.byteLength;
  const ptr = Module._malloc(Math.max(1, len));
  if (!ptr) {
    throw new ResourceLimitError(`Could not allocate ${len} bytes for the input in the engine`, { code: 'OUT_OF_MEMORY', details: { bytes: len } });
  }
  heapU8(Module, ptr + len).set(bytes, ptr);
  return { ptr, len, copyInMs: now() - t0 };
}

/** Frees a copyIn block (never after engine death: the allocator lock may be held, toolchain.md §8). */
export function free(Module, ptr) {
  Module._free(ptr);
}

/**
 * Header facts of the encoded bytes at ptr, without decoding: `{ width, height, format,
 * orientation }` (the stored size; EXIF orientations 5–8 swap the upright sides).
 */
export function probeAt(Module, ptr, len) {
  const result = call(() => Module.probe(ptr, len));
  if (!result.ok) throw engineError(result);
  return { width: result.width, height: result.height, format: result.format, orientation: result.orientation ?? 1 };
}

/**
 * Decodes the bytes at ptr into the module's image store (ptr stays the caller's to free).
 * options: `{ shrink?: 1|2|4|8, colorManagement?: 'convert' | 'ignore' | 'preserve' }` (JPEG
 * shrink-on-load, other formats decode at full size; colour: 'convert' = embedded ICC profile → sRGB).
 */
export function decodeAt(Module, ptr, len, limits, options = {}) {
  const wire = { ...(options.shrink > 1 ? { shrink: options.shrink } : {}), colorManagement: options.colorManagement ?? 'convert' };
  const result = call(() => Module.decodeImage(ptr, len, limits, wire));
  if (!result.ok) throw engineError(result);
  return stored(result);
}

/**
 * Raw RGBA8 pixels at ptr become the stored image as they are (no second copy). The module takes
 * ownership of ptr on every path, success or error.
 */
export function adoptAt(Module, ptr, width, height, limits) {
  const result = call(() => Module.adoptImage(ptr, width, height, limits));
  if (!result.ok) throw engineError(result);
  return stored(result);
}

const stored = (r) => ({
  handle: r.handle, width: r.width, height: r.height, bytes: r.bytes, format: r.format, decodeMs: r.decodeMs,
  shrink: r.shrink ?? 1,
  warnings: r.warnings?.length ? r.warnings : undefined, // e.g. an ICC profile that was ignored
  meta: typeof r.metadata === 'string' ? decodeFacts(r) : undefined, // analyzeImage's 'metadata'
});

/**
 * Header facts plus the file's stored (pre-orientation) size, also after a shrink-on-load decode
 * (sourceWidth × sourceHeight is the full upright size): orientations 5–8 swap the sides.
 */
function decodeFacts(r) {
  const swapped = r.orientation >= 5 && r.orientation <= 8;
  const [w, h] = [r.sourceWidth ?? r.width, r.sourceHeight ?? r.height];
  return { ...JSON.parse(r.metadata), orientation: r.orientation, width: swapped ? h : w, height: swapped ? w : h };
}

/**
 * Calls an Embind export that answers `{ ok: true, … } | { ok: false, code, message, variant, step }`.
 * `locate(result)` may turn the failure's indices into names for the message and details.
 */
export function callEngine(Module, name, args, locate) {
  const fn = Module[name];
  if (typeof fn !== 'function') throw errorFromCode('INTERNAL', `This engine build has no '${name}'`);
  const result = call(() => fn.apply(Module, args));
  if (!result.ok) throw engineError(result, locate);
  return result;
}

/** Runs variants on a stored image; `progress(i)` is called by the engine after variant i. */
export function runVariations(Module, handle, variants, limits, progress) {
  const result = callEngine(Module, 'runVariations', [handle, variants, limits, progress ?? null], (r) => describeVariant(r, variants));
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

/** `{ heapBytes, mallocBytes, storedImages, storedImageBytes }`. */
export function memoryStats(Module) {
  try {
    const { heapBytes, mallocBytes, storedImages, storedImageBytes } = Module.memoryStats();
    return { heapBytes, mallocBytes, storedImages, storedImageBytes };
  } catch {
    return { heapBytes: 0, mallocBytes: 0, storedImages: 0, storedImageBytes: 0 };
  }
}

/** What this engine decodes and encodes: `{ decode: string[], encode: string[] }`. */
export function formats(Module) {
  const f = Module.formats();
  return { decode: [...f.decode], encode: [...f.encode] };
}

const ENGINE_DEATH = Symbol('pixelpipe.engineDeath');

/** True for an error that killed the wasm instance (trap, abort, unexpected JS exception inside). */
export function isEngineDeath(error) {
  return Boolean(error?.[ENGINE_DEATH]);
}

export function markEngineDeath(error) {
  const marked = error instanceof Error ? error : new Error(String(error));
  marked[ENGINE_DEATH] = true;
  return marked;
}

function call(fn) {
  try {
    return fn();
  } catch (error) {
    throw markEngineDeath(error);
  }
}

/**
 * A typed error from `{ ok:false, code, message, variant, step }`. `locate(result)` returns
 * `{ message?, details? }` naming what failed (a variant and step, a layer); a decode-side
 * UNSUPPORTED_FORMAT says so in `details.direction`.
 */
export function engineError(result, locate) {
  const details = {};
  if (result.variant >= 0) details.variant = result.variant;
  if (result.step >= 0) details.step = result.step;
  if (result.code === 'UNSUPPORTED_FORMAT') details.direction = 'decode';
  const where = locate?.(result) ?? {};
  Object.assign(details, where.details);
  return errorFromCode(result.code, where.prefix ? `${where.prefix}: ${result.message}` : result.message, { details });
}

/** Names the failing variant and step of a runVariations error. */
export function describeVariant(result, variants) {
  const variant = result.variant >= 0 ? variants[result.variant] : undefined;
  if (!variant) return undefined;
  const step = result.step >= 0 ? variant.steps[result.step] : undefined;
  return {
    prefix: `Variant '${variant.id}'${step ? ` step ${result.step} (${step.op})` : ''}`,
    details: { variantId: variant.id, ...(step ? { op: step.op } : {}) },
  };
}

/** A heap view covering `end`: cached views go stale after memory growth (toolchain.md §8). */
function heapU8(Module, end) {
  const heap = Module.HEAPU8;
  if (heap && heap.byteLength >= end) return heap;
  return new Uint8Array(Module.wasmMemory?.buffer ?? Module.HEAP8.buffer);
}

/** A Uint8Array that owns a whole, non-shared ArrayBuffer, so it can be transferred. */
export function ownedBytes(data) {
  const whole = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength;
  const shared = typeof SharedArrayBuffer === 'function' && data.buffer instanceof SharedArrayBuffer;
  return whole && !shared && data instanceof Uint8Array ? data : new Uint8Array(data);
}
