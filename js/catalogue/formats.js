// formats.js: THE catalogue of output formats (data only): each format's encoder options with
// their ranges and defaults. Validation (js/config/output-options.js), the generated types and
// docs and the engine's defaults table (src/ops/catalogue_defaults.generated.inc) follow it. The
// engine's encoders (src/codec/encoders/) read exactly these option names: a renamed read fails
// tests/integration/parameters.test.js.
//
// Format fields: doc, mimeType, extension, aliases, opaque (no alpha channel: translucent pixels
// are flattened onto `background`), options (parameter specs as in operations.js).

export const DEFAULT_FORMAT = 'png';

/** Where alpha is flattened for opaque formats (js-api.md: white for every method). */
const background = {
  type: 'color', default: '#ffffff',
  doc: 'Colour that translucent pixels are flattened onto (the format has no alpha channel).',
};
const quality = (def, min = 1) => ({ type: 'integer', min, max: 100, default: def, doc: `Quality, ${min} (smallest) to 100 (best).` });
const colors = { type: 'integer', min: 2, max: 256, default: 256, doc: 'Most palette entries (quantized in OKLab, the analysis quantizer).' };
const dither = { type: 'number', min: 0, max: 1, default: 0, doc: 'Floyd–Steinberg error diffusion strength (0 = none).' };

export const formats = {
  png: {
    doc: 'Lossless PNG (8-bit RGBA), or an indexed PNG with tRNS (palette).',
    mimeType: 'image/png',
    extension: 'png',
    options: {
      // Measured on the 12 MP photo (src/codec/encoders/png.h): the fast path (1–3) is as small as
      // libdeflate level 6 on photos and several times faster; graphics gain from 6–9.
      compressionLevel: {
        type: 'integer', min: 0, max: 9, default: 2,
        doc: '0 stored; 1–3 the fast path (fixed filter, Huffman + runs, all cores); 4–9 adaptive filters + libdeflate (smaller graphics, slower).',
      },
      palette: { type: 'boolean', default: false, doc: 'Quantize to at most `colors` entries: an indexed PNG (alpha kept via tRNS).' },
      colors,
      dither,
      interlace: { type: 'boolean', default: false, doc: 'Adam7 interlacing.' },
      dpi: { type: 'number', min: 0, max: 1e6, default: 0, doc: 'Pixel density written as pHYs (0 = none).' },
    },
  },
  jpeg: {
    doc: 'JPEG (libjpeg-turbo); alpha is flattened onto `background`.',
    mimeType: 'image/jpeg',
    extension: 'jpg',
    aliases: ['jpg'],
    opaque: true,
    options: {
      quality: quality(80),
      chromaSubsampling: { type: 'enum', values: ['4:2:0', '4:4:4'], default: '4:2:0', doc: 'Chroma resolution: 4:2:0 halves it (smaller), 4:4:4 keeps it (sharper colour edges).' },
      progressive: { type: 'boolean', default: false, doc: 'Progressive scans (shows a preview while loading; often smaller).' },
      optimizeCoding: { type: 'boolean', default: true, doc: 'Huffman tables optimised for the image (smaller, slightly slower).' },
      dpi: { type: 'number', min: 0, max: 65535, default: 0, doc: 'Pixel density in the JFIF header (0 = none).' },
      background,
    },
  },
  webp: {
    doc: 'WebP (libwebp), lossy or lossless; alpha kept.',
    mimeType: 'image/webp',
    extension: 'webp',
    options: {
      quality: quality(80, 0),
      lossless: { type: 'boolean', default: false, doc: 'Lossless WebP (quality then trades speed for size).' },
      effort: { type: 'integer', min: 0, max: 6, default: 4, doc: 'libwebp method: 0 fastest … 6 smallest.' },
    },
  },
  gif: {
    doc: 'GIF, one frame: palette quantized in OKLab, 1-bit transparency.',
    mimeType: 'image/gif',
    extension: 'gif',
    options: { colors, dither },
  },
  ico: {
    doc: 'Windows icon: PNG entries at each of `sizes` (favicons).',
    mimeType: 'image/x-icon',
    extension: 'ico',
    options: {
      sizes: { type: 'array', items: { type: 'integer', min: 1, max: 256 }, minItems: 1, maxItems: 16, default: [16, 32, 48], doc: 'Square entry sizes in pixels.' },
    },
  },
  bmp: {
    doc: 'BMP: 32-bit BGRA with alpha (V4 header), 24-bit when opaque.',
    mimeType: 'image/bmp',
    extension: 'bmp',
    options: {},
  },
  tga: {
    doc: 'Targa, 32-bit uncompressed.',
    mimeType: 'image/x-tga',
    extension: 'tga',
    options: {},
  },
  svg: {
    doc: "SVG: the raster embedded as a data URI ('embed'), or vectorised ('trace': one path per colour region).",
    mimeType: 'image/svg+xml',
    extension: 'svg',
    options: {
      mode: { type: 'enum', values: ['embed', 'trace'], default: 'embed', doc: "'embed' wraps the pixels; 'trace' vectorises them." },
      embedFormat: { type: 'enum', values: ['png', 'jpeg'], default: 'png', doc: 'embed: the format of the embedded raster.' },
      quality: quality(85),
      colors: { ...colors, default: 16, doc: 'trace: colours to quantize to before tracing.' },
      detail: { type: 'number', min: 0, max: 1, default: 0.85, doc: 'trace: 1 keeps every corner, 0 simplifies most.' },
      smoothing: { type: 'number', min: 0, max: 1, default: 0.5, doc: 'trace: how much of each outline becomes curves.' },
      minArea: { type: 'integer', min: 0, max: 1 << 30, default: 2, doc: 'trace: regions smaller than this many pixels merge into their neighbours.' },
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
export const DECODE_FORMATS = ['jpeg', 'png', 'webp', 'gif', 'bmp', 'tga', 'psd', 'hdr', 'pnm'];
