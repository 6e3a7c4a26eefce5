// formats.js: THE catalogue of output formats (data only): each format's encoder options with
// their ranges and defaults. Validation (js/config/output-options.js), the generated types and
// docs and the engine's defaults table (src/ops/catalogue_defaults.generated.inc) follow it. The
// engine reads exactly these option names (a renamed read fails the parameter-mismatch test).
//
// Format fields: doc, mimeType, extension, aliases, opaque (no alpha channel: translucent pixels
// are flattened onto `background`), options (parameter specs as in operations.js).

export const DEFAULT_FORMAT = 'png';

/** Where alpha is flattened for opaque formats (js-api.md: white for every method). */
const background = {
  type: 'color', default: '#ffffff',
  doc: 'Colour that translucent pixels are flattened onto (the format has no alpha channel).',
};

export const formats = {
  png: {
    doc: 'Lossless PNG (8-bit RGBA).',
    mimeType: 'image/png',
    extension: 'png',
    options: {},
  },
  jpeg: {
    doc: 'Baseline JPEG; alpha is flattened onto `background`.',
    mimeType: 'image/jpeg',
    extension: 'jpg',
    aliases: ['jpg'],
    opaque: true,
    options: {
      quality: { type: 'integer', min: 1, max: 100, default: 80, doc: 'JPEG quality, 1 (smallest) to 100 (best).' },
      background,
    },
  },
  raw: {
    doc: 'Undecoded RGBA8 pixels, returned as { width, height, data } (ready for ImageData).',
    mimeType: null,
    extension: 'rgba',
    options: {},
  },
};

/** Formats the engine reads, for capabilities() before an engine reports its own list. */
export const DECODE_FORMATS = ['jpeg', 'png', 'gif', 'bmp', 'tga', 'psd', 'hdr', 'pnm'];
