// service.js: the public ImageProcessingService. Each method runs the same way:
// validate → normalise → hash → cache lookup → worker pool → cache store, and every failure is a
// typed error whose stack points at the caller.
import { validateServiceOptions } from './config/validate-options.js';
import { validateCallOptions } from './config/call-options.js';
import * as is from './config/is.js';
import { readInput } from './input/read-input.js';
import { StagingBuffers, isShared } from './input/staging.js';
import { cacheKey, sha256Hex } from './cache/cache-key.js';
import { invalidateGroup, purgeOtherVersions, readCached, writeCached } from './cache/cached-results.js';
import { WorkerPool } from './pool/worker-pool.js';
import { platformHost } from './pool/spawn-worker.js';
import { DECODE_FORMATS, formats as formatCatalogue } from './catalogue/formats.js';
import { catalogue } from './catalogue/index.js';
import { METHODS } from './methods/index.js';
import { ImageHandle, handleInternals } from './image-handle.js';
import { simdSupported } from './wasm/simd.js';
import { AbortError, ImageProcessingError, InvalidConfigurationError, toImageProcessingError, withCallSite } from './errors.js';
import { version } from './version.js';

const CONSTRUCT = Symbol('ImageProcessingService.create');
const SILENT = Object.freeze({ debug() {}, info() {}, warn() {}, error() {} });
/** Test hook: `service[DEBUG]` is the worker pool (e.g. `.killWorker(0)`). Not public API. */
const DEBUG = Symbol.for('pixelpipe.debug');
const now = () => (typeof performance === 'object' ? performance.now() : Date.now());
const ms = (n) => `${n.toFixed(1)} ms`;

/**
 * Image processing in workers, backed by the pixelpipe WebAssembly engine.
 * Create it with {@link ImageProcessingService.create}; end it with {@link ImageProcessingService#dispose}.
 */
export class ImageProcessingService {
  #pool;
  #options;
  #info;
  #logger;
  #disposed = false;
  #cacheHits = 0;
  #cacheMisses = 0;
  #sequence = 0; // call order, so the queue stays FIFO by call time whatever hashing takes
  #staging = StagingBuffers.available() ? new StagingBuffers() : null; // raw inputs the caller keeps (staging.js)

  /** @private use ImageProcessingService.create() */
  constructor(token, pool, options, info) {
    if (token !== CONSTRUCT) {
      throw new ImageProcessingError('Use `await ImageProcessingService.create(options)`', { code: 'INVALID_CONSTRUCTION' });
    }
    this.#pool = pool;
    this.#options = options;
    this.#info = info;
    this.#logger = options.logger ?? SILENT;
    Object.defineProperty(this, DEBUG, { value: pool, enumerable: false });
  }

