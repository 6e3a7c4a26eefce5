// color-transformations.js: applyColorTransformations(image, transforms, options) — one
// multi-step variation of colour transforms (fused into one pass by the engine), run by
// js/worker/variations.js. The output format comes from the call options.
import { normaliseVariationConfigs } from '../config/normalise.js';
import { operations } from '../catalogue/operations.js';
import { InvalidConfigurationError, UnsupportedTransformationError } from '../errors.js';
import * as is from '../config/is.js';
import { imageOutput } from './outputs.js';

export default {
  name: 'applyColorTransformations',
  worker: 'variations',
  prepare([image, transforms], { limits, output }) {
    let variants;
    try {
      variants = normaliseVariationConfigs([transformsToVariation(transforms)], 'transforms', limits);
    } catch (error) {
      throw rebaseTransformPath(error);
    }
    variants[0].output = output;
    const pathOf = (v, s) => (s === undefined ? 'transforms' : `transforms[${s}]`);
    return { inputs: [{ image, path: 'image' }], request: { variants }, pathOf };
  },
  finish: (value) => imageOutput(value.outputs[0]),
  summary: () => '1 output',
};

/**
 * transforms → one multi-step variation config, so the catalogue's validation and normalisation
 * apply. Each transform is `{ transform, ...params }` or `{ type: 'color_transform', transform, ... }`;
 * an unknown transform is an UnsupportedTransformationError naming it and listing the supported ones.
 */
export function transformsToVariation(transforms, root = 'transforms') {
  if (!Array.isArray(transforms) || transforms.length === 0) {
    throw is.invalidParameterError(root, 'non-empty array of color transforms', transforms);
  }
  const { choices, selector } = operations.color_transform;
  const supported = Object.keys(choices);
  const steps = transforms.map((t, i) => {
    const path = `${root}[${i}]`;
    if (!is.plainObject(t)) throw is.invalidParameterError(path, "object such as { transform: 'grayscale' }", t);
    if (t.type !== undefined && t.type !== 'color_transform') {
      throw new InvalidConfigurationError(`Expected type 'color_transform' (or no type) for ${path}.type but received '${t.type}'`, {
        details: { path: `${path}.type`, value: t.type, expected: "'color_transform'" },
      });
    }
    const name = t[selector];
    if (typeof name === 'string' && !Object.hasOwn(choices, name)) {
      throw new UnsupportedTransformationError(
        `Unsupported transform '${name}' at ${path}.${selector}; supported: ${supported.join(', ')}`,
        { details: { path: `${path}.${selector}`, value: name, expected: `one of ${supported.map((n) => `'${n}'`).join(', ')}`, supported } },
      );
    }
    return { ...t, type: 'color_transform' };
  });
  return { id: 'result', steps };
}

/** transforms[0].steps[i] → transforms[i] in a config error from the one-variation form. */
function rebaseTransformPath(error) {
  const fix = (text) => (typeof text === 'string' ? text.replace(/transforms\[0\]\.steps\[(\d+)\]/g, 'transforms[$1]') : text);
  if (error?.details?.path) error.details.path = fix(error.details.path);
  if (error?.message) error.message = fix(error.message);
  return error;
}
