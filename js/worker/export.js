// export.js (worker): processForExport on one stored image. The resize (maxWidth/maxHeight) and
// the encode run as one variation; with targetSizeBytes the encode is repeated on the same
// decoded image, bisecting the quality (or palette size) for the largest output under the budget.
// request: { steps, output, targetSizeBytes?, search? }; value: { output, attempts, warnings? }.
import * as api from '../wasm/module-api.js';
import { variantPeakBytes } from '../wasm/memory-estimate.js';
import { ImageProcessingError } from '../errors.js';

export default {
  workBytes: (request, [dims]) => variantPeakBytes({ steps: request.steps, output: request.output }, dims.width, dims.height),

  run({ module, request, images: [image], limits }) {
    let attempts = 0;
    const encode = (output) => {
      attempts += 1;
      return api.runVariations(module, image.handle, [{ id: 'export', steps: request.steps, output }], limits).outputs[0];
    };
    const first = encode(request.output);
    const budget = request.targetSizeBytes;
    let best = first;
    if (budget && first.data.byteLength > budget) best = searchUnder(encode, request, budget);
    // What the output could not keep (keepIccProfile with a CMYK source, say): logged by the service.
    const warnings = best.warnings;
    return { value: { output: best, attempts, ...(warnings ? { warnings } : {}) }, transfer: [best.data.buffer] };
  },
};

/** The largest setting whose output fits the budget (outputs shrink as the setting falls). */
function searchUnder(encode, { output, search }, budget) {
  if (!search) throw unreachable(budget, undefined, `${output.op} has no setting that trades size (lossless)`);
  const at = (v) => encode({ ...output, ...(search.palette ? { palette: true } : {}), [search.key]: v });
  const smallest = at(search.min);
  if (smallest.data.byteLength > budget) throw unreachable(budget, smallest.data.byteLength, `${search.key} ${search.min} gives ${smallest.data.byteLength} bytes`);
  let [lo, hi, best] = [search.min, search.max - 1, smallest];
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const out = at(mid);
    if (out.data.byteLength <= budget) [lo, best] = [mid, out];
    else hi = mid - 1;
  }
  return best;
}

function unreachable(budget, smallestBytes, why) {
  return new ImageProcessingError(`targetSizeBytes ${budget} cannot be met: ${why}`, {
    code: 'TARGET_SIZE_UNREACHABLE', details: { targetSizeBytes: budget, smallestBytes },
  });
}
