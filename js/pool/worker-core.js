// worker-core.js: the worker main, for browser module workers and Node worker_threads alike
// (their entry files, worker-entry.js and worker-entry.node.js, attach it and give it the host:
// how to instantiate the engine and read packaged files). Loads the engine once, keeps decoded
// images in an ImageStore (js/worker/store.js) so repeated calls on one image skip the decode,
// acquires every task's inputs (js/worker/acquire.js), hands them to the method's handler
// (js/worker/handlers.js), and never lets an exception escape unserialised.
import { MSG, readyMessage, initFailedMessage, progressMessage, resultMessage, errorMessage } from './protocol.js';
import { loadModule } from '../wasm/load-module.js';
import * as api from '../wasm/module-api.js';
import { ImageProcessingError, toImageProcessingError } from '../errors.js';
import { handlers } from '../worker/handlers.js';
import { ImageStore, storeKey } from '../worker/store.js';
import { acquireInputs, settleInputs } from '../worker/acquire.js';

const now = () => (typeof performance === 'object' ? performance.now() : Date.now());
let engine; // Promise<{ module, build, reason }>, set by the init message
let dead = false; // after a wasm abort the instance hangs on the next malloc: answer errors only
let imageCacheBytes = 0;
let store; // ImageStore, once the module is loaded
let host; // { instantiate(build), readFile(url) }: the entry file's

/**
 * One task: payload { inputs, request, limits, maxMemoryBytes } → acquire the inputs → the
 * method's handler → settle the inputs (keep for reuse, pin, or free).
 * value: the handler's value plus { images: [{ width, height, format, reused, warnings? }], timings }.
 */
async function runTask(module, method, payload, progress) {
  if (method === 'release') {
    store.unpin(storeKey(payload.hash, payload.hints));
    return { value: true, transfer: [] };
  }
  const handler = handlers[method];
  if (!handler) throw new ImageProcessingError(`Unknown worker method '${method}'`, { code: 'INTERNAL' });
  const started = now();
  const { request, limits, maxMemoryBytes } = payload;
  const inputs = handler.pin ? payload.inputs.map((input) => ({ ...input, pin: true })) : payload.inputs;
  const images = acquireInputs(module, inputs, {
    limits, maxMemoryBytes, store, workBytes: (dims) => handler.workBytes(request, dims),
    decodeHints: handler.decodeHints && ((head) => handler.decodeHints(request, head)),
  });
  const acquiredMs = now() - started;
  let result;
  try {
    result = await handler.run({ module, request, images, limits, progress, host });
  } catch (error) {
    if (api.isEngineDeath(error)) dead = true;
    if (error?.details && images[0]) Object.assign(error.details, { width: images[0].width, height: images[0].height });
    throw error;
  } finally {
    if (!dead) settleInputs(store, images, inputs, { dead });
  }
  const sum = (key) => images.reduce((s, im) => s + (im[key] ?? 0), 0);
  const value = {
    ...result.value,
    images: images.map((im) => ({
      width: im.width, height: im.height, format: im.format, reused: !im.fresh, ...(im.fresh && im.warnings ? { warnings: im.warnings } : {}),
    })),
    timings: {
      ...result.value?.timings, decodeMs: sum('decodeMs'), copyInMs: sum('copyInMs'), acquireMs: acquiredMs, workerMs: now() - started,
    },
  };
  return { value, transfer: result.transfer };
}

function workerState(module) {
  return { memory: module && !dead ? api.memoryStats(module) : undefined, images: store && !dead ? store.keys() : [] };
}

/**
 * The worker's message handler: `onMessage(message, post)`, where `post(reply, transfer)` answers.
 * @param {{ instantiate(build: 'mt'|'st'): Promise<object>, readFile(url: URL): Promise<Uint8Array> }} engineHost
 */
export function workerCore(engineHost) {
  host = engineHost;
  return onMessage;
}

async function onMessage(message, post) {
  if (message?.kind === MSG.INIT) return init(message.options ?? {}, post);
  if (message?.kind === MSG.RUN) return run(message, post);
}

async function init(options, post) {
  imageCacheBytes = options.imageCacheBytes ?? 0;
  engine = loadModule(options, host);
  try {
    const { module, build, reason } = await engine;
    store = new ImageStore(module, imageCacheBytes);
    const threads = build === 'mt' ? await configureThreads(module, options.threads) : 1;
    const info = { build, threads, version: module.version(), formats: api.formats(module), ...(reason ? { reason } : {}) };
    post(readyMessage(info, workerState(module)));
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
    const report = progress ? (completed, total, step) => post(progressMessage(id, completed, total, step)) : undefined;
    const { value, transfer } = await runTask(module, method, payload, report);
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
  // Halide's default: one thread per core (the service always sends its count)
  return requested ?? (globalThis.navigator?.hardwareConcurrency || 1);
}

function engineLoadError(error) {
  return new ImageProcessingError(`The engine could not be loaded: ${error?.message ?? error}`, {
    code: 'ENGINE_LOAD_FAILED',
    cause: error,
  });
}
