// validate-options.js: checks the options of ImageProcessingService.create(), in the same message
// format as variation configs; returns them with defaults applied. (Per-call options: call-options.js.)
import * as is from './is.js';
import { InvalidConfigurationError } from '../errors.js';
import { COLOR_MANAGEMENT } from '../catalogue/methods.js';

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
  workers: undefined, // threaded build: 1; single-threaded build: the host's defaultWorkers(cores)
  threads: undefined, // Halide threads per worker in the threaded build: floor(cores / workers)
  build: 'auto',
  threadStartTimeoutMs: 10_000, // the threaded build must start its threads within this, else st
  logger: undefined, // silent
  colorManagement: 'convert', // embedded ICC profiles → sRGB ('ignore' | 'preserve': pixels as stored)
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
  positiveInteger(o.maxMemoryBytes, `${path}.maxMemoryBytes`);
  if (!(is.integer(o.imageCacheBytes) && o.imageCacheBytes >= 0)) {
    throw is.invalidParameterError(`${path}.imageCacheBytes`, 'integer >= 0', o.imageCacheBytes);
  }
  positiveNumber(o.idleTimeoutMs, `${path}.idleTimeoutMs`, true);
  positiveNumber(o.threadStartTimeoutMs, `${path}.threadStartTimeoutMs`, true);
  if (o.workers !== undefined) positiveInteger(o.workers, `${path}.workers`);
  if (o.threads !== undefined) positiveInteger(o.threads, `${path}.threads`);
  if (!is.inArray(o.colorManagement, COLOR_MANAGEMENT)) {
    throw is.invalidParameterError(`${path}.colorManagement`, "one of 'convert', 'ignore', 'preserve'", o.colorManagement);
  }
  if (!is.inArray(o.build, ['auto', 'mt', 'st'])) throw is.invalidParameterError(`${path}.build`, "one of 'auto', 'mt', 'st'", o.build);
  if (o.logger !== undefined && !(o.logger && LOG_LEVELS.every((level) => is.fn(o.logger[level])))) {
    throw is.invalidParameterError(`${path}.logger`, 'an object with debug, info, warn and error functions', o.logger);
  }
  return o;
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