  /**
   * Starts the engine and resolves when it is ready.
   *
   * Workers and threads are chosen together so the machine is not oversubscribed: the threaded
   * build runs `workers` (default 1) × `threads` (default floor(cores / workers)) Halide threads;
   * the single-threaded build runs min(cores, 4) workers in Node and clamp(floor(cores / 2), 1, 4) in
   * browsers (navigator.hardwareConcurrency may overstate the cores: WebKit reports 4 on 2).
   *
   * @param {object} [options]
   * @param {object|null} [options.cache=null] a MemoryCache, IndexedDBCache or anything with async get/set/delete/clear (keys() optional)
   * @param {number} [options.maxConcurrentOperations=10] calls in flight (handed to a worker) at once; more wait in a FIFO queue
   * @param {number} [options.operationTimeoutMs=30000] per-call limit, counted from the call (queue wait included); Infinity = none
   * @param {number} [options.maxInputPixels=100000000] larger inputs reject with ResourceLimitError (checked from the header)
   * @param {number} [options.maxInputSide=32768] longest accepted side, in pixels
   * @param {number} [options.maxMemoryBytes=1073741824] per worker: a call whose estimated peak is larger is refused before allocating
   * @param {number} [options.imageCacheBytes=134217728] per worker: decoded images kept for reuse (LRU; 0 = none)
   * @param {number} [options.idleTimeoutMs=30000] a worker idle this long is ended to give its memory back
   * @param {number} [options.threadStartTimeoutMs=10000] the threaded build must start its threads
   *   within this, else the single-threaded build is used (and the reason logged)
   * @param {number} [options.workers] workers to run (threaded build: 1; single-threaded: Node min(cores, 4), browsers clamp(floor(cores / 2), 1, 4))
   * @param {number} [options.threads] Halide threads per worker in the threaded build (floor(cores / workers))
   * @param {'auto'|'mt'|'st'} [options.build='auto'] force the threaded ('mt') or single-threaded ('st') engine
   * @param {object} [options.logger] anything with debug/info/warn/error (default: silent)
   * @returns {Promise<ImageProcessingService>}
   * @throws {InvalidConfigurationError} bad options
   * @throws {ImageProcessingError} code ENGINE_LOAD_FAILED when the engine cannot load
   * @example
   * const service = await ImageProcessingService.create({ cache: new MemoryCache(), logger: console });
   */
  static async create(options = {}) {
    const callSite = new Error();
    try {
      const o = validateServiceOptions(options);
      const logger = o.logger ?? SILENT;
      const host = await platformHost();
      const cores = host.cores();
      const mtWorkers = o.workers ?? 1;
      const threads = o.threads ?? Math.max(1, Math.floor(cores / mtWorkers));
      const pool = new WorkerPool({
        spawn: host.spawn,
        size: 1,
        maxConcurrent: o.maxConcurrentOperations,
        timeoutMs: o.operationTimeoutMs,
        idleTimeoutMs: o.idleTimeoutMs,
        initOptions: { build: o.build, threads, imageCacheBytes: o.imageCacheBytes, threadStartTimeoutMs: o.threadStartTimeoutMs },
        logger,
      });
      let engine;
      try {
        engine = await pool.start();
      } catch (error) {
        await pool.dispose();
        throw error;
      }
      const workers = engine.build === 'mt' ? mtWorkers : (o.workers ?? host.defaultWorkers(cores));
      pool.setSize(workers);
      if (engine.version !== version) logger.warn(`pixelpipe: engine ${engine.version} differs from library ${version}`);
      const fallback = engine.reason ? ` (fallback: ${engine.reason})` : '';
      logger.info(`pixelpipe: ${engine.build} engine, ${workers} worker(s) × ${engine.threads} thread(s) on ${cores} core(s)${fallback}`);
      if (o.cache) await prepareCache(o.cache, logger);
      return new ImageProcessingService(CONSTRUCT, pool, o, { ...engine, workers, cores });
    } catch (error) {
      throw withCallSite(toImageProcessingError(error, { operation: 'create' }), callSite, 'create');
    }
  }

  /**
   * Makes several variations of one image; the image is decoded once (and kept by the worker for
   * later calls on the same bytes).
   *
   * @param {Uint8Array|ArrayBuffer|Blob|{width:number,height:number,data:Uint8Array|Uint8ClampedArray}} image
   *   encoded bytes, or raw RGBA8 pixels (an ImageData qualifies)
   * @param {object[]} variationConfigs `{ id, type, ...params, format?, quality? }` or `{ id, steps: [...], format? }`
   * @param {object} [options]
   * @param {string} [options.cacheKey] names the cache entry group (see invalidate()); with a cache the bytes are always hashed
   * @param {AbortSignal} [options.signal] aborting rejects with AbortError
   * @param {boolean} [options.transfer=false] hand the input buffer to the worker without a copy (it is detached)
   * @param {number} [options.timeoutMs] overrides operationTimeoutMs for this call
   * @param {(p: {completed:number,total:number,step:string}) => void} [options.onProgress] called after the decode and each variant
   * @returns {Promise<Record<string, Uint8Array|{width:number,height:number,data:Uint8ClampedArray}>>}
   *   id → encoded bytes, or `{ width, height, data }` for format 'raw'
   * @throws {InvalidConfigurationError} a config or option is wrong (details.path says where)
   * @throws {UnsupportedTransformationError} unknown type, transform or filter
   * @throws {UnsupportedFormatError|DecodeError} the bytes are not a decodable image
   * @throws {ResourceLimitError} over maxInputPixels/maxInputSide, over maxMemoryBytes, or memory ran out
   * @throws {TimeoutError|AbortError} the call ran out of time or was aborted
   * @example
   * const { thumbnail, blurred } = await service.generateVariations(bytes, [
   *   { id: 'thumbnail', type: 'resize', width: 300, height: 300, maintainAspectRatio: true },
   *   { id: 'blurred', type: 'filter', filter: 'gaussian_blur', radius: 5, format: 'jpeg', quality: 85 },
   * ], { cacheKey: 'photo-123' });
   */
  async generateVariations(image, variationConfigs, options) {
    return this.#call(METHODS.generateVariations, [image, variationConfigs], options);
  }

