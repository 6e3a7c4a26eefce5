// analyze.js (worker): analyzeImage on one stored image. The engine answers every type but
// `metadata`, which comes from the decode (facts the store kept beside the pixels).
// request: { types, paletteSize, aspectRatio, saliencyMap? }; value: { analysis } (the saliency
// map's bytes are transferred, not copied).
import * as api from '../wasm/module-api.js';

// Peak beyond the decoded image: the full-resolution luma plane (1 byte a pixel: every measure
// reads luma from it) plus float luma and Laplacian planes of the analysed copy (≤ 4 MP,
// js-api.md) plus a box-downscaled RGBA copy: 4 + 4 + 4 bytes per analysed pixel, bounded.
const ANALYSED_PIXELS = 4_000_000;

export default {
  workBytes: (request, [dims]) => dims.width * dims.height + 12 * Math.min(dims.width * dims.height, ANALYSED_PIXELS) + (16 << 20),

  run({ module, request, images: [image] }) {
    const engineTypes = request.types.filter((t) => t !== 'metadata');
    let analysis = {};
    if (engineTypes.length) {
      const result = api.callEngine(module, 'analyzeImage', [image.handle, { ...request, types: engineTypes, sourceFormat: image.format }]);
      const { ok, ...rest } = result;
      analysis = rest;
    }
    if (request.types.includes('metadata')) analysis.metadata = metadataOf(image);
    // keep the catalogue's order of types
    const ordered = Object.fromEntries(request.types.filter((t) => t in analysis).map((t) => [t, analysis[t]]));
    const map = ordered.composition?.saliencyMap;
    return { value: { analysis: ordered }, transfer: map ? [map.data.buffer] : [] };
  },
};

/** js-api.md's metadata from the decode facts (raw pixel input: what is known of it). */
function metadataOf(image) {
  const m = image.meta ?? {};
  return {
    format: image.format,
    width: m.width ?? image.width,
    height: m.height ?? image.height,
    orientation: m.orientation ?? 1,
    uprightWidth: image.width,
    uprightHeight: image.height,
    hasAlpha: m.hasAlpha ?? true,
    bitDepth: m.bitDepth ?? 8,
    icc: m.icc ?? null,
    exif: m.exif ?? null,
  };
}
