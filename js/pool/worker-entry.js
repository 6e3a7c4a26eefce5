// worker-entry.js: the worker main, for browser module workers and Node worker_threads alike.
// Loads the engine once, dispatches tasks by method, and never lets an exception escape
// unserialised. Node-only code sits behind a dynamic import so browsers load this file unbundled.
import { MSG, METHOD, readyMessage, initFailedMessage, resultMessage, errorMessage } from './protocol.js';
import { loadModule } from '../wasm/load-module.js';
import { processVariations, isEngineDeath } from '../wasm/module-api.js';
import { ImageProcessingError, toImageProcessingError } from '../errors.js';
import { isNode, hardwareConcurrency } from '../platform.js';

let engine; // Promise<{ module, build, reason }>, set by the init message
let dead = false; // after a wasm abort the instance hangs on the next malloc: answer errors only

const handlers = {
  [METHOD.PROCESS_VARIATIONS](module, payload) {
    const result = processVariations(module, payload);
    return { value: result, transfer: result.outputs.map((out) => out.data.buffer) };
  },
};

async function onMessage(message, post) {
  if (message?.kind === MSG.INIT) return init(message.options ?? {}, post);
  if (message?.kind === MSG.RUN) return run(message, post);
}

async function init(options, post) {
  engine = loadModule(options);
  try {
    const { module, build, reason } = await engine;
    const threads = build === 'mt' ? await configureThreads(module, options.threads) : 1;
    post(readyMessage({ build, threads, version: module.version(), ...(reason ? { reason } : {}) }));
  } catch (error) {
    post(initFailedMessage(engineLoadError(error).toJSON()));
  }
}

async function run({ id, method, payload }, post) {
  try {
    if (dead) throw new ImageProcessingError('The engine in this worker has crashed', { code: 'ENGINE_CRASHED' });
    if (!engine) throw new ImageProcessingError('The worker received a task before init', { code: 'INTERNAL' });
    let loaded;
    try {
      loaded = await engine;
    } catch (error) {
      throw engineLoadError(error);
    }
    const handler = handlers[method];
    if (!handler) throw new ImageProcessingError(`Unknown worker method '${method}'`, { code: 'INTERNAL' });
    const { value, transfer } = handler(loaded.module, payload);
    post(resultMessage(id, value), transfer);
  } catch (error) {
    const fatal = isEngineDeath(error);
    if (fatal) dead = true;
    const typed = fatal
      ? new ImageProcessingError(`The engine crashed: ${error.message}`, { code: 'ENGINE_CRASHED', cause: error })
      : toImageProcessingError(error, { code: 'INTERNAL' });
    post(errorMessage(id, typed.toJSON(), fatal));
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