  /**
   * Applies color transforms in order, as one pass, and returns the image.
   *
   * @param {Uint8Array|ArrayBuffer|Blob|{width:number,height:number,data:Uint8Array|Uint8ClampedArray}} image
   * @param {object[]} transforms `{ transform: 'grayscale', ...params }` or `{ type: 'color_transform', transform, ... }`, applied in order
   * @param {object} [options] as generateVariations, plus:
   * @param {'png'|'jpeg'|'raw'} [options.format='png'] output format
   * @param {number} [options.quality] JPEG quality 1..100 (default 80)
   * @returns {Promise<Uint8Array|{width:number,height:number,data:Uint8ClampedArray}>}
   * @throws {UnsupportedTransformationError} an unknown transform (the message lists the supported ones)
   * @throws {InvalidConfigurationError} a parameter is wrong (details.path such as `transforms[1].amount`)
   * @example
   * const gray = await service.applyColorTransformations(bytes, [{ transform: 'grayscale' }], { format: 'jpeg' });
   */
  async applyColorTransformations(image, transforms, options) {
    return this.#call(METHODS.applyColorTransformations, [image, transforms], options);
  }

  /**
   * Draws layers in array order over a background: image layers `{ image, x, y, width?, height?,
   * fit?, rotate?, transforms?, mask?, maskMode? }`, text layers `{ text, font?, size, color, align,
   * maxWidth?, lineHeight? }`, gradient layers `{ gradient: { type, angle | center/radius, stops } }`
   * and solid layers `{ color }`, each with `opacity` and `blendMode` (the 16 W3C modes and the
   * Porter-Duff operators). README "createComposite" documents every field.
   *
   * @param {object[]} layers
   * @param {number} width canvas width
   * @param {number} height canvas height
   * @param {string|number[]} [backgroundColor='transparent'] any CSS colour
   * @param {object} [options] format, formatOptions, quality, + call options
   * @returns {Promise<Uint8Array|{width:number,height:number,data:Uint8ClampedArray}>}
   * @throws {InvalidLayerError} a bad layer: details.layer (index), details.field, cause (the underlying error)
   * @example
   * const card = await service.createComposite([
   *   { image: photo, x: 0, y: 0, width: 1200, height: 630, fit: 'cover' },
   *   { gradient: { type: 'linear', angle: 180, stops: [[0.5, 'rgba(0,0,0,0)'], [1, 'rgba(0,0,0,0.7)']] } },
   *   { text: 'Hello', size: 64, color: 'white', x: 60, y: 480 },
   * ], 1200, 630, '#000', { format: 'jpeg' });
   */
  async createComposite(layers, width, height, backgroundColor, options) {
    return this.#call(METHODS.createComposite, [layers, width, height, backgroundColor], options);
  }

  /**
   * Understands a short theme description offline ("warm autumn sunset", "black and gold"),
   * makes `numPalettes` distinct palettes for it and applies each to the image.
   *
   * @param {Uint8Array|ArrayBuffer|Blob|ImageHandle|{width:number,height:number,data:Uint8Array|Uint8ClampedArray}} image
   * @param {string} themeDescription
   * @param {number} [numPalettes=3] 1–10
   * @param {object} [options] mode ('map' | 'transfer' | 'quantize'), strength (0–1), dither (0–1), format, formatOptions, + call options
   * @returns {Promise<object[]>} [{ name, harmony, colors: [{ hex, rgb, oklch, role, name }], image, contrast, matchedTerms, unmatchedTerms, warnings }]
   * @example
   * const [first] = await service.generateAndApplyPalette(bytes, 'deep ocean blues with a hint of coral', 3);
   */
  async generateAndApplyPalette(image, themeDescription, numPalettes = 3, options = undefined) {
    return this.#call(METHODS.generateAndApplyPalette, [image, themeDescription, numPalettes], options);
  }

