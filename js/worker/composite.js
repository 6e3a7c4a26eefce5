// composite.js (worker): createComposite. Image and mask layers point at the call's inputs
// (stored images); text layers' fonts are copied into wasm for the call (the default font,
// DejaVu Sans from Debian's fonts-dejavu-core, is fetched once, on the first text layer).
// request: { width, height, background, layers, output }; value: { output }.
import * as api from '../wasm/module-api.js';

const DEFAULT_FONT_URL = new URL('../../dist/fonts/DejaVuSans.ttf', import.meta.url);
let defaultFont; // Promise<Uint8Array>

export default {
  // the canvas, one transformed copy of the largest layer, and the encoder's buffers
  workBytes: (request, dims) => 3 * request.width * request.height * 4 + Math.max(0, ...dims.map((d) => d.width * d.height * 4)),

  async run({ module, request, images, limits, host }) {
    const needsDefault = request.layers.some((l) => l.text !== undefined && !l.font);
    const fallback = needsDefault ? await loadDefaultFont(host) : undefined;
    const fonts = [];
    try {
      const layers = request.layers.map((l) => {
        const { imageInput, maskInput, font, ...rest } = l;
        const out = { ...rest };
        if (imageInput !== undefined) {
          const image = images[imageInput];
          out.handle = image.handle;
          // This call's own copy (no content key: freed after the call, acquire.js settleInputs):
          // the engine may take its pixels, so a raw backdrop becomes the canvas without a copy.
          out.consumable = image.fresh && image.key === undefined;
        }
        if (maskInput !== undefined) out.maskHandle = images[maskInput].handle;
        if ((l.gradient || l.color) && l.text === undefined && imageInput === undefined) {
          out.width ??= request.width; // a box-less solid or gradient covers the canvas
          out.height ??= request.height;
        }
        if (l.text !== undefined) {
          const copy = api.copyIn(module, font ?? fallback);
          fonts.push(copy.ptr);
          Object.assign(out, { fontPtr: copy.ptr, fontLength: copy.len });
        }
        return out;
      });
      const t0 = performance.now();
      const r = api.callEngine(module, 'createComposite', [{ width: request.width, height: request.height, background: request.background, layers }, limits, request.output]);
      const output = { format: r.format, width: r.width, height: r.height, data: api.ownedBytes(r.data) };
      // For the service's debug log: layers, blends, encoding and the result's copy into JS memory.
      const timings = { pipelineMs: performance.now() - t0 };
      return { value: { output, timings }, transfer: [output.data.buffer] };
    } finally {
      for (const ptr of fonts) api.free(module, ptr);
    }
  },
};

function loadDefaultFont(host) {
  defaultFont ??= host.readFile(DEFAULT_FONT_URL).catch((error) => {
    defaultFont = undefined;
    throw new Error(`the default font ${DEFAULT_FONT_URL} could not be loaded: ${error.message}`);
  });
  return defaultFont;
}
