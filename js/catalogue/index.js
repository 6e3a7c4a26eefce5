// catalogue/index.js: the read-only catalogue as exported to users (deep-frozen copies, so that
// nobody can change validation rules at run time by mutating it).
import { operations } from './operations.js';
import { formats, DEFAULT_FORMAT } from './formats.js';
import { methods } from './methods.js';

function deepFreeze(value) {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** A copy of the data only: the engine-side functions (outputSize) stay internal. */
function dataOnly(value) {
  if (Array.isArray(value)) return value.map(dataOnly);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => typeof v !== 'function').map(([k, v]) => [k, dataOnly(v)]));
  }
  return value;
}

export const catalogue = deepFreeze({
  operations: dataOnly(operations),
  formats: dataOnly(formats),
  /** Each public method's own options, analysis types and blend modes. */
  methods: dataOnly(methods),
  defaultFormat: DEFAULT_FORMAT,
});