  /**
   * Prepares an image for export: fit inside maxWidth/maxHeight (never enlarged), encode with the
   * format's options, optionally land just under targetSizeBytes.
   *
   * @param {Uint8Array|ArrayBuffer|Blob|ImageHandle|{width:number,height:number,data:Uint8Array|Uint8ClampedArray}} image
   * @param {string} exportFormat png, jpeg, webp, gif, ico, bmp, tga, svg (capabilities().formats.encode)
   * @param {object} [exportOptions] the format's encoder options + maxWidth, maxHeight, targetSizeBytes, background, stripMetadata, keepIccProfile, iccProfile
   * @param {object} [options] call options (signal, timeoutMs, cacheKey, transfer)
   * @returns {Promise<Uint8Array>} the file (svg: UTF-8 bytes of the document)
   * @throws {UnsupportedFormatError} a format that cannot be produced here (details.available)
   * @throws {ImageProcessingError} code TARGET_SIZE_UNREACHABLE with details.smallestBytes
   * @example
   * const webp = await service.processForExport(bytes, 'webp', { quality: 80, maxWidth: 2048 });
   */
  async processForExport(image, exportFormat, exportOptions, options) {
    return this.#call(METHODS.processForExport, [image, exportFormat, exportOptions], options);
  }

  /**
   * Analyses an image: every requested type from one decode (and one downsampled copy where a
   * measure runs on one). Types: 'colors', 'composition', 'quality', 'histogram', 'stats',
   * 'metadata', 'smartCrop' (README "analyzeImage" documents every field, its definition and range).
   *
   * @param {Uint8Array|ArrayBuffer|Blob|ImageHandle|{width:number,height:number,data:Uint8Array|Uint8ClampedArray}} image
   * @param {string[]} analysisTypes
   * @param {object} [options] paletteSize (1–20, default 6), aspectRatio (smartCrop, default 1), saliencyMap (composition.saliencyMap, default false), + call options
   * @returns {Promise<object>} one key per requested type (js-api.md's shapes)
   * @throws {UnsupportedAnalysisError} an unknown type (details.supported lists the known ones)
   * @example
   * const { colors, quality } = await service.analyzeImage(bytes, ['colors', 'quality']);
   */
  async analyzeImage(image, analysisTypes, options) {
    return this.#call(METHODS.analyzeImage, [image, analysisTypes], options);
  }

  /**
   * Decodes an image once and keeps it in the engine. The handle is accepted as the input of
   * every method (no copy and no decode per call: for editors applying many operations to one
   * image). Release it when done (`handle.release()`); a forgotten handle is released when it is
   * garbage collected.
   *
   * @param {Uint8Array|ArrayBuffer|Blob|{width:number,height:number,data:Uint8Array|Uint8ClampedArray}} image
   * @param {object} [options] signal, timeoutMs
   * @returns {Promise<ImageHandle>} `{ width, height, format, release() }`
   * @example
   * const photo = await service.load(bytes);
   * const a = await service.applyColorTransformations(photo, [{ transform: 'brightness', amount: 1.2 }], { format: 'raw' });
   * photo.release();
   */
  async load(image, options) {
    return this.#call(METHODS.load, [image], options);
  }

  /**
   * The operation catalogue: every type, transform, filter, parameter (type, range, default) and
   * output format. Deep-frozen.
   * @returns {Promise<{ operations: object, formats: object, defaultFormat: string }>}
   */
  async operations() {
    return catalogue;
  }

