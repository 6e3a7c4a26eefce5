// analyze.js: analyzeImage(image, analysisTypes, options) — every requested type from one decode,
// run by js/worker/analyze.js; the result is plain data (js-api.md's shapes).
import { methods } from '../catalogue/methods.js';
import { UnsupportedAnalysisError } from '../errors.js';
import * as is from '../config/is.js';

const SUPPORTED = methods.analyzeImage.types;

export default {
  name: 'analyzeImage',
  worker: 'analyze',
  prepare([image, analysisTypes], { options }) {
    const types = checkTypes(analysisTypes);
    const request = { types, paletteSize: options.paletteSize, aspectRatio: options.aspectRatio };
    // Only the non-default value enters the request (and so the cache key).
    if (options.saliencyMap) request.saliencyMap = true;
    return { inputs: [{ image, path: 'image' }], request };
  },
  finish: (value) => value.analysis,
  summary: (value) => Object.keys(value.analysis).join(', '),
};

/** A non-empty array of known type names (snake_case 'smart_crop' accepted) → unique, in catalogue order. */
function checkTypes(list) {
  const path = 'analysisTypes';
  if (typeof list === 'string') list = [list];
  if (!Array.isArray(list) || list.length === 0) throw is.invalidParameterError(path, `non-empty array of analysis types (${SUPPORTED.join(', ')})`, list);
  const wanted = new Set();
  list.forEach((name, i) => {
    const canonical = name === 'smart_crop' ? 'smartCrop' : name;
    if (typeof canonical !== 'string' || !SUPPORTED.includes(canonical)) {
      throw new UnsupportedAnalysisError(`Unsupported analysis type ${JSON.stringify(name)} at ${path}[${i}]; supported: ${SUPPORTED.join(', ')}`, {
        details: { path: `${path}[${i}]`, value: name, expected: `one of ${SUPPORTED.map((n) => `'${n}'`).join(', ')}`, supported: [...SUPPORTED] },
      });
    }
    wanted.add(canonical);
  });
  return SUPPORTED.filter((t) => wanted.has(t));
}
