// geometry.js: the geometry family's variation types (data only; see ../operations.js for the
// parameter fields).
export const FIT_MODES = ['contain', 'cover', 'fill', 'inside', 'outside'];

export const MAX_DIMENSION = 32768;

export const geometryTypes = {
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
};
