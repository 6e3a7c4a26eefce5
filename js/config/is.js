// is.js: one-line validation predicates (sharp's lib/is.mjs style) and the one message format
// every config error uses: "Expected <what> for <path> but received <value> of type <type>".
import { InvalidConfigurationError } from '../errors.js';

/** Neither undefined nor null (JSON configs use null for "not given"). */
export const defined = (v) => v !== undefined && v !== null;
/** A plain object literal (not an array, class instance or null). */
export const plainObject = (v) => {
  if (Object.prototype.toString.call(v) !== '[object Object]') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};
/** A boolean. */
export const bool = (v) => typeof v === 'boolean';
/** A non-empty string. */
export const string = (v) => typeof v === 'string' && v.length > 0;
/** A finite number. */
export const number = (v) => typeof v === 'number' && Number.isFinite(v);
/** An integer. */
export const integer = (v) => Number.isInteger(v);
/** Within [min, max], either end optionally open. */
export const inRange = (v, min, max, { minExclusive = false, maxExclusive = false } = {}) =>
  (minExclusive ? v > min : v >= min) && (maxExclusive ? v < max : v <= max);
/** One of the given values. */
export const inArray = (v, list) => list.includes(v);
/** A function. */
export const fn = (v) => typeof v === 'function';
/** A Uint8Array or Uint8ClampedArray (Node's Buffer included). */
export const byteArray = (v) => v instanceof Uint8Array || v instanceof Uint8ClampedArray;
/** An ArrayBuffer (not a SharedArrayBuffer). */
export const arrayBuffer = (v) => v instanceof ArrayBuffer;
/** A Blob (File included) where the platform has Blob. */
export const blob = (v) => typeof Blob === 'function' && v instanceof Blob;
/** An AbortSignal-like object. */
export const abortSignal = (v) =>
  v !== null && typeof v === 'object' && typeof v.aborted === 'boolean' && fn(v.addEventListener);

/** Short human rendering of a received value for messages. */
export function describe(value) {
  if (typeof value === 'string') return `'${value.length > 60 ? `${value.slice(0, 57)}...` : value}'`;
  if (typeof value === 'bigint') return `${value}n`;
  if (value === null || typeof value !== 'object') return String(value);
  let text;
  try {
    text = JSON.stringify(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** typeof, but telling null and arrays apart. */
export function typeName(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** The standard InvalidConfigurationError for one field. */
export function invalidParameterError(path, expected, value) {
  return new InvalidConfigurationError(
    `Expected ${expected} for ${path} but received ${describe(value)} of type ${typeName(value)}`,
    { details: { path, value, expected } },
  );
}
