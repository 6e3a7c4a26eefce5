// spawn-worker.js: starts one worker running worker-entry.js and wraps it in the small adapter
// the pool uses, so the pool is the same code for browser Workers and Node worker_threads
// (and for the fake workers of the unit tests).
//
// adapter = { post(message, transfer), terminate(): Promise, setBusy(busy), kill() }
//   kill(): end the worker abruptly, reported as a crash (test hook for the crash path)
// handlers = { message(data), crash(error) }   crash = error event, messageerror or unexpected exit
import { isNode } from '../platform.js';

/** Resolves to a synchronous `spawn(handlers) → adapter` for this platform. */
export async function platformSpawner() {
  if (isNode) {
    const { Worker } = await import('node:worker_threads');
    return (handlers) => spawnNodeWorker(Worker, handlers);
  }
  return spawnBrowserWorker;
}

function spawnBrowserWorker(handlers) {
  // Keep this exact expression: bundlers (Vite, webpack 5, Parcel) recognise it and emit the worker.
  const worker = new Worker(new URL('./worker-entry.js', import.meta.url), { type: 'module' });
  worker.onmessage = (event) => handlers.message(event.data);
  worker.onerror = (event) => {
    event.preventDefault?.();
    handlers.crash(new Error(event.message || 'worker script error'));
  };
  worker.onmessageerror = () => handlers.crash(new Error('worker message could not be deserialised'));
  return {
    post: (message, transfer = []) => worker.postMessage(message, transfer),
    terminate: async () => worker.terminate(),
    setBusy: () => {},
    // A terminated browser worker sends no event, so report the crash ourselves.
    kill: () => {
      worker.terminate();
      handlers.crash(new Error('worker was terminated'));
    },
  };
}

function spawnNodeWorker(Worker, handlers) {
  const worker = new Worker(new URL('./worker-entry.js', import.meta.url));
  let terminating = false;
  worker.on('message', (data) => handlers.message(data));
  worker.on('error', (error) => handlers.crash(error));
  worker.on('messageerror', (error) => handlers.crash(error));
  worker.on('exit', (code) => {
    if (!terminating) handlers.crash(new Error(`worker exited with code ${code}`));
  });
  return {
    post: (message, transfer = []) => worker.postMessage(message, transfer),
    terminate: async () => {
      terminating = true;
      await worker.terminate();
    },
    // An idle worker must not keep the process alive (a user who forgets dispose() can still exit).
    setBusy: (busy) => (busy ? worker.ref() : worker.unref()),
    // Not through terminate(): the 'exit' event then reports the crash, as a real one would.
    kill: () => { worker.terminate(); },
  };
}
