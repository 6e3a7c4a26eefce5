// geometry.js: the geometry family's variation types (data only; see ../operations.js for the
// parameter fields). Semantics follow sharp (resize/extract/rotate/flip/flop/extend/trim).
export const FIT_MODES = ['contain', 'cover', 'fill', 'inside', 'outside'];

export const MAX_DIMENSION = 32768;

/** Resampling kernels (Pillow's definitions; mitchell is Mitchell-Netravali B = C = 1/3). */
export const RESIZE_KERNELS = ['nearest', 'bilinear', 'bicubic', 'mitchell', 'lanczos2', 'lanczos3'];

/** sharp's gravity names ('center' is accepted and normalised to 'centre') and its two crop strategies. */
export const RESIZE_POSITIONS = [
  'centre', 'center', 'north', 'northeast', 'east', 'southeast', 'south', 'southwest', 'west', 'northwest',
  'entropy', 'attention',
];

const background = (doc) => ({
  type: 'color', default: '#00000000', aliases: ['backgroundColor', 'background_color'],
  doc: `${doc}: '#rgb', '#rrggbb', '#rrggbbaa' or [r, g, b, a] (0-255); default transparent.`,
});

// outputSize(step, width, height) → [w, h]: the output size of a normalised step (the engine's
// baton, wire names) on a width×height input; the memory estimate (js/wasm/memory-estimate.js)
// uses it. Operations without it keep the input size or shrink it (flip, trim, colour, filters).

/** Resize's output box, as the engine computes it (src/ops/fit.cpp). */
function resizeOutputSize({ width: bw = 0, height: bh = 0, fit = 'fill', withoutEnlargement = false }, w, h) {
  let tw = bw;
  let th = bh;
  if (!tw && !th) return [w, h];
  if (!tw) tw = Math.max(1, Math.round((w * th) / h));
  else if (!th) th = Math.max(1, Math.round((h * tw) / w));
  else if (fit === 'inside' || fit === 'outside') {
    const s = fit === 'inside' ? Math.min(tw / w, th / h) : Math.max(tw / w, th / h);
    [tw, th] = [Math.max(1, Math.round(w * s)), Math.max(1, Math.round(h * s))];
  }
  if (withoutEnlargement && (tw > w || th > h) && fit !== 'contain' && fit !== 'cover' && fit !== 'fill') return [w, h];
  return [tw, th];
}

/** The bounding box of a w×h image rotated by `angle` degrees. */
function rotateOutputSize({ angle = 0 }, w, h) {
  if (angle % 180 === 0) return [w, h];
  if (angle % 90 === 0) return [h, w];
  const r = (angle * Math.PI) / 180;
  return [Math.ceil(w * Math.abs(Math.cos(r)) + h * Math.abs(Math.sin(r))),
    Math.ceil(w * Math.abs(Math.sin(r)) + h * Math.abs(Math.cos(r)))];
}

const pixels = (doc, extra = {}) => ({ type: 'integer', unit: 'pixels', min: 0, max: MAX_DIMENSION, doc, ...extra });

export const geometryTypes = {
  resize: {
    doc: 'Scale the image to a target width and/or height.',
    op: 'resize',
    outputSize: resizeOutputSize,
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
      position: {
        type: 'enum', values: RESIZE_POSITIONS, default: 'centre', aliases: ['gravity'],
        doc: "Anchor of the cover crop / contain letterbox (sharp's gravity); 'entropy' and 'attention' choose the cover crop by content.",
      },
      kernel: {
        type: 'enum', values: RESIZE_KERNELS, default: 'lanczos3',
        doc: 'Resampling kernel; downscales first box-shrink by floor(scale / 2) per axis (see preshrink), then apply the kernel.',
      },
      preshrink: {
        type: 'boolean', default: true,
        doc: "Box-shrink large downscales by floor(scale / 2) before the kernel (libvips' reducing gap); false applies the kernel to every input pixel (wasm-vips gap: 0): exact, slower.",
      },
    },
  },
  crop: {
    doc: "Extract a rectangle (sharp's extract); the box must lie inside the image.",
    op: 'crop',
    outputSize: (step, w, h) => [Math.min(w, step.width || w), Math.min(h, step.height || h)],
    requireAnyOf: ['left', 'top', 'width', 'height'],
    params: {
      left: pixels('Left edge of the box.', { default: 0 }),
      top: pixels('Top edge of the box.', { default: 0 }),
      width: pixels('Box width; omitted means up to the right edge.', { min: 1 }),
      height: pixels('Box height; omitted means up to the bottom edge.', { min: 1 }),
    },
  },
  rotate: {
    doc: 'Rotate clockwise; multiples of 90 degrees are lossless, other angles grow the canvas to the rotated bounds.',
    op: 'rotate',
    outputSize: rotateOutputSize,
    requireAnyOf: ['angle'],
    params: {
      angle: {
        type: 'number', unit: 'degrees clockwise', min: -360, max: 360,
        doc: 'Rotation angle; negative values rotate anticlockwise.',
      },
      background: background('Fill for the corners uncovered by a non-right-angle rotation'),
      interpolation: {
        type: 'enum', values: ['bilinear', 'bicubic'], default: 'bilinear',
        doc: 'Sampling for non-right angles (bicubic = Catmull-Rom).',
      },
    },
  },
  flip: {
    doc: 'Mirror the image.',
    op: 'flip',
    params: {
      direction: {
        type: 'enum', values: ['horizontal', 'vertical', 'both'], default: 'horizontal',
        doc: "horizontal mirrors left-right (sharp's flop), vertical top-bottom (sharp's flip), both = 180 degrees.",
      },
    },
  },
  pad: {
    doc: "Add borders (sharp's extend).",
    op: 'pad',
    outputSize: (s, w, h) => [w + (s.left ?? 0) + (s.right ?? 0), h + (s.top ?? 0) + (s.bottom ?? 0)],
    params: {
      top: pixels('Border above the image.', { default: 0 }),
      right: pixels('Border right of the image.', { default: 0 }),
      bottom: pixels('Border below the image.', { default: 0 }),
      left: pixels('Border left of the image.', { default: 0 }),
      background: background('Border colour'),
    },
  },
  flatten: {
    doc: "Composite translucent pixels over a colour: an opaque image (sharp's flatten).",
    op: 'flatten',
    params: {
      background: {
        type: 'color', default: '#ffffff', aliases: ['backgroundColor', 'background_color'],
        doc: "Colour under the image: '#rgb', '#rrggbb' or [r, g, b] (0-255); its alpha is ignored, the result is opaque. Default white.",
      },
    },
  },
  trim: {
    doc: 'Crop away a uniform border: pixels within threshold of the top-left pixel (as sharp).',
    op: 'trim',
    params: {
      threshold: {
        type: 'number', unit: 'levels (0-255)', min: 0, max: 255, default: 10,
        doc: 'Largest per-channel (R, G, B, A) difference from the top-left pixel still counted as border.',
      },
    },
  },
};
