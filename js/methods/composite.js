// composite.js: createComposite(layers, width, height, backgroundColor, options) — every layer
// checked here (a bad one is an InvalidLayerError naming its index and field, with the underlying
// error as `cause`), the images and masks sent as inputs, drawn by js/worker/composite.js.
import { methods } from '../catalogue/methods.js';
import { FIT_MODES, MAX_DIMENSION } from '../catalogue/operations.js';
import { normaliseVariationConfigs } from '../config/normalise.js';
import { parseColor, COLOR_EXPECTED } from '../config/color.js';
import { InvalidLayerError, ImageProcessingError, InvalidConfigurationError, UnsupportedTransformationError, ResourceLimitError } from '../errors.js';
import * as is from '../config/is.js';
import { imageOutput } from './outputs.js';

const BLEND_MODES = methods.createComposite.blendModes;
const BLEND_ALIASES = methods.createComposite.blendAliases;
const ALIGN = ['left', 'center', 'right'];
const MASK_MODES = ['luminance', 'alpha'];
const KEYS = {
  common: ['x', 'y', 'width', 'height', 'fit', 'opacity', 'blendMode', 'blend_mode', 'rotate', 'transforms', 'mask', 'maskMode', 'mask_mode'],
  image: ['image'],
  text: ['text', 'font', 'size', 'color', 'align', 'maxWidth', 'max_width', 'lineHeight', 'line_height'],
  gradient: ['gradient'],
  solid: ['color'],
};

export default {
  name: 'createComposite',
  worker: 'composite',
  prepare([layers, width, height, backgroundColor], { limits, output }) {
    for (const [key, value] of [['width', width], ['height', height]]) {
      if (!is.integer(value) || value < 1 || value > Math.min(MAX_DIMENSION, limits.maxSide)) {
        throw is.invalidParameterError(key, `integer between 1 and ${Math.min(MAX_DIMENSION, limits.maxSide)}`, value);
      }
    }
    if (width * height > limits.maxPixels) {
      throw new ResourceLimitError(`A ${width}x${height} canvas exceeds maxInputPixels (${limits.maxPixels})`, { code: 'IMAGE_TOO_LARGE', details: { width, height } });
    }
    const background = backgroundColor === undefined || backgroundColor === null ? [0, 0, 0, 0] : parseColor(backgroundColor);
    if (!background) throw is.invalidParameterError('backgroundColor', COLOR_EXPECTED, backgroundColor);
    if (!Array.isArray(layers)) throw is.invalidParameterError('layers', 'array of layers', layers);
    const inputs = [];
    const wire = layers.map((layer, index) => {
      try {
        return layerBaton(layer, index, inputs, limits);
      } catch (error) {
        throw layerError(index, error);
      }
    });
    return {
      inputs,
      request: { width, height, background, layers: wire, output },
      mapError: (error) => mapEngineError(error, inputs),
    };
  },
  finish: (value) => imageOutput(value.output),
  summary: (value) => `${value.output.width}x${value.output.height} ${value.output.format}`,
};

