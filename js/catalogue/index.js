// catalogue/index.js: the read-only catalogue as exported to users (deep-frozen copies, so that
// nobody can change validation rules at run time by mutating it).
import { operations } from './operations.js';
import { formats, DEFAULT_FORMAT } from './formats.js';

function deepFreeze(value) {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

export const catalogue = deepFreeze({
  operations: structuredClone(operations),
  formats: structuredClone(formats),
  defaultFormat: DEFAULT_FORMAT,
});