  /**
   * Which engine runs and what it can do.
   * `formats.decode` / `formats.encode`: what the running engine reads and writes (it reports them
   * when it starts; output formats are also limited to those the catalogue declares).
   * @returns {Promise<{ build: 'mt'|'st', threads: number, workers: number, cores: number, simd: boolean,
   *   formats: { decode: string[], encode: string[] }, version: string, reason?: string }>}
   *   reason: why the single-threaded build was chosen
   */
  async capabilities() {
    const { build, threads, workers, cores, reason } = this.#info;
    return { build, threads, workers, cores, simd: simdSupported(), formats: structuredClone(this.#formats()), version, ...(reason ? { reason } : {}) };
  }

  #formats() {
    const engine = this.#info.formats;
    return {
      decode: engine?.decode ?? DECODE_FORMATS,
      encode: (engine?.encode ?? Object.keys(formatCatalogue)).filter((f) => Object.hasOwn(formatCatalogue, f)),
    };
  }

  /**
   * Counters: `queued`, `running` (in flight), `peakRunning`, `workers` (alive now), `cacheHits`,
   * `cacheMisses`, lifetime worker counters (`started`, `recycled`, `crashed`, `timedOut`,
   * `aborted`, `idleEnded`), and `perWorker`: `{ id, busy, tasks, storedImages,
   * memory: { heapBytes, mallocBytes, storedImages, storedImageBytes } }` as last reported by each worker.
   * @returns {Promise<object>}
   */
  async stats() {
    return { ...this.#pool.stats(), cacheHits: this.#cacheHits, cacheMisses: this.#cacheMisses };
  }

  /** Output sizes known from a config alone are checked against the input limits too. */
  #outputLimits() {
    return { maxPixels: this.#options.maxInputPixels, maxSide: this.#options.maxInputSide };
  }

  /**
   * Drops every cached result of the calls made with `options.cacheKey === cacheKey`.
   * @param {string} cacheKey
   * @returns {Promise<number>} the number of entries removed (0 without a cache)
   * @throws {InvalidConfigurationError} cacheKey is not a non-empty string
   */
  async invalidate(cacheKey) {
    const callSite = new Error();
    try {
      if (!is.string(cacheKey)) throw is.invalidParameterError('cacheKey', 'non-empty string', cacheKey);
      const cache = this.#options.cache;
      if (!cache) return 0;
      const removed = await invalidateGroup(cache, cacheKey);
      this.#logger.debug(`pixelpipe: invalidated ${removed} cache entr${removed === 1 ? 'y' : 'ies'} of '${cacheKey}'`);
      return removed;
    } catch (error) {
      const typed = error instanceof ImageProcessingError ? error
        : new ImageProcessingError(`Cache invalidation failed: ${error?.message ?? error}`, { code: 'CACHE_FAILED', cause: error });
      throw withCallSite(typed, callSite, 'invalidate');
    }
  }

  /** Ends every worker and rejects pending calls (code DISPOSED). Idempotent. */
  async dispose() {
    this.#disposed = true;
    this.#staging?.clear();
    await this.#pool.dispose();
  }

  /**
   * The one wrapper every public method runs through: call-site stack, validation and
   * normalisation (the method's prepare), inputs read and hashed, cache lookup, the pool, the
   * method's finish, cache store, and typed errors.
   */
  async #call(method, args, options) {
    const callSite = new Error();
    const operation = method.name;
    const startedAt = now();
    try {
      this.#assertOpen();
      const encodable = this.#formats().encode;
      const { call, method: methodOptions, output } = validateCallOptions(operation, options, { encodable });
      throwIfAborted(call.signal);
      const prepared = method.prepare(args, { limits: this.#outputLimits(), encodable, options: methodOptions, output });
      return await this.#execute(method, prepared, call, startedAt);
    } catch (error) {
      throw withCallSite(toImageProcessingError(error, { operation }), callSite, operation);
    }
  }

  async #execute(method, prepared, call, startedAt) {
    const order = this.#sequence++;
    // An input that cannot be read (empty, a released handle, too large) is the error of the
    // input it is: details.input names it, and the method maps it as it maps the engine's errors
    // about that input (createComposite: the layer's InvalidLayerError).
    const inputs = await Promise.all(prepared.inputs.map((input, index) => this.#readOne(input, call).catch((error) => {
      if (!prepared.mapError || !(error instanceof ImageProcessingError)) throw error;
      error.details = { ...error.details, input: error.details?.input ?? index };
      throw prepared.mapError(error);
    })));
    const readMs = now() - startedAt;
    try {
      return await this.#executeRead(method, prepared, call, { startedAt, readMs, inputs, order });
    } finally {
      // The worker copies a task's inputs into its heap before anything else: the staging buffers
      // are free again once the call has settled (a result that settles earlier, on abort or
      // timeout, is discarded, and raw inputs are never kept by content key in the worker).
      for (const input of inputs) if (input.staged) this.#staging.give(input.bytes);
    }
  }

