// formats.js: the output formats (data only), their per-format options and defaults.

export const DEFAULT_FORMAT = 'png';

export const formats = {
  png: {
    doc: 'Lossless PNG (8-bit RGBA).',
    mimeType: 'image/png',
    extension: 'png',
    options: {},
  },
  jpeg: {
    doc: 'Baseline JPEG; alpha is dropped.',
    mimeType: 'image/jpeg',
    extension: 'jpg',
    aliases: ['jpg'],
    options: {
      quality: { type: 'integer', min: 1, max: 100, default: 80, doc: 'JPEG quality, 1 (smallest) to 100 (best).' },
    },
  },
  raw: {
    doc: 'Undecoded RGBA8 pixels, returned as { width, height, data } (ready for ImageData).',
    mimeType: null,
    extension: 'rgba',
    options: {},
  },
};

/** The quality sent to the engine when the format has none (the engine contract wants 1..100). */
export const FALLBACK_QUALITY = 80;
