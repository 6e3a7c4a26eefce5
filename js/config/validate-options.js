// validate-options.js: checks the options of ImageProcessingService.create() and the per-call
// options, in the same message format as variation configs; returns them with defaults applied.
import * as is from './is.js';
import { InvalidConfigurationError, UnsupportedTransformationError } from '../errors.js';
import { operations } from '../catalogue/operations.js';

const LOG_LEVELS = ['debug', 'info', 'warn', 'error'];

export const SERVICE_DEFAULTS = Object.freeze({
  cache: null,
  maxConcurrentOperations: 10,
  operationTimeoutMs: 30_000,
  maxInputPixels: 100_000_000,
  maxInputSide: 32_768,
  maxMemoryBytes: 1024 * 1024 * 1024, // per worker: the estimated peak of one call (1 GiB)
  imageCacheBytes: 128 * 1024 * 1024, // per worker: decoded images kept for reuse (0 = none)
  idleTimeoutMs: 30_000, // an idle worker is ended after this (Infinity = never)
  workers: undefined, // threaded build: 1; single-threaded build: min(cores, 4)
  threads: undefined, // Halide threads per worker in the threaded build: floor(cores / workers)
  build: 'auto',
  threadStartTimeoutMs: 10_000, // the threaded build must start its threads within this, else st
  logger: undefined, // silent
});

/** Keys of the per-call options object, by method. */
const CALL_KEYS = ['cacheKey', 'signal', 'transfer', 'timeoutMs', 'onProgress'];


/** create() options → a full options object. */
export function validateServiceOptions(options = {}) {
  const path = 'options';
  if (!is.plainObject(options)) throw is.invalidParameterError(path, 'object', options);
  rejectUnknown(options, Object.keys(SERVICE_DEFAULTS), path);
  const o = { ...SERVICE_DEFAULTS, ...dropUndefined(options) };
  if (o.cache !== null && !isCache(o.cache)) {
    throw is.invalidParameterError(`${path}.cache`, 'null or an object with async get, set, delete and clear', o.cache);
  }
  positiveInteger(o.maxConcurrentOperations, `${path}.maxConcurrentOperations`);
  positiveNumber(o.operationTimeoutMs, `${path}.operationTimeoutMs`, true);
  positiveInteger(o.maxInputPixels, `${path}.maxInputPixels`);
  positiveInteger(o.maxInputSide, `${path}.maxInputSide`);
  positiveInteger(o.maxMemoryBytes, `${path}.maxMemoryBytes`);
  if (!(is.integer(o.imageCacheBytes) && o.imageCacheBytes >= 0)) {
    throw is.invalidParameterError(`${path}.imageCacheBytes`, 'integer >= 0', o.imageCacheBytes);
  }
  positiveNumber(o.idleTimeoutMs, `${path}.idleTimeoutMs`, true);
  positiveNumber(o.threadStartTimeoutMs, `${path}.threadStartTimeoutMs`, true);
  if (o.workers !== undefined) positiveInteger(o.workers, `${path}.workers`);
  if (o.threads !== undefined) positiveInteger(o.threads, `${path}.threads`);
  if (!is.inArray(o.build, ['auto', 'mt', 'st'])) throw is.invalidParameterError(`${path}.build`, "one of 'auto', 'mt', 'st'", o.build);
  if (o.logger !== undefined && !(o.logger && LOG_LEVELS.every((level) => is.fn(o.logger[level])))) {
    throw is.invalidParameterError(`${path}.logger`, 'an object with debug, info, warn and error functions', o.logger);
  }
  return o;
}

/**
 * Per-call options ({ cacheKey, signal, transfer, timeoutMs, onProgress } plus `extraKeys`, which
 * the method checks itself) → checked copy.
 */
