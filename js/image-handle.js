// image-handle.js: what service.load() returns. The decoded image stays in a worker's engine
// (pinned in its store) so an editor can apply slider after slider without sending or decoding
// the image again; every method accepts the handle wherever it accepts an image. release() frees
// it; a FinalizationRegistry releases handles the caller forgot. The handle keeps its source
// bytes so a call that lands on a worker without the image (another worker, or one replaced after
// a crash) sends them once more instead of failing.
const INTERNAL = Symbol('pixelpipe.imageHandle');

export class ImageHandle {
  /** @private created by ImageProcessingService#load */
  constructor(info, internal) {
    /** @type {number} */ this.width = info.width;
    /** @type {number} */ this.height = info.height;
    /** @type {string} */ this.format = info.format;
    Object.defineProperty(this, INTERNAL, { value: internal, enumerable: false });
  }

  /** Frees the engine's copy. Idempotent; using the handle afterwards rejects with INVALID_CONFIGURATION. */
  release() {
    const internal = this[INTERNAL];
    if (internal.released) return;
    internal.released = true;
    internal.source = undefined;
    internal.release();
  }

  get released() { return this[INTERNAL].released; }
}

/** { hash, source: { bytes, rawWidth, rawHeight }, released, release } of a handle; undefined for other values. */
export function handleInternals(value) {
  return value instanceof ImageHandle ? value[INTERNAL] : undefined;
}