/** One layer → the engine's form; image and mask inputs are appended to `inputs`. */
function layerBaton(layer, index, inputs, limits) {
  const path = `layers[${index}]`;
  if (!is.plainObject(layer)) throw fieldError('layer', is.invalidParameterError(path, 'object (an image, text, gradient or solid layer)', layer));
  const kind = 'image' in layer ? 'image' : 'text' in layer ? 'text' : 'gradient' in layer ? 'gradient' : 'color' in layer ? 'solid' : undefined;
  if (!kind) {
    throw fieldError('layer', new InvalidConfigurationError(`${path} has none of image, text, gradient or color`, {
      details: { path, value: layer, expected: 'a layer with image, text, gradient or color' },
    }));
  }
  const allowed = [...KEYS.common, ...KEYS[kind]];
  for (const key of Object.keys(layer)) {
    if (!allowed.includes(key)) {
      throw fieldError(key, new InvalidConfigurationError(`Unknown field '${key}' for a ${kind} layer at ${path}; expected one of: ${allowed.join(', ')}`, {
        details: { path: `${path}.${key}`, value: layer[key], expected: `one of ${allowed.join(', ')}` },
      }));
    }
  }
  const get = (camel, snake) => (layer[camel] !== undefined ? layer[camel] : snake ? layer[snake] : undefined);
  const out = {
    x: finite(layer.x ?? 0, 'x', path),
    y: finite(layer.y ?? 0, 'y', path),
    opacity: ranged(layer.opacity ?? 1, 'opacity', path, 0, 1),
    blendMode: blendMode(get('blendMode', 'blend_mode') ?? 'normal', path),
    rotate: finite(layer.rotate ?? 0, 'rotate', path),
  };
  for (const key of ['width', 'height']) {
    if (layer[key] === undefined) continue;
    if (!is.integer(layer[key]) || layer[key] < 1 || layer[key] > limits.maxSide) {
      throw fieldError(key, is.invalidParameterError(`${path}.${key}`, `integer between 1 and ${limits.maxSide}`, layer[key]));
    }
    out[key] = layer[key];
  }
  if (layer.fit !== undefined) {
    if (!FIT_MODES.includes(layer.fit)) throw fieldError('fit', is.invalidParameterError(`${path}.fit`, `one of ${FIT_MODES.join(', ')}`, layer.fit));
    out.fit = layer.fit;
  }
  if (layer.transforms !== undefined) out.transforms = transformsOf(layer.transforms, path);
  if (layer.mask !== undefined) {
    out.maskInput = inputs.push({ image: layer.mask, path: `${path}.mask`, layer: index, field: 'mask' }) - 1;
    const mode = get('maskMode', 'mask_mode') ?? 'luminance';
    if (!MASK_MODES.includes(mode)) throw fieldError('maskMode', is.invalidParameterError(`${path}.maskMode`, `one of ${MASK_MODES.join(', ')}`, mode));
    out.maskMode = mode;
  }
  if (kind === 'image') {
    out.imageInput = inputs.push({ image: layer.image, path: `${path}.image`, layer: index, field: 'image' }) - 1;
  } else if (kind === 'text') {
    if (typeof layer.text !== 'string' || layer.text.length === 0) throw fieldError('text', is.invalidParameterError(`${path}.text`, 'non-empty string', layer.text));
    out.text = layer.text;
    out.size = ranged(layer.size ?? 16, 'size', path, 1, 2000);
    out.color = color(layer.color ?? '#000000', 'color', path);
    out.align = layer.align ?? 'left';
    if (!ALIGN.includes(out.align)) throw fieldError('align', is.invalidParameterError(`${path}.align`, `one of ${ALIGN.join(', ')}`, layer.align));
    const maxWidth = get('maxWidth', 'max_width');
    if (maxWidth !== undefined) out.maxWidth = ranged(maxWidth, 'maxWidth', path, 1, MAX_DIMENSION);
    out.lineHeight = ranged(get('lineHeight', 'line_height') ?? 1.2, 'lineHeight', path, 0.1, 10);
    if (layer.font !== undefined) {
      if (!(is.byteArray(layer.font) || is.arrayBuffer(layer.font))) throw fieldError('font', is.invalidParameterError(`${path}.font`, 'TrueType/OpenType bytes (Uint8Array or ArrayBuffer)', layer.font));
      out.font = new Uint8Array(layer.font.buffer ?? layer.font, layer.font.byteOffset ?? 0, layer.font.byteLength).slice();
    }
  } else if (kind === 'gradient') {
    out.gradient = gradientOf(layer.gradient, path);
  } else {
    out.color = color(layer.color, 'color', path);
  }
  if ((kind === 'gradient' || kind === 'solid') && (out.width === undefined || out.height === undefined)) {
    out.fillCanvas = true; // a box-less solid or gradient covers the canvas from (x, y)
  }
  return out;
}

