// palette.js (worker): generateAndApplyPalette on one stored image. request: { themeDescription,
// numPalettes, mode, strength, dither, output }; value: { palettes: [{ …palette, image }] }.
import * as api from '../wasm/module-api.js';
import { parseTheme, generatePalettes, needsImageColors, applyRequest } from '../palette/generate.js';

export default {
  // one output image per palette, plus its encoder's buffers (≈ 2× the image), plus dither scratch
  workBytes: (request, [dims]) => (request.numPalettes + 3) * dims.width * dims.height * 4,

  run({ module, request, images: [image], progress }) {
    const parsed = parseTheme(request.themeDescription);
    let fallbackColors = [];
    if (needsImageColors(parsed)) {
      const { colors } = api.callEngine(module, 'analyzeImage', [image.handle, { types: ['colors'], paletteSize: 6 }]);
      fallbackColors = colors.palette.map((c) => c.rgb);
    }
    const palettes = generatePalettes(parsed, request.numPalettes, { fallbackColors });
    const { mode, strength, dither } = request;
    const total = palettes.length + 1;
    progress?.(1, total, 'palettes');
    const out = palettes.map((palette, i) => {
      const r = api.callEngine(module, 'applyPalette', [image.handle, applyRequest(palette, { mode, strength, dither }), request.output]);
      progress?.(i + 2, total, palette.name);
      return { ...palette, image: { format: r.format, width: r.width, height: r.height, data: api.ownedBytes(r.data) } };
    });
    return { value: { palettes: out }, transfer: out.map((p) => p.image.data.buffer) };
  },
};
