// protocol.js: every message between the pool (main thread) and a worker, in one place
// (comlink's protocol.ts idea, but explicit: the API has few methods).
//
// pool → worker
//   { kind: 'init', options: { build: 'auto'|'mt'|'st', threads?: number } }   first message, once
//   { kind: 'run', id: number, method: string, payload: object }               one task
// worker → pool
//   { kind: 'ready', info: { build, threads, version, reason? } }               engine loaded
//   { kind: 'init-failed', error: ErrorJSON }                                   engine could not load
//   { kind: 'result', id, value }                                               task done
//   { kind: 'error', id, error: ErrorJSON, fatal: boolean }                     task failed; fatal = the
//                                                                               engine is dead (wasm abort),
//                                                                               replace this worker

export const MSG = Object.freeze({
  INIT: 'init',
  RUN: 'run',
  READY: 'ready',
  INIT_FAILED: 'init-failed',
  RESULT: 'result',
  ERROR: 'error',
});

/** The methods a worker dispatches. */
export const METHOD = Object.freeze({
  PROCESS_VARIATIONS: 'processVariations',
});

export const initMessage = (options) => ({ kind: MSG.INIT, options });
export const runMessage = (id, method, payload) => ({ kind: MSG.RUN, id, method, payload });
export const readyMessage = (info) => ({ kind: MSG.READY, info });
export const initFailedMessage = (error) => ({ kind: MSG.INIT_FAILED, error });
export const resultMessage = (id, value) => ({ kind: MSG.RESULT, id, value });
export const errorMessage = (id, error, fatal = false) => ({ kind: MSG.ERROR, id, error, fatal });
