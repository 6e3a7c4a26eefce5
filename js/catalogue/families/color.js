// color.js: the color family: the choices of `transform` for type 'color_transform' and the
// steps of applyColorTransformations (data only; see ../operations.js for the parameter fields).
// Every transform is per pixel on the sRGB-encoded values with straight alpha; alpha is kept
// except by `opacity`. Consecutive transforms run fused in one pass (src/ops/color_program.h).
// The CSS ones (grayscale … hue_rotate) follow the Filter Effects Module Level 1 shorthands, with
// `amount` = the CSS argument (1 = 100%).

/** Upper bound of the unbounded CSS amounts (brightness, contrast, saturate): 10 = 1000%. */
export const MAX_CSS_AMOUNT = 10;

const cssAmount = (doc, max = 1, def = 1) => ({
  amount: { type: 'number', unit: 'fraction (1 = 100%)', min: 0, max, default: def, doc },
});
const signedAmount = (doc) => ({
  amount: { type: 'number', unit: 'fraction', min: -1, max: 1, default: 0, doc },
});
const level = (doc, def) => ({ type: 'integer', unit: '8-bit level', min: 0, max: 255, default: def, doc });
const curvePoints = (doc) => ({
  type: 'array', unit: '[input, output] 8-bit levels', minItems: 2, maxItems: 64,
  items: { type: 'array', lengths: [2], items: { type: 'number', min: 0, max: 255 } },
  doc,
});

