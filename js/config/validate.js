// validate.js: walks variation configs against the catalogue. Returns them resolved (canonical
// camelCase keys, aliases merged, format resolved) for normalise.js; throws a typed error with a
// path on the first problem. Defaults are not applied here.
import { operations } from '../catalogue/operations.js';
import { InvalidConfigurationError, UnsupportedTransformationError } from '../errors.js';
import * as is from './is.js';
import { parseColor, COLOR_EXPECTED } from './color.js';
import { normaliseOutput } from './output-options.js';

const VARIANT_KEYS = ['id', 'format', 'formatOptions', 'quality'];

/**
 * @param {unknown} configs the user's variation configs
 * @param {string} [root] the name used in error paths
 * @param {{ available?: string[] }} [output] the formats this engine encodes
 * @returns {{ id: string, output: { op: string },
 *             steps: { type: string, choice?: string, op: string, params: object }[] }[]}
 *   output: the output baton (format and its options with defaults, output-options.js)
 */
export function validateVariationConfigs(configs, root = 'variationConfigs', output = {}) {
  if (!Array.isArray(configs) || configs.length === 0) {
    throw is.invalidParameterError(root, 'non-empty array of variation configs', configs);
  }
  const seen = new Set();
  return configs.map((config, index) => {
    const variant = validateVariant(config, `${root}[${index}]`, output);
    if (seen.has(variant.id)) {
      throw new InvalidConfigurationError(`Duplicate id '${variant.id}' at ${root}[${index}].id: ids must be unique`, {
        details: { path: `${root}[${index}].id`, value: variant.id, expected: 'unique string' },
      });
    }
    seen.add(variant.id);
    return variant;
  });
}

function validateVariant(config, path, outputOptions) {
  if (!is.plainObject(config)) throw is.invalidParameterError(path, 'object', config);
  if (!is.string(config.id)) throw is.invalidParameterError(`${path}.id`, 'non-empty string', config.id);
  const output = normaliseOutput(config, path, outputOptions);

  if (config.steps !== undefined) {
    if (config.type !== undefined) {
      throw new InvalidConfigurationError(`Give either type or steps for ${path}, not both`, {
        details: { path: `${path}.type`, value: config.type, expected: 'no type when steps is given' },
      });
    }
    rejectUnknownKeys(config, [...VARIANT_KEYS, 'steps'], path);
    if (!Array.isArray(config.steps)) throw is.invalidParameterError(`${path}.steps`, 'array of steps', config.steps);
    const steps = config.steps.map((step, i) => {
      const stepPath = `${path}.steps[${i}]`;
      if (!is.plainObject(step)) throw is.invalidParameterError(stepPath, 'object', step);
      return validateStep(step, stepPath, []);
    });
    return { id: config.id, output, steps };
  }
  return { id: config.id, output, steps: [validateStep(config, path, VARIANT_KEYS)] };
}

function validateStep(step, path, reservedKeys) {
  const { type } = step;
  if (!is.defined(type)) throw is.invalidParameterError(`${path}.type`, `one of ${quoteList(Object.keys(operations))}`, type);
  if (typeof type !== 'string') throw is.invalidParameterError(`${path}.type`, 'string', type);
  const entry = Object.hasOwn(operations, type) ? operations[type] : undefined;
  if (!entry) throw unsupported('variation type', type, `${path}.type`, Object.keys(operations));

  let params = entry.params;
  let op = entry.op;
  let choice;
  const keys = [...reservedKeys, 'type'];
  if (entry.selector) {
    choice = step[entry.selector];
    const choicePath = `${path}.${entry.selector}`;
    const names = Object.keys(entry.choices);
    if (!is.defined(choice)) throw is.invalidParameterError(choicePath, `one of ${quoteList(names)}`, choice);
    if (typeof choice !== 'string') throw is.invalidParameterError(choicePath, 'string', choice);
    if (!Object.hasOwn(entry.choices, choice)) throw unsupported(entry.selector, choice, choicePath, names);
    ({ params, op } = entry.choices[choice]);
    keys.push(entry.selector);
  }

  const spellings = spellingTable(params);
  rejectUnknownKeys(step, [...keys, ...spellings.keys()], path, type);
  const resolved = resolveParams(step, params, path);
  checkRequirements(entry, resolved, step, path);
  checkConstraints(entry.selector ? entry.choices[choice] : entry, params, resolved, step, path);
  return { type, choice, op, params: resolved };
}

/** spelling → canonical key, for every accepted spelling of every parameter. */
function spellingTable(params) {
  const table = new Map();
  for (const [key, spec] of Object.entries(params)) {
    for (const spelling of [key, spec.snake, ...(spec.aliases ?? [])]) if (spelling) table.set(spelling, key);
  }
  return table;
}

function resolveParams(step, params, path) {
  const resolved = {};
  for (const [key, spec] of Object.entries(params)) {
    const given = [key, spec.snake, ...(spec.aliases ?? [])]
      .filter((spelling, i, all) => spelling && all.indexOf(spelling) === i && is.defined(step[spelling]));
    if (given.length === 0) continue;
    const [first, ...others] = given;
    const clash = others.find((other) => !sameValue(step[other], step[first]));
    if (clash) {
      throw new InvalidConfigurationError(
        `Conflicting values for ${path}.${key}: ${first} is ${is.describe(step[first])} but ${clash} is ${is.describe(step[clash])}`,
        { details: { path: `${path}.${clash}`, value: step[clash], expected: `the same value as ${first}` } },
      );
    }
    checkValue(spec, step[first], `${path}.${first}`);
    resolved[key] = step[first];
  }
  return resolved;
}

