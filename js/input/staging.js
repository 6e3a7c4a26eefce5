// staging.js: reusable SharedArrayBuffers that carry a caller's raw pixels to a worker when the
// caller keeps its buffer (no `transfer`). Why: a fresh 48 MB ArrayBuffer (the private copy a
// call would otherwise make) costs its page faults on first touch: 12 MP of RGBA, Node 20, this
// 2-core machine, min of 7: slice() into a fresh buffer 193 ms under load 16 (~24 ms quiet, per
// the service's debug log), set() into an already touched SharedArrayBuffer 16.5 ms under the
// same load. A SharedArrayBuffer is shared with the worker, not cloned, and the worker copies it
// into the wasm heap at once, so the call makes one warm copy on each side instead of a cold one.
// Used where SharedArrayBuffer exists (cross-origin isolated pages, Node, workers); elsewhere the
// caller gets the plain private copy.

/** Keeps at most `maxIdle` buffers (and `maxIdleBytes` in all) between calls. */
export class StagingBuffers {
  #idle = []; // SharedArrayBuffers not in use, most recently returned last
  #maxIdle;
  #maxIdleBytes;

  constructor({ maxIdle = 2, maxIdleBytes = 256 * 2 ** 20 } = {}) {
    this.#maxIdle = maxIdle;
    this.#maxIdleBytes = maxIdleBytes;
  }

  static available() {
    return typeof SharedArrayBuffer === 'function' && globalThis.crossOriginIsolated !== false;
  }

  /**
   * A copy of `view` in a SharedArrayBuffer-backed Uint8Array of exactly its length: an idle
   * buffer that fits (at most twice the length, so a small call does not pin a large one) or a new one.
   */
  take(view) {
    const len = view.byteLength;
    let best = -1;
    this.#idle.forEach((b, i) => {
      if (b.byteLength >= len && b.byteLength <= 2 * len && (best < 0 || b.byteLength < this.#idle[best].byteLength)) best = i;
    });
    const buffer = best >= 0 ? this.#idle.splice(best, 1)[0] : new SharedArrayBuffer(len);
    const staged = new Uint8Array(buffer, 0, len);
    staged.set(view);
    return staged;
  }

  /** Returns a buffer from take() once no worker reads it any more. */
  give(staged) {
    const buffer = staged?.buffer;
    if (!isShared(buffer) || this.#idle.includes(buffer)) return;
    this.#idle.push(buffer);
    while (this.#idle.length > this.#maxIdle || this.idleBytes() > this.#maxIdleBytes) this.#idle.shift();
  }

  idleBytes() {
    return this.#idle.reduce((sum, b) => sum + b.byteLength, 0);
  }

  clear() {
    this.#idle.length = 0;
  }
}

export function isShared(buffer) {
  return typeof SharedArrayBuffer === 'function' && buffer instanceof SharedArrayBuffer;
}