  async #executeRead(method, prepared, call, { startedAt, readMs, inputs, order }) {
    const operation = method.name;
    const { maxInputPixels, maxInputSide, maxMemoryBytes, imageCacheBytes } = this.#options;
    const cache = method.cacheable === false ? null : this.#options.cache;
    // The content hash is only worth its cost (SHA-256 runs at ~1 GB/s: ~45 ms for 12 MP of raw
    // RGBA) when something uses it: the result cache's key, or the worker's decoded-image reuse.
    // Raw pixels need no decode, so reuse cannot pay for hashing them; encoded inputs are small
    // next to their decode, so they are hashed whenever reuse is on. Handles carry their key.
    const hashStart = now();
    for (const input of inputs) {
      const reuse = input.rawWidth === 0 && imageCacheBytes > 0;
      if (!input.hash && (cache || reuse || input.keep)) input.hash = await sha256Hex(input.bytes);
      input.reuse = reuse || input.handle || input.keep;
    }
    const hashMs = now() - hashStart;
    throwIfAborted(call.signal);
    // Decode hints change the decoded pixels, so they are part of the result cache's key and of
    // the worker store's key (js/worker/store.js); the default adds nothing to either.
    const colorManagement = call.colorManagement ?? this.#options.colorManagement;
    const hints = colorManagement === 'convert' ? undefined : { colorManagement };
    for (const input of inputs) input.hints = hints;

    let key;
    if (cache) {
      key = await cacheKey({
        operation, inputHashes: inputs.map((i) => i.hash), version, group: call.cacheKey,
        request: { ...prepared.request, raw: inputs.map((i) => [i.rawWidth, i.rawHeight]), ...hints },
      });
      const hit = await readCached(cache, key, this.#logger);
      throwIfAborted(call.signal);
      if (hit) {
        this.#cacheHits++;
        this.#logger.debug(`pixelpipe: ${operation} cache hit${call.cacheKey ? ` ('${call.cacheKey}')` : ''} in ${ms(now() - startedAt)}`);
        return hit;
      }
      this.#cacheMisses++;
    }

    const timings = {};
    const limits = { maxPixels: maxInputPixels, maxSide: maxInputSide };
    const send = (withSources) => {
      const wire = inputs.map((i) => {
        let bytes = i.bytes;
        if (i.handle) bytes = withSources ? i.source.bytes.slice() : undefined;
        else if (i.keep) bytes = i.bytes.slice(); // load(): the handle keeps i.bytes for a resend
        return { bytes, rawWidth: i.rawWidth, rawHeight: i.rawHeight, hash: i.reuse ? i.hash : undefined, hints: i.hints };
      });
      return this.#pool.run(method.worker, { inputs: wire, request: prepared.request, limits, maxMemoryBytes }, {
        transfer: wire.filter((w) => w.bytes && !isShared(w.bytes.buffer)).map((w) => w.bytes.buffer),
        timeoutMs: call.timeoutMs, startedAt, signal: call.signal, affinity: inputs[0]?.reuse ? inputs[0].hash : undefined,
        onProgress: call.onProgress, timings, order,
      });
    };
    let value;
    try {
      try {
        value = await send(false);
      } catch (error) {
        // A handle's image lives in one worker: another worker (or a replacement) gets its bytes once.
        if (error?.code !== 'IMAGE_NOT_LOADED' || !inputs.some((i) => i.handle)) throw error;
        value = await send(true);
      }
    } catch (error) {
      throw prepared.mapError ? prepared.mapError(error) : locate(error, prepared.pathOf);
    }
    const result = method.finish(value, inputs);
    this.#logTimings(operation, method.summary?.(value) ?? '', value, { readMs, hashMs, inputs, timings, startedAt });
    if (key) await writeCached(cache, key, result, this.#logger, call.cacheKey);
    if (method === METHODS.load) return this.#makeHandle(result, inputs[0]);
    return result;
  }

  /**
   * One input: an ImageHandle (its key, no bytes) or bytes/pixels read (copied unless transfer).
   * A handle's source is taken now: release() during the call drops it from the handle, and the
   * call may still have to resend it (the soak found that race).
   */
  async #readOne({ image, path, keep }, call) {
    const handle = handleInternals(image);
    if (handle) {
      if (handle.released) throw new InvalidConfigurationError(`The image handle at ${path} has been released`, { details: { path } });
      const { source } = handle;
      return { handle, source, hash: handle.hash, rawWidth: source.rawWidth, rawHeight: source.rawHeight };
    }
    const { maxInputPixels, maxInputSide } = this.#options;
    // A handle keeps its source for a resend, so load() sends the worker a copy and keeps its own.
    // Staged (shared, reused) only while the call runs: a handle's kept source needs its own buffer.
    const stage = keep || !this.#staging ? undefined : (view) => this.#staging.take(view);
    const input = await readInput(image, { transfer: keep ? false : call.transfer, stage, maxInputPixels, maxInputSide, path });
    return { bytes: input.bytes, rawWidth: input.rawWidth, rawHeight: input.rawHeight, keep, staged: isShared(input.bytes.buffer) && Boolean(stage) };
  }

  #makeHandle(info, input) {
    const internal = {
      hash: input.hash,
      source: { bytes: input.bytes, rawWidth: input.rawWidth, rawHeight: input.rawHeight },
      released: false,
      release: () => this.#releaseHandle(input.hash, input.hints),
    };
    const handle = new ImageHandle(info, internal);
    handleRegistry.register(handle, internal.release, handle);
    return handle;
  }

  #releaseHandle(hash, hints) {
    if (this.#disposed) return;
    this.#pool.run('release', { hash, hints }, { affinity: hash, timeoutMs: 10_000 }).catch(() => {});
  }

  #logTimings(operation, summary, value, { readMs, hashMs, inputs, timings, startedAt }) {
    const t = value.timings ?? {};
    const images = value.images ?? [];
    const first = images[0];
    // Decode warnings (an ICC profile that was damaged and ignored): the pixels are as stored.
    for (const w of images.flatMap((i) => i.warnings ?? [])) this.#logger.warn(`pixelpipe: ${operation}: ${w}`);
    // Encode warnings (processForExport: a profile or EXIF block the output could not keep).
    for (const w of value.warnings ?? []) this.#logger.warn(`pixelpipe: ${operation}: ${w}`);
    // "messaging" = worker round trip minus the worker's own time (postMessage both ways,
    // transfer, and waiting for the worker's event loop).
    const messaging = timings.runMs !== undefined && t.workerMs !== undefined ? Math.max(0, timings.runMs - t.workerMs) : undefined;
    this.#logger.debug(
      `pixelpipe: ${operation} ${first ? `${first.width}x${first.height} ${first.format}` : ''}${images.length > 1 ? ` (+${images.length - 1} input(s))` : ''} → ${summary}: `
      + `input ${ms(readMs)}, hash ${inputs.some((i) => i.hash) ? ms(hashMs) : 'skipped'}, queue ${ms(timings.queueMs ?? 0)}, `
      + `copy in ${ms(t.copyInMs ?? 0)}, decode ${images.length && images.every((i) => i.reused) ? 'reused' : ms(t.decodeMs ?? 0)}, `
      + `pipeline ${ms(t.pipelineMs ?? 0)}, encode ${ms(t.encodeMs ?? 0)}${messaging !== undefined ? `, messaging ${ms(messaging)}` : ''}, `
      + `total ${ms(now() - startedAt)}`,
    );
  }

  #assertOpen() {
    if (this.#disposed) throw new ImageProcessingError('The service has been disposed', { code: 'DISPOSED' });
  }
}

