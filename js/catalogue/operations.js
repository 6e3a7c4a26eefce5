// operations.js: THE catalogue of variation operations (data only). validate.js, normalise.js,
// the types and the docs derive from it. Keys are the camelCase names; `snake` is the spelling
// used by the Python specification; `aliases` are other accepted names for the same parameter.
//
// Parameter fields:
//   type     'integer' | 'number' | 'boolean' | 'enum' | 'color'
//   unit     for numbers: what the value measures
//   min/max  inclusive bounds; minExclusive/maxExclusive make that end open
//   values   for enums: the allowed strings
//   default  applied by normalise.js when the parameter is absent (none = optional without default)
//   doc      one line for docs and error messages
//   items    for arrays: the spec every element must meet; minItems/maxItems bound the length,
//            lengths (optional) lists the only lengths allowed
//   acceptsRows  for arrays: nested rows are accepted too and checked (and sent) flat
//   wire     the engine's name for the parameter when it differs (normalise.js renames it)
//
// Entry fields besides params: op (the engine op id), doc, requireAnyOf (at least one of these
// parameters), constraints ([{ less: [a, b] }]: a < b, defaults included).
//
// Each family keeps its entries in families/<family>.js; this file only assembles them.

import { geometryTypes, FIT_MODES, MAX_DIMENSION } from './families/geometry.js';
import { colorTransforms } from './families/color.js';
import { filters } from './families/filters.js';

export { FIT_MODES, MAX_DIMENSION };

export const operations = {
  ...geometryTypes,
  color_transform: {
    doc: 'Transform the colours of every pixel.',
    selector: 'transform',
    choices: colorTransforms,
  },
  filter: {
    doc: 'Apply a neighbourhood filter.',
    selector: 'filter',
    choices: filters,
  },
};
