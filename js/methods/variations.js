// variations.js: generateVariations(image, variationConfigs, options) — validated and normalised
// here (main thread), run by js/worker/variations.js on the decoded image.
import { normaliseVariationConfigs } from '../config/normalise.js';
import { imageOutput } from './outputs.js';

export default {
  name: 'generateVariations',
  worker: 'variations',
  /**
   * @param {[unknown, unknown]} args image, variationConfigs
   * @param {{ limits, encodable }} env
   */
  prepare([image, configs], { limits, encodable, options = {} }) {
    const variants = normaliseVariationConfigs(configs, undefined, limits, { available: encodable });
    const pathOf = (v, s) => {
      const hasSteps = Array.isArray(configs[v]?.steps);
      return `variationConfigs[${v}]${hasSteps && s !== undefined ? `.steps[${s}]` : ''}`;
    };
    // Only the non-default value enters the request (and so the cache key).
    const request = options.shrinkOnLoad === false ? { variants, shrinkOnLoad: false } : { variants };
    return { inputs: [{ image, path: 'image' }], request, pathOf };
  },
  /** id → encoded bytes, or { width, height, data } for 'raw'. */
  finish(value) {
    return Object.fromEntries(value.outputs.map((out) => [out.id, imageOutput(out)]));
  },
  summary(value) {
    const shared = value.outputs.filter((o) => o.sharedSteps > 0).map((o) => `${o.id} +${o.sharedSteps}`);
    return `${value.outputs.length} output(s)${shared.length ? ` (shared steps: ${shared.join(', ')})` : ''}`;
  },
};
