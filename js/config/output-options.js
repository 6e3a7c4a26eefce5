// output-options.js: `format` + `formatOptions` (+ the `quality` shorthand) of any method that
// returns an image → the engine's output baton { op: format, ...options with defaults }, checked
// against the format catalogue. An unknown or unavailable format is an UnsupportedFormatError
// (direction 'encode', details.available); a bad option of a known format an
// InvalidConfigurationError.
import { formats, DEFAULT_FORMAT } from '../catalogue/formats.js';
import { InvalidConfigurationError, UnsupportedFormatError } from '../errors.js';
import { parseColor } from './color.js';
import { checkValue } from './validate.js';
import * as is from './is.js';

/** The canonical format name for a name or alias ('jpg' → 'jpeg'), else undefined. */
export function resolveFormatName(name) {
  if (typeof name !== 'string') return undefined;
  const lower = name.toLowerCase();
  return Object.keys(formats).find((key) => key === lower || formats[key].aliases?.includes(lower));
}

/**
 * @param {{ format?: unknown, formatOptions?: unknown, quality?: unknown }} given
 * @param {string} path where these keys live, for error paths ('variationConfigs[2]', 'options')
 * @param {{ available?: string[], defaultFormat?: string, optionsPath?: string }} [o] available: the
 *   formats this engine encodes; optionsPath: where the encoder options live (default `${path}.formatOptions`)
 * @returns {{ op: string } & Record<string, unknown>} the output baton
 */
export function normaliseOutput(given, path, { available = Object.keys(formats), defaultFormat = DEFAULT_FORMAT, optionsPath = `${path}.formatOptions` } = {}) {
  const format = is.defined(given.format) ? resolveFormatName(given.format) : defaultFormat;
  if (!format || !available.includes(format)) throw unsupportedFormat(given.format, `${path}.format`, available);
  const specs = formats[format].options;
  const options = given.formatOptions ?? {};
  if (!is.plainObject(options)) throw is.invalidParameterError(optionsPath, 'object', options);
  const merged = { ...options };
  if (is.defined(given.quality)) {
    if (!specs.quality) {
      throw new InvalidConfigurationError(`quality is not an option of format '${format}' (at ${path}.quality)`, {
        details: { path: `${path}.quality`, value: given.quality, expected: 'no quality for this format' },
      });
    }
    if (is.defined(options.quality) && options.quality !== given.quality) {
      throw new InvalidConfigurationError(`quality given twice with different values (at ${path}.quality and ${optionsPath}.quality)`, {
        details: { path: `${path}.quality`, value: given.quality, expected: `the same value as ${optionsPath}.quality` },
      });
    }
    merged.quality = given.quality;
  }
  const baton = { op: format };
  for (const key of Object.keys(merged)) {
    if (!Object.hasOwn(specs, key)) {
      const known = Object.keys(specs);
      throw new InvalidConfigurationError(
        `Unknown option '${key}' for format '${format}' at ${optionsPath}.${key}; ${known.length ? `expected one of: ${known.join(', ')}` : 'this format has no options'}`,
        { details: { path: `${optionsPath}.${key}`, value: merged[key], expected: known.length ? `one of ${known.join(', ')}` : 'no options' } },
      );
    }
  }
  for (const [key, spec] of Object.entries(specs)) {
    const value = is.defined(merged[key]) ? merged[key] : spec.default;
    if (!is.defined(value)) continue;
    checkValue(spec, value, key === 'quality' && is.defined(given.quality) ? `${path}.quality` : `${optionsPath}.${key}`);
    baton[key] = spec.type === 'color' ? parseColor(value) : value;
  }
  return baton;
}

/** The encode-side UnsupportedFormatError, naming what is available. */
export function unsupportedFormat(value, path, available) {
  const list = available.map((n) => `'${n}'`).join(', ');
  return new UnsupportedFormatError(`Cannot encode format ${JSON.stringify(value)} (at ${path}); available: ${list}`, {
    details: { path, value, expected: `one of ${list}`, direction: 'encode', available: [...available] },
  });
}
