// call-options.js: a method's last argument → { call: the common options, method: its own
// options (catalogue/methods.js) with defaults, output?: the output baton (format + encoder
// options, output-options.js) for methods that return an image }.
import * as is from './is.js';
import { InvalidConfigurationError } from '../errors.js';
import { methods, COMMON_CALL_OPTIONS, OUTPUT_OPTIONS } from '../catalogue/methods.js';
import { normaliseOutput } from './output-options.js';
import { checkValue } from './validate.js';

/**
 * @param {string} name the public method
 * @param {unknown} options the caller's options object (undefined/null = none)
 * @param {{ encodable?: string[], path?: string }} [o] encodable: the formats this engine encodes
 */
export function validateCallOptions(name, options, { encodable, path = 'options' } = {}) {
  const entry = methods[name];
  if (options === undefined || options === null) options = {};
  if (!is.plainObject(options)) throw is.invalidParameterError(path, 'object', options);
  const allowed = [...Object.keys(COMMON_CALL_OPTIONS), ...declaredKeys(entry.options), ...(entry.output ? OUTPUT_OPTIONS : [])];
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new InvalidConfigurationError(`Unknown option '${key}' for ${path}; expected one of: ${allowed.join(', ')}`, {
        details: { path: `${path}.${key}`, value: options[key], expected: `one of ${allowed.join(', ')}` },
      });
    }
  }
  const { cacheKey, signal, transfer = false, timeoutMs, onProgress, colorManagement } = options;
  if (cacheKey !== undefined && !is.string(cacheKey)) throw is.invalidParameterError(`${path}.cacheKey`, 'non-empty string', cacheKey);
  if (signal !== undefined && !is.abortSignal(signal)) throw is.invalidParameterError(`${path}.signal`, 'AbortSignal', signal);
  if (!is.bool(transfer)) throw is.invalidParameterError(`${path}.transfer`, 'boolean', transfer);
  if (timeoutMs !== undefined && !(typeof timeoutMs === 'number' && timeoutMs > 0)) {
    throw is.invalidParameterError(`${path}.timeoutMs`, 'positive number (Infinity = no limit)', timeoutMs);
  }
  if (onProgress !== undefined && !is.fn(onProgress)) throw is.invalidParameterError(`${path}.onProgress`, 'function', onProgress);
  if (colorManagement !== undefined) checkValue(COMMON_CALL_OPTIONS.colorManagement, colorManagement, `${path}.colorManagement`);
  const call = { cacheKey, signal, transfer, timeoutMs };
  if (onProgress !== undefined) call.onProgress = onProgress;
  if (colorManagement !== undefined) call.colorManagement = colorManagement;

  const method = resolveOptions(entry.options, options, path);
  const output = entry.output ? normaliseOutput(options, path, { available: encodable }) : undefined;
  return { call, method, output };
}

/**
 * Options declared as parameter specs (camelCase key, optional `snake` spelling, `default`) →
 * their values with defaults applied, each checked (checkValue). Both spellings with different
 * values is an InvalidConfigurationError. Keys of `given` that no spec declares are ignored here
 * (the caller rejects or routes them).
 */
export function resolveOptions(specs, given, path) {
  const values = {};
  for (const [key, spec] of Object.entries(specs)) {
    const camel = given[key];
    const snake = spec.snake ? given[spec.snake] : undefined;
    if (is.defined(camel) && is.defined(snake) && camel !== snake) {
      throw new InvalidConfigurationError(`Both ${path}.${key} and ${path}.${spec.snake} are given, with different values`, {
        details: { path: `${path}.${key}`, value: camel, expected: `the same value as ${path}.${spec.snake}` },
      });
    }
    const value = is.defined(camel) ? camel : is.defined(snake) ? snake : spec.default;
    if (!is.defined(value)) continue;
    checkValue(spec, value, `${path}.${key}`);
    values[key] = value;
  }
  return values;
}

/** Every spelling (camelCase and snake_case) that `specs` declare. */
export function declaredKeys(specs) {
  return new Set(Object.entries(specs).flatMap(([key, spec]) => [key, spec.snake].filter(Boolean)));
}
