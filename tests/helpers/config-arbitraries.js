// config-arbitraries.js: fast-check generators of variation configs read from the catalogue
// (js/catalogue), so that every operation and parameter the catalogue declares is exercised and a
// new one is picked up without editing the tests. Used by the unit and the engine property tests.
import fc from 'fast-check';
import { catalogueEntries } from '../../js/catalogue/walk.js';
import { operations } from '../../js/catalogue/operations.js';

const ENTRIES = catalogueEntries();

/** A value `spec` accepts (integer, number, boolean, enum, color, array), within its range. */
export function validValue(spec) {
  switch (spec.type) {
    case 'integer': return fc.integer({ min: Math.max(spec.min, -1e6), max: Math.min(spec.max, 1e6) });
    case 'number': {
      const min = Math.max(spec.min, -1e6), max = Math.min(spec.max, 1e6);
      return fc.double({ min, max, noNaN: true, noDefaultInfinity: true })
        .filter((v) => !(spec.minExclusive && v === spec.min) && !(spec.maxExclusive && v === spec.max) && !Object.is(v, -0));
    }
    case 'boolean': return fc.boolean();
    case 'enum': return fc.constantFrom(...spec.values);
    case 'color': {
      const byte = fc.integer({ min: 0, max: 255 });
      return fc.oneof(fc.tuple(byte, byte, byte, byte),
        fc.tuple(byte, byte, byte).map((c) => `#${c.map((x) => x.toString(16).padStart(2, '0')).join('')}`));
    }
    case 'array': {
      const lengths = spec.lengths ?? [];
      const min = spec.minItems ?? 0, max = Math.min(spec.maxItems ?? 8, 8);
      const item = spec.items ? validValue(spec.items) : fc.integer();
      return lengths.length
        ? fc.constantFrom(...lengths).chain((n) => fc.array(item, { minLength: n, maxLength: n }))
        : fc.array(item, { minLength: min, maxLength: Math.max(min, max) });
    }
    default: throw new Error(`config-arbitraries: unknown parameter type ${spec.type}`);
  }
}

// The catalogue's declared cross-parameter rules (validate.js enforces them), so that a
// generated "valid" config is valid.
function satisfiesRules(entry, sub, params) {
  const any = entry.requireAnyOf;
  if (any && !any.some((k) => k in params)) return false;
  for (const { less: [a, b] } of sub.constraints ?? []) {
    const va = params[a] ?? sub.params[a].default, vb = params[b] ?? sub.params[b].default;
    if (va !== undefined && vb !== undefined && !(va < vb)) return false;
  }
  // maintainAspectRatio is the specification's other spelling of fit (validate.js): never both.
  return !('fit' in params && 'maintainAspectRatio' in params);
}

/** { id, type, [selector]: choice, ...some parameters }, every value within its range. */
export function catalogueConfig() {
  return fc.constantFrom(...ENTRIES).chain((e) => {
    const top = operations[e.type];
    const params = Object.fromEntries(Object.entries(e.params).map(([k, spec]) => [k, validValue(spec)]));
    return fc.record(params, { requiredKeys: [] })
      .filter((p) => satisfiesRules(top, e.entry, p))
      .map((p) => ({ id: 'v', type: e.type, ...(e.selector ? { [e.selector]: e.choice } : {}), ...p }));
  });
}

/**
 * The same config spelt differently (what a person might write by hand): keys in another order,
 * snake_case or alias spellings, defaults written out or left out. `coin` is an infinite stream
 * of booleans that makes the choices.
 */
export function respell(config, coin) {
  const flip = () => coin.next().value;
  const top = operations[config.type];
  const params = top.selector ? top.choices[config[top.selector]].params : top.params;
  const out = [];
  for (const [key, value] of Object.entries(config)) {
    const spec = params[key];
    if (!spec) { out.push([key, value]); continue; }
    if ('default' in spec && sameValue(value, spec.default) && flip()) continue;   // a default left out
    const spellings = [key, spec.snake, ...(spec.aliases ?? [])].filter(Boolean);
    out.push([spellings[flip() ? spellings.length - 1 : 0], value]);
  }
  // maintainAspectRatio is the specification's spelling of fit (validate.js): its default is not
  // independent of a fit that is given (fit 'fill' with maintainAspectRatio true is a conflict).
  const dependent = (key) => (key === 'maintainAspectRatio' && 'fit' in config) || (key === 'fit' && 'maintainAspectRatio' in config);
  for (const [key, spec] of Object.entries(params)) {
    if ('default' in spec && !(key in config) && !dependent(key) && flip()) out.push([key, spec.default]);   // a default written
  }
  if (flip()) out.reverse();
  return Object.fromEntries(out);
}

const sameValue = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** A copy of `object` with `key` as an OWN enumerable property (works for '__proto__' too). */
export function withOwnKey(object, key, value) {
  const copy = { ...object };
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

/** What a hostile or careless caller sends where a parameter belongs. */
export function hostileValue() {
  let deep = [];
  for (let i = 0; i < 10_000; i++) deep = [deep];
  return fc.oneof(
    fc.constantFrom(NaN, Infinity, -Infinity, -0, 1e308, -1e308, 2 ** 53 + 2, 5e-324, null, undefined, true, '', '0',
      '1e3', ' 7 ', [], {}, [NaN], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], () => 1, Symbol('hostile'), 10n, new Date(0),
      new Uint8Array(4), 'x'.repeat(1_000_000), deep, JSON.parse('{"__proto__": {"polluted": 1}}'),
      Object.create(null), new Proxy({}, {})),
    fc.anything({ maxDepth: 4 }),
    fc.string({ maxLength: 300 }),
    fc.double(),
  );
}
