// spawn-worker.js: starts one worker and wraps it in the small adapter the pool uses, so the
// pool is the same code for browser Workers and Node worker_threads (spawn-worker.node.js) and
// for the fake workers of the unit tests.
//
// host = { cores(): number, defaultWorkers(cores): number, spawn(handlers) → adapter }
// adapter = { post(message, transfer), terminate(): Promise, setBusy(busy), kill() }
//   kill(): end the worker abruptly, reported as a crash (test hook for the crash path)
// handlers = { message(data), crash(error) }   crash = error event, messageerror or unexpected exit
import { isNode } from '../platform.js';

// Node's half is imported through a name bundlers do not follow, so a browser bundle never
// contains node: modules (package.json's "node" entry, index.node.js, imports it statically).
const NODE_HOST = './spawn-worker.node.js';
let installed;

/** Node's entry point installs its host up front (static import: Node bundlers then see it). */
export function installHost(host) {
  installed = host;
}

/** Resolves to this platform's host. */
export async function platformHost() {
  if (installed) return installed;
  if (isNode) return (await import(/* @vite-ignore */ /* webpackIgnore: true */ NODE_HOST)).nodeHost;
  return browserHost;
}

const browserHost = {
  cores: () => globalThis.navigator?.hardwareConcurrency || 1,
  // navigator.hardwareConcurrency counts logical CPUs and may overstate them (WebKitGTK reports 4
  // on this 2-core VM, toolchain.md §11; Safari rounds it): half of it, at most 4, is the
  // conservative count of single-threaded workers (1 on 2 cores, 2 on 4, 4 on 8).
  defaultWorkers: (cores) => Math.max(1, Math.min(4, Math.floor(cores / 2))),
  spawn: spawnBrowserWorker,
};

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
