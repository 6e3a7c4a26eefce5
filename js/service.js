// service.js: the public ImageProcessingService. Each method runs the same way:
// validate → normalise → cache lookup → worker pool → cache store, and every failure is a typed
// error whose stack points at the caller.
import { normaliseVariationConfigs } from './config/normalise.js';
import { validateCallOptions, validateServiceOptions } from './config/validate-options.js';
import { readInput } from './input/read-input.js';
import { cacheKey } from './cache/cache-key.js';
import { readCached, writeCached } from './cache/cached-results.js';
import { WorkerPool } from './pool/worker-pool.js';
import { platformSpawner } from './pool/spawn-worker.js';
import { METHOD } from './pool/protocol.js';
import { formats } from './catalogue/formats.js';
import { hardwareConcurrency } from './platform.js';
import { AbortError, ImageProcessingError, toImageProcessingError, withCallSite } from './errors.js';
import { version } from './version.js';

const CONSTRUCT = Symbol('ImageProcessingService.create');
const SILENT = Object.freeze({ debug() {}, info() {}, warn() {}, error() {} });

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

  /** @private use ImageProcessingService.create() */
  constructor(token, pool, options, info) {
    if (token !== CONSTRUCT) {
      throw new ImageProcessingError('Use `await ImageProcessingService.create(options)`', { code: 'INVALID_CONSTRUCTION' });
    }
    this.#pool = pool;
    this.#options = options;
    this.#info = info;
    this.#logger = options.logger ?? SILENT;
  }

  /**
   * Starts the engine and resolves when it is ready.
   *
   * @param {object} [options]
   * @param {object|null} [options.cache=null] a MemoryCache, IndexedDBCache or anything with async get/set/delete/clear
   * @param {number} [options.maxConcurrentOperations=10] operations running at once (more are queued, FIFO)
   * @param {number} [options.operationTimeoutMs=30000] per-operation limit from the moment a worker starts it
   * @param {number} [options.maxInputPixels=100000000] larger inputs reject with ResourceLimitError
   * @param {number} [options.maxInputSide=32768] longest accepted side, in pixels
   * @param {number} [options.workers] workers to run (default: 1 for the threaded build, else min(cores, 4))
   * @param {number} [options.threads] Halide threads per worker in the threaded build (default: cores)
   * @param {'auto'|'mt'|'st'} [options.build='auto'] force the threaded ('mt') or single-threaded ('st') engine
   * @param {object} [options.logger] anything with debug/info/warn/error (default: silent)
   * @returns {Promise<ImageProcessingService>}
   * @throws {InvalidConfigurationError} bad options
   * @throws {ImageProcessingError} code ENGINE_LOAD_FAILED when the engine cannot load
   * @example
   * const service = await ImageProcessingService.create({ cache: new MemoryCache() });
   */
  static async create(options = {}) {
    const callSite = new Error();
    try {
      const o = validateServiceOptions(options);
      const pool = new WorkerPool({
        spawn: await platformSpawner(),
        size: 1,
        maxConcurrent: o.maxConcurrentOperations,
        timeoutMs: o.operationTimeoutMs,
        initOptions: { build: o.build, threads: o.threads },
      });
      let engine;
      try {
        engine = await pool.start();
      } catch (error) {
        await pool.dispose();
        throw error;
      }
      const workers = o.workers ?? (engine.build === 'mt' ? 1 : Math.min(await hardwareConcurrency(), 4));
      pool.setSize(workers);
      const logger = o.logger ?? SILENT;
      if (engine.version !== version) logger.warn(`pixelpipe: engine ${engine.version} differs from library ${version}`);
      logger.info(`pixelpipe: ${engine.build} engine, ${engine.threads} thread(s), ${workers} worker(s)${engine.reason ? ` (${engine.reason})` : ''}`);
      return new ImageProcessingService(CONSTRUCT, pool, o, { ...engine, workers });
    } catch (error) {
      throw withCallSite(toImageProcessingError(error, { operation: 'create' }), callSite, 'create');
    }
  }

  /**
   * Makes several variations of one image; the image is decoded once.
   *
   * @param {Uint8Array|ArrayBuffer|Blob|{width:number,height:number,data:Uint8Array|Uint8ClampedArray}} image
   *   encoded bytes, or raw RGBA8 pixels (an ImageData qualifies)
   * @param {object[]} variationConfigs `{ id, type, ...params, format?, quality? }` or `{ id, steps: [...], format? }`
   * @param {object} [options]
   * @param {string} [options.cacheKey] names the input for the cache (its bytes are then not hashed)
   * @param {AbortSignal} [options.signal] aborting rejects with AbortError
   * @param {boolean} [options.transfer=false] hand the input buffer to the worker without a copy (it is detached)
   * @param {number} [options.timeoutMs] overrides operationTimeoutMs for this call
   * @returns {Promise<Record<string, Uint8Array|{width:number,height:number,data:Uint8ClampedArray}>>}
   *   id → encoded bytes, or `{ width, height, data }` for format 'raw'
   * @throws {InvalidConfigurationError} a config or option is wrong (details.path says where)
   * @throws {UnsupportedTransformationError} unknown type, transform or filter
   * @throws {UnsupportedFormatError|DecodeError} the bytes are not a decodable image
   * @throws {ResourceLimitError} the image is over maxInputPixels/maxInputSide, or memory ran out
   * @throws {TimeoutError|AbortError} the call ran out of time or was aborted
   * @example
   * const { thumbnail, blurred } = await service.generateVariations(bytes, [
   *   { id: 'thumbnail', type: 'resize', width: 300, height: 300, maintainAspectRatio: true },
   *   { id: 'blurred', type: 'filter', filter: 'gaussian_blur', radius: 5, format: 'jpeg', quality: 85 },
   * ]);
   */
  async generateVariations(image, variationConfigs, options) {
    const callSite = new Error();
    const operation = 'generateVariations';
    try {
      this.#assertOpen();
      const call = validateCallOptions(options);
      if (call.signal?.aborted) throw new AbortError('The operation was aborted', { cause: call.signal.reason });
      const variants = normaliseVariationConfigs(variationConfigs);
      const { maxInputPixels, maxInputSide } = this.#options;
      const input = await readInput(image, { transfer: call.transfer, maxInputPixels, maxInputSide });
      const limits = { maxPixels: maxInputPixels, maxSide: maxInputSide };

      const cache = this.#options.cache;
      const key = cache && await cacheKey({
        operation,
        input: input.bytes,
        inputName: call.cacheKey,
        request: { variants, raw: [input.rawWidth, input.rawHeight], limits },
        version,
      });
      if (key) {
        const hit = await readCached(cache, key, this.#logger);
        if (hit) {
          this.#logger.debug(`pixelpipe: ${operation} cache hit ${key}`);
          return hit;
        }
      }

      const result = await this.#pool.run(
        METHOD.PROCESS_VARIATIONS,
        { input: input.bytes, rawWidth: input.rawWidth, rawHeight: input.rawHeight, variants, limits },
        { transfer: input.transfer, timeoutMs: call.timeoutMs, signal: call.signal },
      );
      const results = Object.fromEntries(result.outputs.map((out) => [out.id, toPublicOutput(out)]));
      this.#logger.debug(`pixelpipe: ${operation} ${result.sourceWidth}x${result.sourceHeight} ${result.sourceFormat}, decode ${result.decodeMs} ms`);
      if (key) await writeCached(cache, key, results, this.#logger);
      return results;
    } catch (error) {
      throw withCallSite(toImageProcessingError(error, { operation }), callSite, operation);
    }
  }

  /**
   * Which engine runs and what it can do. Synchronous (awaiting it works too).
   * @returns {{ build: 'mt'|'st', threads: number, workers: number, simd: boolean, formats: string[], version: string, reason?: string }}
   *   reason: why the single-threaded build was chosen
   */
  capabilities() {
    const { build, threads, workers, reason } = this.#info;
    return { build, threads, workers, simd: true, formats: Object.keys(formats), version, ...(reason ? { reason } : {}) };
  }

  /** Ends every worker and rejects pending calls (code DISPOSED). Idempotent. */
  async dispose() {
    this.#disposed = true;
    await this.#pool.dispose();
  }

  #assertOpen() {
    if (this.#disposed) throw new ImageProcessingError('The service has been disposed', { code: 'DISPOSED' });
  }
}

function toPublicOutput(out) {
  if (out.format !== 'raw') return out.data;
  // Uint8ClampedArray over the same buffer, so `new ImageData(data, width, height)` works as is.
  return { width: out.width, height: out.height, data: new Uint8ClampedArray(out.data.buffer, out.data.byteOffset, out.data.byteLength) };
}
