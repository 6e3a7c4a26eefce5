// methods.js: THE catalogue of the public methods' options (data only). Every method takes a
// last `options` object: the common call options below, plus the keys its entry declares
// (`options`: parameter specs as in operations.js). Validation (js/config/call-options.js), the
// types and the docs follow it, so a method's option is declared in one place.

/** Options every method accepts (checked by js/config/call-options.js). */
export const COMMON_CALL_OPTIONS = {
  cacheKey: { type: 'string', doc: 'Names the cache entry group (see invalidate()); with a cache the inputs are always hashed.' },
  signal: { type: 'AbortSignal', doc: 'Aborting rejects the call with AbortError.' },
  transfer: { type: 'boolean', default: false, doc: 'Hand the input buffer(s) to the worker without a copy (they are detached).' },
  timeoutMs: { type: 'number', doc: 'Overrides operationTimeoutMs for this call.' },
  onProgress: { type: 'function', doc: 'Called with { completed, total, step } as the work advances.' },
};

/** Options of methods that return an image: the output format and its encoder options (formats.js). */
export const OUTPUT_OPTIONS = ['format', 'formatOptions', 'quality'];

export const methods = {
  generateVariations: {
    doc: 'Several variations of one image, decoded once; each variant names its own format.',
    worker: 'variations',
    output: false, // each variant carries format/formatOptions itself
    options: {},
  },
  applyColorTransformations: {
    doc: 'Colour transforms applied in order, as one pass.',
    worker: 'variations',
    output: true,
    options: {},
  },
  analyzeImage: {
    doc: 'Colours, composition, quality and more from one decode; plain data, no image.',
    worker: 'analyze',
    output: false,
    /** The analysis types, in the order results are written; each documented in the README. */
    types: ['colors', 'composition', 'quality', 'histogram', 'stats', 'metadata', 'smartCrop'],
    options: {
      paletteSize: { type: 'integer', min: 1, max: 20, default: 6, snake: 'palette_size', doc: 'Colours in colors.palette.' },
      aspectRatio: { type: 'number', min: 0.01, max: 100, default: 1, snake: 'aspect_ratio', doc: 'Width / height of the smartCrop box.' },
    },
  },
  load: {
    doc: 'Decodes an image once and keeps it in the engine: the ImageHandle is accepted as the input of every method.',
    worker: 'load',
    output: false,
    options: {},
  },
};
