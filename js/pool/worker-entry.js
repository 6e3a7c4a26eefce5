// worker-entry.js: the worker main, for browser module workers and Node worker_threads alike.
// Loads the engine once, keeps recently decoded images (an LRU bounded by bytes, keyed by the
// input's content hash) so repeated calls on one image skip the decode, dispatches tasks by
// method, and never lets an exception escape unserialised. Node-only code sits behind a dynamic
// import so browsers load this file unbundled.
import { MSG, METHOD, readyMessage, initFailedMessage, progressMessage, resultMessage, errorMessage } from './protocol.js';
import { loadModule } from '../wasm/load-module.js';
import * as api from '../wasm/module-api.js';
import { estimateCallBytes } from '../wasm/memory-estimate.js';
import { ImageProcessingError, ResourceLimitError, toImageProcessingError } from '../errors.js';
import { isNode, hardwareConcurrency } from '../platform.js';

const now = () => (typeof performance === 'object' ? performance.now() : Date.now());
let engine; // Promise<{ module, build, reason }>, set by the init message
let dead = false; // after a wasm abort the instance hangs on the next malloc: answer errors only
let imageCacheBytes = 0;
const images = new Map(); // content hash → { handle, bytes, width, height, format }; Map order = LRU order

const handlers = {
  /**
   * payload: { input, rawWidth, rawHeight, hash?, variants, limits, maxMemoryBytes }
   * value:   { sourceWidth, sourceHeight, sourceFormat, reused,
   *            timings: { decodeMs, pipelineMs, encodeMs, copyInMs, copyOutMs, workerMs }, outputs }
   * payload.hash is set only when decoded-image reuse is wanted (encoded input): raw pixels are adopted, never kept.
   */
  [METHOD.PROCESS_VARIATIONS](module, payload, progress) {
    const started = now();
    const { hash, variants, limits, maxMemoryBytes } = payload;
    const total = variants.length + 1;
    let image = hash ? images.get(hash) : undefined;
    const reused = Boolean(image);
    let decodeMs = 0;
    let copyInMs = 0; // malloc + copy of the input into wasm memory
    if (image) {
      images.delete(hash); // re-insert below: most recently used
      checkMemory({ ...image, inputBytes: 0, variants, maxMemoryBytes, decoded: true });
    } else {
      const head = api.probe(module, payload);
      checkLimits(head, limits);
      const { peakBytes } = checkMemory({ ...head, inputBytes: payload.input.byteLength, variants, maxMemoryBytes });
      evictUntil(module, maxMemoryBytes - peakBytes); // stored images give way to the call at hand
      const decoded = api.decodeImage(module, payload);
      image = { handle: decoded.handle, bytes: decoded.bytes, width: decoded.width, height: decoded.height, format: decoded.format };
      decodeMs = decoded.decodeMs;
      copyInMs = decoded.copyInMs;
    }
    const runStart = now();
    progress?.(1, total, 'decode');
    let outputs = [];
    try {
      if (progress) {
        // One variant per engine call, so progress can be reported between them (the decoded image is shared).
        variants.forEach((variant, i) => {
          outputs.push(...api.runVariations(module, image.handle, [variant], limits, { variantOffset: i, allVariants: variants }).outputs);
          progress(i + 2, total, variant.id);
        });
      } else {
        outputs = api.runVariations(module, image.handle, variants, limits).outputs;
      }
    } catch (error) {
      if (error?.details) Object.assign(error.details, { width: image.width, height: image.height });
      throw error;
    } finally {
      keepOrRelease(module, hash, image);
    }
    const sum = (key) => outputs.reduce((s, o) => s + (o[key] ?? 0), 0);
    const runMs = now() - runStart;
    // copyOutMs: the engine calls' time not spent in the pipeline or encoder, i.e. mostly the one
    // copy of each output from wasm memory into its own (transferable) ArrayBuffer.
    const copyOutMs = Math.max(0, runMs - sum('pipelineMs') - sum('encodeMs'));
    return {
      value: {
        sourceWidth: image.width,
        sourceHeight: image.height,
        sourceFormat: image.format,
        reused,
        timings: { decodeMs, pipelineMs: sum('pipelineMs'), encodeMs: sum('encodeMs'), copyInMs, copyOutMs, workerMs: now() - started },
        outputs,
      },
      transfer: outputs.map((out) => out.data.buffer),
    };
  },
};

function checkLimits({ width, height }, { maxPixels, maxSide }) {
  if (width * height > maxPixels || width > maxSide || height > maxSide) {
    throw new ResourceLimitError(
      `Input of ${width}x${height} pixels exceeds the limits (maxInputPixels ${maxPixels}, maxInputSide ${maxSide})`,
      { code: 'IMAGE_TOO_LARGE', details: { width, height, maxInputPixels: maxPixels, maxInputSide: maxSide } },
    );
  }
}

