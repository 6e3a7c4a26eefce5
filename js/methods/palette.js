// palette.js: generateAndApplyPalette(image, themeDescription, numPalettes = 3, options) — the
// theme is understood here (js/palette/, offline, deterministic) to reject bad input early; the
// worker (js/worker/palette.js) makes the palettes (with the image's dominant colours when the
// theme names no hue) and applies each to one decode.
import { parseTheme, MAX_PALETTES } from '../palette/generate.js';
import * as is from '../config/is.js';
import { imageOutput } from './outputs.js';

export default {
  name: 'generateAndApplyPalette',
  worker: 'palette',
  prepare([image, themeDescription, numPalettes = 3], { options, output }) {
    parseTheme(themeDescription); // throws InvalidConfigurationError for an empty or non-string description
    if (!is.integer(numPalettes) || numPalettes < 1 || numPalettes > MAX_PALETTES) {
      throw is.invalidParameterError('numPalettes', `integer between 1 and ${MAX_PALETTES}`, numPalettes);
    }
    return {
      inputs: [{ image, path: 'image' }],
      request: { themeDescription, numPalettes, mode: options.mode, strength: options.strength, dither: options.dither, output },
    };
  },
  finish: (value) => value.palettes.map(({ image, ...palette }) => ({ ...palette, image: imageOutput(image) })),
  summary: (value) => `${value.palettes.length} palette(s)`,
};
