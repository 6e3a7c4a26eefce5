// methods.js: THE catalogue of the public methods' options (data only). Every method takes a
// last `options` object: the common call options below, plus the keys its entry declares
// (`options`: parameter specs as in operations.js). Validation (js/config/call-options.js), the
// types and the docs follow it, so a method's option is declared in one place.

/** What decode does with an embedded ICC profile (README "Colour management"). */
export const COLOR_MANAGEMENT = ['convert', 'ignore', 'preserve'];

/** Options every method accepts (checked by js/config/call-options.js). */
export const COMMON_CALL_OPTIONS = {
  cacheKey: { type: 'string', doc: 'Names the cache entry group (see invalidate()); with a cache the inputs are always hashed.' },
  signal: { type: 'AbortSignal', doc: 'Aborting rejects the call with AbortError.' },
  transfer: { type: 'boolean', default: false, doc: 'Hand the input buffer(s) to the worker without a copy (they are detached).' },
  timeoutMs: { type: 'number', doc: 'Overrides operationTimeoutMs for this call.' },
  onProgress: { type: 'function', doc: 'Called with { completed, total, step } as the work advances.' },
  colorManagement: {
    type: 'enum', values: COLOR_MANAGEMENT,
    doc: "Embedded ICC profiles: 'convert' to sRGB, 'ignore' (pixels as stored), 'preserve' (as stored, profile kept for keepIccProfile). Default: create()'s colorManagement ('convert').",
  },
};

/** Options of methods that return an image: the output format and its encoder options (formats.js). */
export const OUTPUT_OPTIONS = ['format', 'formatOptions', 'quality'];

