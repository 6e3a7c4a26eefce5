// module-api.js: thin calls over the Embind exports (.notes/CONTRACTS.md). Copies input into wasm
// memory, always frees it, and turns `{ ok: false }` results into typed errors. An exception from
// inside the module means the instance is dead; callers must check isEngineDeath().
import { ResourceLimitError, errorFromCode } from '../errors.js';

/**
 * @param {object} Module the instantiated engine
 * @param {{ input: Uint8Array, rawWidth: number, rawHeight: number, variants: object[], limits: object }} job
 * @returns {{ sourceWidth, sourceHeight, sourceFormat, decodeMs, outputs: object[] }}
 */
export function processVariations(Module, { input, rawWidth, rawHeight, variants, limits }) {
  const ptr = Module._malloc(Math.max(1, input.byteLength));
  if (!ptr) {
    throw new ResourceLimitError(`Could not allocate ${input.byteLength} bytes for the input`, { code: 'OUT_OF_MEMORY' });
  }
  let result;
  try {
    heapU8(Module, ptr + input.byteLength).set(input, ptr);
    result = Module.processVariations(ptr, input.byteLength, rawWidth, rawHeight, variants, limits);
  } catch (error) {
    // After an abort the allocator lock may be held: _free would hang (toolchain.md §8). Leave it.
    throw markEngineDeath(error);
  }
  Module._free(ptr);
  if (!result.ok) throw engineError(result, variants);
  return {
    sourceWidth: result.sourceWidth,
    sourceHeight: result.sourceHeight,
    sourceFormat: result.sourceFormat,
    decodeMs: result.decodeMs,
    outputs: result.outputs.map((out) => ({ ...out, data: ownedBytes(out.data) })),
  };
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

function engineError(result, variants) {
  const variant = result.variant >= 0 ? variants[result.variant] : undefined;
  const details = { variant: result.variant, step: result.step };
  let message = result.message;
  if (variant) {
    details.variantId = variant.id;
    const step = result.step >= 0 ? variant.steps[result.step] : undefined;
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