export const colorTransforms = {
  grayscale: {
    op: 'grayscale',
    doc: 'CSS grayscale(): blend toward Rec. 709 luma (0.2126 R + 0.7152 G + 0.0722 B); amount 1 is fully grey.',
    // No default on purpose: the baton of plain { transform: 'grayscale' } stays { op: 'grayscale' }
    // (the specification example and its cache keys); the engine reads an absent amount as 1.
    params: { amount: { type: 'number', unit: 'fraction (1 = 100%)', min: 0, max: 1, doc: 'Proportion of the conversion: 0 = unchanged, 1 = grey (the default).' } },
  },
  sepia: {
    op: 'sepia',
    doc: 'CSS sepia(): the Filter Effects sepia matrix.',
    params: cssAmount('Proportion of the conversion: 0 = unchanged, 1 = full sepia.'),
  },
  invert: {
    op: 'invert',
    doc: 'CSS invert(): C → amount + C (1 − 2 amount); amount 1 is the negative, 0.5 is flat grey.',
    params: cssAmount('Proportion of the inversion.'),
  },
  opacity: {
    op: 'opacity',
    doc: 'CSS opacity(): multiplies alpha by amount (colour kept).',
    params: cssAmount('Alpha multiplier: 0 = transparent, 1 = unchanged.'),
  },
  brightness: {
    op: 'brightness',
    doc: 'CSS brightness(): multiplies every colour channel by amount (0 = black, 1 = unchanged).',
    params: cssAmount('Multiplier of the encoded values.', MAX_CSS_AMOUNT),
  },
  contrast: {
    op: 'contrast',
    doc: 'CSS contrast(): C → (C − 0.5) amount + 0.5 (0 = flat grey, 1 = unchanged).',
    params: cssAmount('Slope around mid-grey.', MAX_CSS_AMOUNT),
  },
  saturate: {
    op: 'saturate',
    doc: 'CSS saturate(): the Filter Effects saturate matrix (0 = grey, 1 = unchanged, > 1 more saturated).',
    params: cssAmount('Saturation factor.', MAX_CSS_AMOUNT),
  },
  hue_rotate: {
    op: 'hue_rotate',
    doc: 'CSS hue-rotate(): the Filter Effects hue rotation matrix.',
    params: {
      degrees: {
        type: 'number', unit: 'degrees', min: -1e6, max: 1e6, default: 0, aliases: ['angle'],
        doc: 'Rotation angle; any value, 360 is a full turn.',
      },
    },
  },
  gamma: {
    op: 'gamma',
    doc: 'Image-editor gamma: out = 255 (in / 255)^(1 / gamma); gamma > 1 brightens midtones, < 1 darkens.',
    params: {
      gamma: { type: 'number', unit: 'exponent', min: 0.01, max: 10, default: 1, doc: 'Gamma; 1 = unchanged.' },
    },
  },
  exposure: {
    op: 'exposure',
    doc: 'Exposure in stops: linear-light values (sRGB curve) multiplied by 2^stops, clipped at white.',
    params: {
      stops: { type: 'number', unit: 'EV (stops)', min: -10, max: 10, default: 0, doc: '+1 doubles the light, −1 halves it.' },
    },
  },
  levels: {
    op: 'levels',
    doc: 'Levels: (in − inputBlack) / (inputWhite − inputBlack), clipped to 0..1, raised to 1/gamma, mapped onto outputBlack..outputWhite. inputWhite must exceed inputBlack.',
    constraints: [{ less: ['inputBlack', 'inputWhite'] }],
    params: {
      inputBlack: { ...level('Input level mapped to outputBlack.', 0), snake: 'input_black' },
      inputWhite: { ...level('Input level mapped to outputWhite.', 255), snake: 'input_white' },
      gamma: { type: 'number', unit: 'exponent', min: 0.01, max: 10, default: 1, doc: 'Midtone gamma (> 1 brightens).' },
      outputBlack: { ...level('Output level for inputBlack and below.', 0), snake: 'output_black' },
      outputWhite: { ...level('Output level for inputWhite and above.', 255), snake: 'output_white' },
    },
  },
  curves: {
    op: 'curves',
    doc: 'Tone curves: monotone cubic (Fritsch–Carlson) through control points, constant beyond the end points. A channel curve (red/green/blue) applies first, then the master curve (points).',
    params: {
      points: curvePoints('Master curve for R, G and B: [[x, y], ...], 2 to 64 points.'),
      red: curvePoints('Curve for the red channel.'),
      green: curvePoints('Curve for the green channel.'),
      blue: curvePoints('Curve for the blue channel.'),
    },
  },
  temperature: {
    op: 'temperature',
    doc: 'White balance warm/cool: linear-light red × (1 + 0.25 amount), blue × (1 − 0.25 amount).',
    params: signedAmount('−1 = cooler (blue), 0 = unchanged, 1 = warmer (amber).'),
  },
  tint: {
    op: 'tint',
    doc: 'White balance green/magenta: linear-light green × (1 − 0.25 amount).',
    params: signedAmount('−1 = greener, 0 = unchanged, 1 = more magenta.'),
  },
  vibrance: {
    op: 'vibrance',
    doc: 'Saturation change weighted toward dull pixels: around Rec. 709 luma by 1 + amount (1 − (max − min) / 255).',
    params: signedAmount('−1 = mute dull colours, 0 = unchanged, 1 = boost dull colours.'),
  },
  colorize: {
    op: 'colorize',
    doc: "Blend toward `color` shifted to each pixel's luma (hue and saturation of the colour, lightness of the pixel).",
    params: {
      color: { type: 'color', default: '#ffa040', aliases: ['colour'], doc: "The tint: '#rrggbb' or [r, g, b, a] (alpha ignored)." },
      strength: { type: 'number', unit: 'fraction', min: 0, max: 1, default: 0.5, doc: '0 = unchanged, 1 = fully colourised.' },
    },
  },
  duotone: {
    op: 'duotone',
    doc: 'Duotone: Rec. 709 luma mapped linearly from the shadows colour (black) to the highlights colour (white).',
    params: {
      shadows: { type: 'color', default: '#000000', doc: 'Colour for black (alpha ignored).' },
      highlights: { type: 'color', default: '#ffffff', doc: 'Colour for white (alpha ignored).' },
    },
  },
  posterize: {
    op: 'posterize',
    doc: 'Posterize: each channel snapped to the nearest of `levels` evenly spaced values (0 and 255 included).',
    params: {
      levels: { type: 'integer', unit: 'levels per channel', min: 2, max: 256, default: 4, doc: '2 = pure primaries, 256 = unchanged.' },
    },
  },
  threshold: {
    op: 'threshold',
    doc: 'Black and white: white where the 8-bit Rec. 709 luma is ≥ threshold, else black.',
    params: {
      threshold: level('Luma threshold.', 128),
    },
  },
  channel_mixer: {
    op: 'channel_mixer',
    doc: 'Channel mixer: [R G B] = matrix · [r g b 1]; rows R, G, B; columns r, g, b, offset (offset in 0..255 levels).',
    params: {
      matrix: {
        type: 'array', unit: '3 rows of [r, g, b, offset]', lengths: [3],
        items: { type: 'array', lengths: [4], items: { type: 'number', min: -255, max: 255 } },
        default: [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]],
        doc: 'Rows R, G, B of [r, g, b, offset]; the identity leaves the image unchanged.',
      },
    },
  },
  normalize: {
    op: 'normalize',
    doc: "Auto levels (like sharp's normalise): stretch the lowPercentile..highPercentile range of Rec. 709 luma to 0..255, the same linear map on R, G and B (hue kept). Needs lowPercentile < highPercentile.",
    constraints: [{ less: ['lowPercentile', 'highPercentile'] }],
    params: {
      lowPercentile: {
        type: 'number', unit: 'percent', min: 0, max: 100, default: 1, snake: 'low_percentile', aliases: ['lower'],
        doc: 'Luma percentile mapped to black.',
      },
      highPercentile: {
        type: 'number', unit: 'percent', min: 0, max: 100, default: 99, snake: 'high_percentile', aliases: ['upper'],
        doc: 'Luma percentile mapped to white.',
      },
    },
  },
  equalize: {
    op: 'equalize',
    doc: "Histogram equalization of R, G and B separately (PIL ImageOps.equalize's algorithm); alpha kept.",
    params: {},
  },
};