/** Purges other versions' entries and reports a cache that cannot work here. Never throws. */
async function prepareCache(cache, logger) {
  try {
    if (typeof cache.available === 'function' && !(await cache.available())) {
      logger.warn(`pixelpipe: cache unavailable, running without it${cache.unavailableReason ? ` (${cache.unavailableReason})` : ''}`);
      return;
    }
    const purged = await purgeOtherVersions(cache, version);
    if (purged) logger.info(`pixelpipe: purged ${purged} cache entr${purged === 1 ? 'y' : 'ies'} of other versions`);
  } catch (error) {
    logger.warn(`pixelpipe: cache preparation failed: ${error?.message ?? error}`);
  }
}

function throwIfAborted(signal) {
  if (signal?.aborted) throw new AbortError('The operation was aborted', { cause: signal.reason });
}

/** Releases the engine copy of handles their callers forgot (weakly held: GC decides when). */
const handleRegistry = typeof FinalizationRegistry === 'function'
  ? new FinalizationRegistry((release) => release())
  : { register() {} };

/** Adds the config path of the failing variant/step to an engine error's details. */
function locate(error, pathOf) {
  const d = error?.details;
  if (pathOf && d && d.variant !== undefined && d.path === undefined) {
    d.path = pathOf(d.variant, d.step);
    if (error.message && !error.message.includes(d.path)) error.message = `${error.message} (at ${d.path})`;
  }
  return error;
}
