// validate-options.js: checks the options of ImageProcessingService.create() and the per-call
// options, in the same message format as variation configs; returns them with defaults applied.
import * as is from './is.js';
import { InvalidConfigurationError } from '../errors.js';

const LOG_LEVELS = ['debug', 'info', 'warn', 'error'];

export const SERVICE_DEFAULTS = Object.freeze({
  cache: null,
  maxConcurrentOperations: 10,
  operationTimeoutMs: 30_000,
  maxInputPixels: 100_000_000,
  maxInputSide: 32_768,
  workers: undefined, // 1 for the threaded build (Halide threads use the cores), else min(cores, 4)
  threads: undefined, // Halide threads in the threaded build; default: the core count
  build: 'auto',
  logger: undefined, // silent
});

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
  if (o.workers !== undefined) positiveInteger(o.workers, `${path}.workers`);
  if (o.threads !== undefined) positiveInteger(o.threads, `${path}.threads`);
  if (!is.inArray(o.build, ['auto', 'mt', 'st'])) throw is.invalidParameterError(`${path}.build`, "one of 'auto', 'mt', 'st'", o.build);
  if (o.logger !== undefined && !(o.logger && LOG_LEVELS.every((level) => is.fn(o.logger[level])))) {
    throw is.invalidParameterError(`${path}.logger`, 'an object with debug, info, warn and error functions', o.logger);
  }
  return o;
}

/** Per-call options ({ cacheKey, signal, transfer, timeoutMs }) → checked copy. */
export function validateCallOptions(options = {}, path = 'options') {
  if (options === undefined || options === null) options = {};
  if (!is.plainObject(options)) throw is.invalidParameterError(path, 'object', options);
  rejectUnknown(options, ['cacheKey', 'signal', 'transfer', 'timeoutMs'], path);
  const { cacheKey, signal, transfer = false, timeoutMs } = options;
  if (cacheKey !== undefined && !is.string(cacheKey)) throw is.invalidParameterError(`${path}.cacheKey`, 'non-empty string', cacheKey);
  if (signal !== undefined && !is.abortSignal(signal)) throw is.invalidParameterError(`${path}.signal`, 'AbortSignal', signal);
  if (!is.bool(transfer)) throw is.invalidParameterError(`${path}.transfer`, 'boolean', transfer);
  if (timeoutMs !== undefined) positiveNumber(timeoutMs, `${path}.timeoutMs`, true);
  return { cacheKey, signal, transfer, timeoutMs };
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
