// variations.js (worker): generateVariations and applyColorTransformations on one stored image.
// request: { variants } (normalised batons); value: { outputs, timings }.
import * as api from '../wasm/module-api.js';
import { variantPeakBytes } from '../wasm/memory-estimate.js';
import { chooseShrink } from './shrink-on-load.js';

export default {
  /** JPEG shrink-on-load for variants that all start with a large enough reduction (request.shrinkOnLoad false: never). */
  decodeHints(request, head) {
    const shrink = request.shrinkOnLoad === false ? 1 : chooseShrink(request.variants, head);
    return shrink > 1 ? { shrink } : {};
  },

  /** Peak bytes on top of the decoded input. */
  workBytes(request, [image]) {
    return Math.max(0, ...request.variants.map((v) => variantPeakBytes(v, image.width, image.height)));
  },

  run({ module, request, images: [image], limits, progress }) {
    const { variants } = request;
    const total = variants.length + 1;
    progress?.(1, total, 'decode');
    // The engine reports each finished variant, so progress costs nothing and prefix sharing stays.
    const onVariant = progress ? (i) => progress(i + 2, total, variants[i].id) : undefined;
    const { outputs } = api.runVariations(module, image.handle, variants, limits, onVariant);
    const sum = (key) => outputs.reduce((s, o) => s + (o[key] ?? 0), 0);
    return {
      value: { outputs, timings: { pipelineMs: sum('pipelineMs'), encodeMs: sum('encodeMs') } },
      transfer: outputs.map((out) => out.data.buffer),
    };
  },
};