function gradientOf(g, path) {
  const p = `${path}.gradient`;
  if (!is.plainObject(g)) throw fieldError('gradient', is.invalidParameterError(p, "object { type: 'linear' | 'radial', stops, … }", g));
  const type = g.type ?? 'linear';
  if (type !== 'linear' && type !== 'radial') throw fieldError('gradient', is.invalidParameterError(`${p}.type`, "'linear' or 'radial'", g.type));
  if (!Array.isArray(g.stops) || g.stops.length < 1) throw fieldError('gradient', is.invalidParameterError(`${p}.stops`, 'non-empty array of [offset, color]', g.stops));
  const stops = g.stops.map((stop, i) => {
    if (!Array.isArray(stop) || stop.length !== 2 || !(typeof stop[0] === 'number' && stop[0] >= 0 && stop[0] <= 1)) {
      throw fieldError('gradient', is.invalidParameterError(`${p}.stops[${i}]`, '[offset 0..1, color]', stop));
    }
    const c = parseColor(stop[1]);
    if (!c) throw fieldError('gradient', is.invalidParameterError(`${p}.stops[${i}][1]`, COLOR_EXPECTED, stop[1]));
    return [stop[0], c];
  });
  const out = { type, stops };
  if (type === 'linear') out.angle = finite(g.angle ?? 180, 'gradient', path);
  else {
    if (g.center !== undefined) {
      if (!Array.isArray(g.center) || g.center.length !== 2 || !g.center.every(Number.isFinite)) throw fieldError('gradient', is.invalidParameterError(`${p}.center`, '[x, y] in layer pixels', g.center));
      out.center = g.center;
    }
    if (g.radius !== undefined) out.radius = ranged(g.radius, 'gradient', path, 0, 1e6);
  }
  return out;
}

function transformsOf(transforms, path) {
  if (!Array.isArray(transforms)) throw fieldError('transforms', is.invalidParameterError(`${path}.transforms`, 'array of steps', transforms));
  try {
    return normaliseVariationConfigs([{ id: 'layer', steps: transforms, format: 'raw' }], `${path}.transforms`)[0].steps;
  } catch (error) {
    throw fieldError('transforms', error);
  }
}

function blendMode(value, path) {
  const name = typeof value === 'string' ? (BLEND_ALIASES[value] ?? value.replace(/-/g, '_')) : value;
  if (!BLEND_MODES.includes(name)) {
    throw fieldError('blendMode', new UnsupportedTransformationError(`Unknown blend mode ${JSON.stringify(value)} at ${path}.blendMode; supported: ${BLEND_MODES.join(', ')}`, {
      details: { path: `${path}.blendMode`, value, expected: `one of ${BLEND_MODES.join(', ')}`, supported: BLEND_MODES },
    }));
  }
  return name;
}

function color(value, field, path) {
  const c = parseColor(value);
  if (!c) throw fieldError(field, is.invalidParameterError(`${path}.${field}`, COLOR_EXPECTED, value));
  return c;
}

function finite(value, field, path) {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw fieldError(field, is.invalidParameterError(`${path}.${field}`, 'finite number', value));
  return value;
}

function ranged(value, field, path, min, max) {
  if (typeof value !== 'number' || !(value >= min && value <= max)) throw fieldError(field, is.invalidParameterError(`${path}.${field}`, `number between ${min} and ${max}`, value));
  return value;
}

/** Marks an error with the layer field it concerns; layerError() wraps it. */
function fieldError(field, error) {
  error.layerField = field;
  return error;
}

function layerError(index, error) {
  if (error instanceof InvalidLayerError) return error;
  const field = error?.layerField ?? error?.details?.field ?? 'layer';
  const message = `Layer ${index} (${field}): ${error?.message ?? error}`;
  return new InvalidLayerError(message, { details: { layer: index, field, path: error?.details?.path ?? `layers[${index}]` }, cause: error });
}

/**
 * Engine errors → InvalidLayerError: a layer's input that failed to decode (details.input) or a
 * layer the engine refused (details.variant = the layer index, message "field: …").
 */
function mapEngineError(error, inputs) {
  if (!(error instanceof ImageProcessingError)) return error;
  const d = error.details ?? {};
  if (d.input !== undefined && inputs[d.input]) { // acquire names the input it failed on
    const { layer, field } = inputs[d.input];
    return layerError(layer, fieldError(field, error));
  }
  if (d.variant !== undefined && d.variant >= 0 && ['INVALID_ARGUMENT', 'UNSUPPORTED_OPERATION', 'DECODE_FAILED', 'UNSUPPORTED_FORMAT'].includes(error.code)) {
    const m = /^([A-Za-z]+): /.exec(error.message);
    return layerError(d.variant, fieldError(m ? m[1] : 'layer', error));
  }
  return error;
}