export const methods = {
  generateVariations: {
    doc: 'Several variations of one image, decoded once; each variant names its own format.',
    worker: 'variations',
    output: false, // each variant carries format/formatOptions itself
    options: {
      shrinkOnLoad: {
        type: 'boolean', default: true, snake: 'shrink_on_load',
        doc: 'JPEG input: when every variant starts with a resize to at most half the size, decode at 1/2, 1/4 or 1/8 scale (staying at least 2x each resize target) and let the resize do the rest; false always decodes at full size.',
      },
    },
  },
  applyColorTransformations: {
    doc: 'Colour transforms applied in order, as one pass.',
    worker: 'variations',
    output: true,
    options: {},
  },
  analyzeImage: {
    doc: 'Colours, composition, quality and more from one decode; plain data, no image.',
    worker: 'analyze',
    output: false,
    /** The analysis types, in the order results are written; each documented in the README. */
    types: ['colors', 'composition', 'quality', 'histogram', 'stats', 'metadata', 'smartCrop'],
    options: {
      paletteSize: { type: 'integer', min: 1, max: 20, default: 6, snake: 'palette_size', doc: 'Colours in colors.palette.' },
      aspectRatio: { type: 'number', min: 0.01, max: 100, default: 1, snake: 'aspect_ratio', doc: 'Width / height of the smartCrop box.' },
      saliencyMap: {
        type: 'boolean', default: false, snake: 'saliency_map',
        doc: "With 'composition': also return composition.saliencyMap = { width, height, data: Uint8Array }, the saliency map composition and smartCrop use (0–255, row-major, at most 64 px on the long side); off by default to keep results small.",
      },
    },
  },
  createComposite: {
    doc: 'Layers (images, text, gradients, solid colours) drawn in order over a background, with opacity, blend modes and masks.',
    worker: 'composite',
    output: true,
    options: {},
    /** W3C Compositing and Blending Level 1 modes, then the Porter-Duff operators (CSS spellings accepted too). */
    blendModes: ['normal', 'multiply', 'screen', 'overlay', 'darken', 'lighten', 'color_dodge', 'color_burn', 'hard_light',
      'soft_light', 'difference', 'exclusion', 'hue', 'saturation', 'color', 'luminosity',
      'source_in', 'source_out', 'source_atop', 'destination_in', 'destination_out', 'destination_atop', 'xor', 'plus_lighter'],
    /** Canvas 2D's names that differ by more than '-' for '_'. */
    blendAliases: { 'source-over': 'normal', lighter: 'plus_lighter' },
  },
  generateAndApplyPalette: {
    doc: 'Palettes from a free-text theme (understood offline), each applied to the image.',
    worker: 'palette',
    output: true,
    options: {
      mode: { type: 'enum', values: ['map', 'transfer', 'quantize'], default: 'map', doc: "'map': luminance-preserving gradient map through the palette; 'transfer': Reinhard et al. 2001 statistics transfer in OKLab; 'quantize': each pixel to the nearest palette colour." },
      strength: { type: 'number', min: 0, max: 1, default: 1, doc: 'Blend with the original (0 = unchanged, 1 = fully applied).' },
      dither: { type: 'number', min: 0, max: 1, default: 0, doc: "quantize: Floyd–Steinberg error diffusion strength." },
    },
  },
  processForExport: {
    doc: 'One image prepared for export: fit inside a box, encoded with format-specific options, optionally to a byte budget.',
    worker: 'export',
    output: false, // the format is the second argument; its options come with the export options
    options: {},
    /** Export options besides the format's own encoder options (formats.js). */
    exportOptions: {
      maxWidth: { type: 'integer', min: 1, max: 32768, snake: 'max_width', doc: 'Fit inside this width (aspect kept, never enlarged).' },
      maxHeight: { type: 'integer', min: 1, max: 32768, snake: 'max_height', doc: 'Fit inside this height (aspect kept, never enlarged).' },
      targetSizeBytes: {
        type: 'integer', min: 1, max: 2 ** 31, snake: 'target_size_bytes',
        doc: 'Largest file wanted: the quality (jpeg, webp, svg embed as jpeg) or the palette size (png, gif) is searched to land just under it.',
      },
      background: {
        type: 'color',
        doc: "Flatten translucent pixels onto this colour first (any format; jpeg and svg take it as their own `background`, white by default).",
      },
      stripMetadata: {
        type: 'boolean', default: true, snake: 'strip_metadata',
        doc: "true drops EXIF and XMP. false copies the source's EXIF (Orientation set to 1, since outputs are upright; PixelXDimension/PixelYDimension set to the output size) and XMP into png (eXIf, iTXt), jpeg (APP1) and webp (EXIF, XMP chunks); gif, bmp, tga, ico and svg have no place for them and ignore it. In jpeg, XMP over 65502 bytes is written as extended XMP (a standard packet plus extension APP1 segments), and a JPEG source's extended XMP is kept (merged into one packet in png and webp); EXIF over 64 KB, or an XMP packet over 65502 bytes that is not RDF/XML, is left out of jpeg with a logged warning. ICC profiles are independent of it (keepIccProfile).",
      },
      keepIccProfile: {
        type: 'boolean', default: false, snake: 'keep_icc_profile',
        doc: "Embed the source's RGB ICC profile (png, jpeg, webp) with the pixels in that space, as sharp's keepIccProfile(): with colorManagement 'preserve' they are still in it, with 'convert' they are converted back from sRGB (Little CMS). A CMYK or gray source profile cannot describe RGB output: the output stays sRGB and a warning is logged. No source profile (or colorManagement 'ignore'): sRGB. An explicit iccProfile wins.",
      },
      iccProfile: {
        type: 'enum', values: ['srgb', 'p3'], default: 'srgb', snake: 'icc_profile',
        doc: "Output colour space (png, jpeg, webp): 'srgb' (PNG sRGB chunk, compact sRGB profile in JPEG/WebP) or 'p3' (converted to Display P3, its profile embedded). Given explicitly, it wins over keepIccProfile.",
      },
    },
  },
  load: {
    doc: 'Decodes an image once and keeps it in the engine: the ImageHandle is accepted as the input of every method.',
    worker: 'load',
    output: false,
    options: {},
  },
};