function checkRequirements(entry, resolved, step, path) {
  if (entry.requireAnyOf && !entry.requireAnyOf.some((key) => key in resolved)) {
    throw new InvalidConfigurationError(`Expected at least one of ${entry.requireAnyOf.join(', ')} for ${path}`, {
      details: { path, value: step, expected: `at least one of ${entry.requireAnyOf.join(', ')}` },
    });
  }
  // maintainAspectRatio is the specification's spelling of fit; the two must not contradict.
  if ('fit' in resolved && 'maintainAspectRatio' in resolved) {
    const fill = resolved.fit === 'fill';
    if (fill === resolved.maintainAspectRatio) {
      throw new InvalidConfigurationError(
        `Conflicting values for ${path}: maintainAspectRatio ${resolved.maintainAspectRatio} contradicts fit '${resolved.fit}'`,
        { details: { path: `${path}.fit`, value: resolved.fit, expected: fill ? 'maintainAspectRatio false' : "fit other than 'fill'" } },
      );
    }
  }
}

/**
 * Cross-parameter rules a single range cannot say, declared in the catalogue as
 * `constraints: [{ less: ['inputBlack', 'inputWhite'] }]` (defaults count when a side is absent).
 */
function checkConstraints(entry, params, resolved, step, path) {
  for (const rule of entry.constraints ?? []) {
    const [a, b] = rule.less;
    const va = resolved[a] ?? params[a].default;
    const vb = resolved[b] ?? params[b].default;
    if (va === undefined || vb === undefined || va < vb) continue;
    const spelled = (key) => [key, params[key].snake, ...(params[key].aliases ?? [])].find((k) => k in step) ?? key;
    throw new InvalidConfigurationError(`Expected ${a} < ${b} for ${path} but received ${a} ${va} and ${b} ${vb}`, {
      details: { path: `${path}.${spelled(b)}`, value: vb, expected: `greater than ${a} (${va})` },
    });
  }
}

function rejectUnknownKeys(object, allowed, path, type) {
  for (const key of Object.keys(object)) {
    if (allowed.includes(key) || object[key] === undefined) continue;
    const where = type ? `${path} (type '${type}')` : path;
    throw new InvalidConfigurationError(`Unknown field '${key}' for ${where}; expected one of: ${allowed.join(', ')}`, {
      details: { path: `${path}.${key}`, value: object[key], expected: `one of ${allowed.join(', ')}` },
    });
  }
}

/** Throws InvalidConfigurationError unless `value` satisfies the catalogue parameter `spec`. */
export function checkValue(spec, value, path) {
  if (!valueMatches(spec, value)) throw is.invalidParameterError(path, expectedText(spec), value);
}

function valueMatches(spec, value) {
  switch (spec.type) {
    case 'integer': return is.integer(value) && is.inRange(value, spec.min, spec.max, spec);
    case 'number': return is.number(value) && is.inRange(value, spec.min, spec.max, spec);
    case 'boolean': return is.bool(value);
    case 'enum': return is.inArray(value, spec.values);
    case 'color': return parseColor(value) !== null;
    case 'array': return arrayMatches(spec, value);
    default: throw new Error(`catalogue: unknown parameter type ${spec.type}`);
  }
}

function arrayMatches(spec, value) {
  if (!Array.isArray(value)) return false;
  // `acceptsRows`: a matrix may come as rows ([[a, b, c], [d, e, f], …]); it is checked flat.
  if (spec.acceptsRows && value.length > 0 && value.every(Array.isArray)) value = value.flat();
  if (spec.minItems !== undefined && value.length < spec.minItems) return false;
  if (spec.maxItems !== undefined && value.length > spec.maxItems) return false;
  if (spec.lengths && !spec.lengths.includes(value.length)) return false;
  return !spec.items || value.every((item) => valueMatches(spec.items, item));
}

function arrayLengthText(spec) {
  if (spec.lengths) return `${spec.lengths.join(' or ')} `;
  if (spec.minItems !== undefined && spec.minItems === spec.maxItems) return `${spec.minItems} `;
  if (spec.minItems !== undefined && spec.maxItems !== undefined) return `${spec.minItems} to ${spec.maxItems} `;
  if (spec.minItems !== undefined) return `at least ${spec.minItems} `;
  return '';
}

/** The "Expected …" phrase for a catalogue parameter. */
export function expectedText(spec) {
  switch (spec.type) {
    case 'integer': return `integer between ${spec.min} and ${spec.max}`;
    case 'number':
      if (spec.minExclusive || spec.maxExclusive) {
        return `number in ${spec.minExclusive ? '(' : '['}${spec.min}, ${spec.max}${spec.maxExclusive ? ')' : ']'}`;
      }
      return `number between ${spec.min} and ${spec.max}`;
    case 'boolean': return 'boolean';
    case 'enum': return `one of ${quoteList(spec.values)}`;
    case 'color': return COLOR_EXPECTED;
    case 'array': return `array of ${arrayLengthText(spec)}${spec.items ? `(${expectedText(spec.items)})` : 'items'}`;
    default: return spec.type;
  }
}

function unsupported(what, name, path, supported) {
  return new UnsupportedTransformationError(
    `Unsupported ${what} '${name}' at ${path}; supported: ${supported.join(', ')}`,
    { details: { path, value: name, expected: `one of ${quoteList(supported)}`, supported } },
  );
}

function sameValue(a, b) {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return Object.is(a, b);
}

const quoteList = (names) => names.map((n) => `'${n}'`).join(', ');