export function validateCallOptions(options = {}, path = 'options', extraKeys = []) {
  if (options === undefined || options === null) options = {};
  if (!is.plainObject(options)) throw is.invalidParameterError(path, 'object', options);
  rejectUnknown(options, [...CALL_KEYS, ...extraKeys], path);
  const { cacheKey, signal, transfer = false, timeoutMs, onProgress } = options;
  if (cacheKey !== undefined && !is.string(cacheKey)) throw is.invalidParameterError(`${path}.cacheKey`, 'non-empty string', cacheKey);
  if (signal !== undefined && !is.abortSignal(signal)) throw is.invalidParameterError(`${path}.signal`, 'AbortSignal', signal);
  if (!is.bool(transfer)) throw is.invalidParameterError(`${path}.transfer`, 'boolean', transfer);
  if (timeoutMs !== undefined) positiveNumber(timeoutMs, `${path}.timeoutMs`, true);
  if (onProgress !== undefined && !is.fn(onProgress)) throw is.invalidParameterError(`${path}.onProgress`, 'function', onProgress);
  const checked = { cacheKey, signal, transfer, timeoutMs };
  if (onProgress !== undefined) checked.onProgress = onProgress;
  return checked;
}

/**
 * applyColorTransformations' transforms → one multi-step variation config, so the catalogue's
 * validation and normalisation apply. Each transform is `{ transform, ...params }` or
 * `{ type: 'color_transform', transform, ...params }`; an unknown transform is an
 * UnsupportedTransformationError naming it and listing the supported ones.
 * @returns {{ id: 'result', steps: object[], format?: string, quality?: number }}
 */
export function transformsToVariation(transforms, { format, quality } = {}, root = 'transforms') {
  if (!Array.isArray(transforms) || transforms.length === 0) {
    throw is.invalidParameterError(root, 'non-empty array of color transforms', transforms);
  }
  const { choices, selector } = operations.color_transform;
  const supported = Object.keys(choices);
  const steps = transforms.map((t, i) => {
    const path = `${root}[${i}]`;
    if (!is.plainObject(t)) throw is.invalidParameterError(path, "object such as { transform: 'grayscale' }", t);
    if (t.type !== undefined && t.type !== 'color_transform') {
      throw new InvalidConfigurationError(`Expected type 'color_transform' (or no type) for ${path}.type but received '${t.type}'`, {
        details: { path: `${path}.type`, value: t.type, expected: "'color_transform'" },
      });
    }
    const name = t[selector];
    if (typeof name === 'string' && !Object.hasOwn(choices, name)) {
      throw new UnsupportedTransformationError(
        `Unsupported transform '${name}' at ${path}.${selector}; supported: ${supported.join(', ')}`,
        { details: { path: `${path}.${selector}`, value: name, expected: `one of ${supported.map((n) => `'${n}'`).join(', ')}`, supported } },
      );
    }
    return { ...t, type: 'color_transform' };
  });
  const variation = { id: 'result', steps };
  if (format !== undefined) variation.format = format;
  if (quality !== undefined) variation.quality = quality;
  return variation;
}

function isCache(cache) {
  return cache !== null && typeof cache === 'object' && ['get', 'set', 'delete', 'clear'].every((m) => is.fn(cache[m]));
}

function positiveInteger(value, path) {
  if (!(is.integer(value) && value >= 1)) throw is.invalidParameterError(path, 'positive integer', value);
}

function positiveNumber(value, path, allowInfinity = false) {
  const ok = typeof value === 'number' && value > 0 && (allowInfinity || Number.isFinite(value));
  if (!ok) throw is.invalidParameterError(path, allowInfinity ? 'positive number (Infinity = no limit)' : 'positive number', value);
}

function rejectUnknown(object, allowed, path) {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) {
      throw new InvalidConfigurationError(`Unknown option '${key}' for ${path}; expected one of: ${allowed.join(', ')}`, {
        details: { path: `${path}.${key}`, value: object[key], expected: `one of ${allowed.join(', ')}` },
      });
    }
  }
}

function dropUndefined(object) {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}
