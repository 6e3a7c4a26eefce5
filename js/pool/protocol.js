// protocol.js: every message between the pool (main thread) and a worker, in one place
// (comlink's protocol.ts idea, but explicit: the API has few methods).
//
// pool → worker
//   { kind: 'init', options: { build: 'auto'|'mt'|'st', threads?: number, imageCacheBytes: number } }
//                                                         first message, once
//   { kind: 'run', id: number, method: string, payload: object, progress: boolean }   one task
//      method: a handler of js/worker/handlers.js, or 'release' (unpin an ImageHandle's image)
//      payload: { inputs: [{ bytes?, rawWidth, rawHeight, hash?, hints? }], request, limits, maxMemoryBytes }
// worker → pool
//   { kind: 'ready', info: { build, threads, version, formats: { decode, encode }, reason? }, state }
//   { kind: 'init-failed', error: ErrorJSON }                              engine could not load
//   { kind: 'progress', id, completed, total, step }                       a step of task `id` is done
//   { kind: 'result', id, value, state }                                   task done
//   { kind: 'error', id, error: ErrorJSON, fatal: boolean, recycle: boolean, state }
//                                   task failed; fatal = the engine is dead (wasm abort);
//                                   recycle = the engine is alive but its memory grew past
//                                   use (an allocation failed): replace this worker
// `state` = { memory: { heapBytes, mallocBytes, storedImages, storedImageBytes }, images: string[] }: the
// worker's module memory and the content hashes of the decoded images it holds (for routing).

export const MSG = Object.freeze({
  INIT: 'init',
  RUN: 'run',
  READY: 'ready',
  INIT_FAILED: 'init-failed',
  PROGRESS: 'progress',
  RESULT: 'result',
  ERROR: 'error',
});

export const initMessage = (options) => ({ kind: MSG.INIT, options });
export const runMessage = (id, method, payload, progress = false) => ({ kind: MSG.RUN, id, method, payload, progress });
export const readyMessage = (info, state) => ({ kind: MSG.READY, info, state });
export const initFailedMessage = (error) => ({ kind: MSG.INIT_FAILED, error });
export const progressMessage = (id, completed, total, step) => ({ kind: MSG.PROGRESS, id, completed, total, step });
export const resultMessage = (id, value, state) => ({ kind: MSG.RESULT, id, value, state });
export const errorMessage = (id, error, { fatal = false, recycle = false, state } = {}) => ({ kind: MSG.ERROR, id, error, fatal, recycle, state });
