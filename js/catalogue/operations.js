// operations.js: THE catalogue of variation operations (data only). validate.js, normalise.js,
// the types and the docs derive from it. Keys are the camelCase names; `snake` is the spelling
// used by the Python specification; `aliases` are other accepted names for the same parameter.
//
// Parameter fields:
//   type     'integer' | 'number' | 'boolean' | 'enum' | 'color'
//   unit     for numbers: what the value measures
//   min/max  inclusive bounds; minExclusive/maxExclusive make that end open
//   values   for enums: the allowed strings
//   default  applied by normalise.js when the parameter is absent (none = optional without default)
//   doc      one line for docs and error messages

export const FIT_MODES = ['contain', 'cover', 'fill', 'inside', 'outside'];

export const MAX_DIMENSION = 32768;

export const operations = {
  resize: {
    doc: 'Scale the image to a target width and/or height.',
    op: 'resize',
    requireAnyOf: ['width', 'height'],
    params: {
      width: {
        type: 'integer', unit: 'pixels', min: 1, max: MAX_DIMENSION,
        doc: 'Target width; omitted means derived from height and the aspect ratio.',
      },
      height: {
        type: 'integer', unit: 'pixels', min: 1, max: MAX_DIMENSION,
        doc: 'Target height; omitted means derived from width and the aspect ratio.',
      },
      maintainAspectRatio: {
        type: 'boolean', default: true, snake: 'maintain_aspect_ratio',
        doc: "Keep the aspect ratio: true means fit 'contain', false means fit 'fill'.",
      },
      fit: {
        type: 'enum', values: FIT_MODES,
        doc: 'How the image fits the box (as in sharp and CSS object-fit); overrides maintainAspectRatio.',
      },
      withoutEnlargement: {
        type: 'boolean', default: false, snake: 'without_enlargement',
        doc: 'Never upscale: an image smaller than the box keeps its size.',
      },
      background: {
        type: 'color', default: '#00000000', aliases: ['backgroundColor', 'background_color'],
        doc: "Fill for letterboxed areas: '#rgb', '#rrggbb', '#rrggbbaa' or [r, g, b, a] (0-255).",
      },
    },
  },

  color_transform: {
    doc: 'Transform the colours of every pixel.',
    selector: 'transform',
    choices: {
      grayscale: {
        op: 'grayscale',
        doc: 'Replace colour by Rec. 709 luma; alpha is kept.',
        params: {},
      },
    },
  },

  filter: {
    doc: 'Apply a neighbourhood filter.',
    selector: 'filter',
    choices: {
      gaussian_blur: {
        op: 'gaussian_blur',
        doc: 'Gaussian blur.',
        params: {
          radius: {
            type: 'number', unit: 'pixels (= sigma)', min: 0, minExclusive: true, max: 100, default: 2,
            aliases: ['sigma'],
            doc: 'Standard deviation of the Gaussian, in pixels.',
          },
        },
      },
    },
  },
};
