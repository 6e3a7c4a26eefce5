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
  const snake = Object.fromEntries(Object.entries(entry.options).filter(([, spec]) => spec.snake).map(([key, spec]) => [spec.snake, key]));
  const allowed = [...Object.keys(COMMON_CALL_OPTIONS), ...Object.keys(entry.options), ...Object.keys(snake), ...(entry.output ? OUTPUT_OPTIONS : [])];
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new InvalidConfigurationError(`Unknown option '${key}' for ${path}; expected one of: ${allowed.join(', ')}`, {
        details: { path: `${path}.${key}`, value: options[key], expected: `one of ${allowed.join(', ')}` },
      });
    }
  }
  const { cacheKey, signal, transfer = false, timeoutMs, onProgress } = options;
  if (cacheKey !== undefined && !is.string(cacheKey)) throw is.invalidParameterError(`${path}.cacheKey`, 'non-empty string', cacheKey);
  if (signal !== undefined && !is.abortSignal(signal)) throw is.invalidParameterError(`${path}.signal`, 'AbortSignal', signal);
  if (!is.bool(transfer)) throw is.invalidParameterError(`${path}.transfer`, 'boolean', transfer);
  if (timeoutMs !== undefined && !(typeof timeoutMs === 'number' && timeoutMs > 0)) {
    throw is.invalidParameterError(`${path}.timeoutMs`, 'positive number (Infinity = no limit)', timeoutMs);
  }
  if (onProgress !== undefined && !is.fn(onProgress)) throw is.invalidParameterError(`${path}.onProgress`, 'function', onProgress);
  const call = { cacheKey, signal, transfer, timeoutMs };
  if (onProgress !== undefined) call.onProgress = onProgress;

  const method = {};
  for (const [key, spec] of Object.entries(entry.options)) {
    const given = is.defined(options[key]) ? options[key] : options[spec.snake];
    if (spec.snake && is.defined(options[key]) && is.defined(options[spec.snake]) && options[key] !== options[spec.snake]) {
      throw new InvalidConfigurationError(`Both ${path}.${key} and ${path}.${spec.snake} are given, with different values`, {
        details: { path: `${path}.${key}`, value: options[key], expected: `the same value as ${path}.${spec.snake}` },
      });
    }
    const value = is.defined(given) ? given : spec.default;
    if (!is.defined(value)) continue;
    checkValue(spec, value, `${path}.${key}`);
    method[key] = value;
  }
  const output = entry.output ? normaliseOutput(options, path, { available: encodable }) : undefined;
  return { call, method, output };
}