function checkMemory({ width, height, inputBytes, variants, maxMemoryBytes, decoded = false }) {
  const estimate = estimateCallBytes({ width, height, inputBytes, variants, decoded });
  if (estimate.peakBytes > maxMemoryBytes) {
    const mb = (n) => `${Math.ceil(n / 2 ** 20)} MiB`;
    throw new ResourceLimitError(
      `The operation on a ${width}x${height} image needs about ${mb(estimate.peakBytes)}, over maxMemoryBytes (${mb(maxMemoryBytes)})`,
      { code: 'MEMORY_LIMIT_EXCEEDED', details: { width, height, estimatedBytes: estimate.peakBytes, maxMemoryBytes } },
    );
  }
  return estimate;
}

function storedBytes() {
  let total = 0;
  for (const image of images.values()) total += image.bytes;
  return total;
}

/** Releases least recently used images until at most `budget` bytes are stored. */
function evictUntil(module, budget) {
  for (const [hash, image] of images) {
    if (storedBytes() <= Math.max(0, budget)) break;
    images.delete(hash);
    api.releaseImage(module, image.handle);
  }
}

function keepOrRelease(module, hash, image) {
  if (dead) return;
  if (hash && image.bytes <= imageCacheBytes) {
    images.set(hash, image);
    evictUntil(module, imageCacheBytes);
  } else {
    api.releaseImage(module, image.handle);
  }
}

function workerState(module) {
  return { memory: module && !dead ? api.memoryStats(module) : undefined, images: [...images.keys()] };
}

async function onMessage(message, post) {
  if (message?.kind === MSG.INIT) return init(message.options ?? {}, post);
  if (message?.kind === MSG.RUN) return run(message, post);
}

async function init(options, post) {
  imageCacheBytes = options.imageCacheBytes ?? 0;
  engine = loadModule(options);
  try {
    const { module, build, reason } = await engine;
    const threads = build === 'mt' ? await configureThreads(module, options.threads) : 1;
    post(readyMessage({ build, threads, version: module.version(), ...(reason ? { reason } : {}) }, workerState(module)));
  } catch (error) {
    post(initFailedMessage(engineLoadError(error).toJSON()));
  }
}

async function run({ id, method, payload, progress }, post) {
  let module;
  try {
    if (dead) throw new ImageProcessingError('The engine in this worker has crashed', { code: 'ENGINE_CRASHED' });
    if (!engine) throw new ImageProcessingError('The worker received a task before init', { code: 'INTERNAL' });
    try {
      ({ module } = await engine);
    } catch (error) {
      throw engineLoadError(error);
    }
    const handler = handlers[method];
    if (!handler) throw new ImageProcessingError(`Unknown worker method '${method}'`, { code: 'INTERNAL' });
    const report = progress ? (completed, total, step) => post(progressMessage(id, completed, total, step)) : undefined;
    const { value, transfer } = handler(module, payload, report);
    post(resultMessage(id, value, workerState(module)), transfer);
  } catch (error) {
    const fatal = api.isEngineDeath(error);
    if (fatal) dead = true;
    const typed = fatal
      ? new ImageProcessingError(`The engine crashed: ${error.message}`, { code: 'ENGINE_CRASHED', cause: error })
      : toImageProcessingError(error, { code: 'INTERNAL' });
    // A failed allocation leaves the heap at its high-water mark (wasm memory never shrinks).
    const recycle = typed.code === 'OUT_OF_MEMORY';
    post(errorMessage(id, typed.toJSON(), { fatal, recycle, state: workerState(module) }));
  }
}

/** Sets the Halide thread count (if asked) and reports the count in effect. */
async function configureThreads(module, requested) {
  if (Number.isInteger(requested) && requested > 0) module.setThreads(requested);
  if (typeof module.threads === 'function') return module.threads();
  return requested ?? (await hardwareConcurrency()); // Halide's default: one thread per core
}

function engineLoadError(error) {
  return new ImageProcessingError(`The engine could not be loaded: ${error?.message ?? error}`, {
    code: 'ENGINE_LOAD_FAILED',
    cause: error,
  });
}

if (isNode) {
  const { parentPort } = await import('node:worker_threads');
  parentPort.on('message', (message) => onMessage(message, (reply, transfer) => parentPort.postMessage(reply, transfer)));
} else {
  // Attached synchronously: a module worker may drop messages that arrive before a listener exists.
  self.onmessage = (event) => onMessage(event.data, (reply, transfer) => self.postMessage(reply, transfer));
}
