// normalise.js: turns validated configs into the plain "baton" the wasm engine executes
// (.notes/CONTRACTS.md): defaults filled in, aliases gone, keys in one fixed order, so the same
// request always serialises to the same JSON (cache keys depend on that).
import { operations } from '../catalogue/operations.js';
import { parseColor } from './color.js';
import { validateVariationConfigs } from './validate.js';
import { ResourceLimitError } from '../errors.js';

/**
 * Engine step builders for the ops whose baton is not simply their parameters; `p` has every
 * catalogue default applied. Everything else goes through genericStep.
 */
const BATON_STEP = {
  resize: (p) => ({
    op: 'resize',
    width: p.width ?? 0, // 0 = derive from the other side
    height: p.height ?? 0,
    fit: p.fit ?? (p.maintainAspectRatio ? 'contain' : 'fill'),
    withoutEnlargement: p.withoutEnlargement,
    background: parseColor(p.background),
    position: p.position === 'center' ? 'centre' : p.position, // one spelling, one cache key
    kernel: p.kernel,
    preshrink: p.preshrink,
  }),
};

/** {op, ...params} in catalogue order: colours as [r,g,b,a], arrays flattened, `wire` names. */
function genericStep(op, params, p) {
  const step = { op };
  for (const [key, spec] of Object.entries(params)) {
    if (p[key] === undefined) continue;
    let value = p[key];
    if (spec.type === 'color') value = parseColor(value);
    else if (spec.type === 'array') value = flattenArray(value, spec);
    step[spec.wire ?? key] = value;
  }
  return step;
}

function flattenArray(value, spec) {
  if (spec.items?.type === 'color') return value.flatMap((c) => parseColor(c));
  return value.flat(Infinity);
}

/**
 * Validates and normalises in one call. With `limits` ({maxPixels, maxSide}), a resize whose
 * output is known to break them is refused here, before any worker or allocation.
 * @param {{ available?: string[] }} [output] the formats this engine encodes
 * @returns {{ id: string, output: { op: string }, steps: object[] }[]}
 */
export function normaliseVariationConfigs(configs, root, limits, output) {
  const variants = validateVariationConfigs(configs, root, output).map(normaliseVariant);
  if (limits) variants.forEach((v, i) => checkKnownOutputSizes(v, limits, `${root ?? 'variationConfigs'}[${i}]`));
  return variants;
}

/** Resize to width×height (both given; contain, cover, fill) has a known output size. */
function checkKnownOutputSizes(variant, { maxPixels, maxSide }, path) {
  variant.steps.forEach((step, s) => {
    if (step.op !== 'resize' || !step.width || !step.height) return;
    if (step.fit === 'inside' || step.fit === 'outside' || step.withoutEnlargement) return; // size depends on the input
    const pixels = step.width * step.height;
    if (pixels <= maxPixels && step.width <= maxSide && step.height <= maxSide) return;
    const where = variant.steps.length > 1 ? `${path}.steps[${s}]` : path;
    throw new ResourceLimitError(
      `Resize to ${step.width}x${step.height} (${pixels} pixels) at ${where} exceeds the limit of ${maxPixels} pixels / ${maxSide} per side`,
      { code: 'IMAGE_TOO_LARGE', details: { path: where, width: step.width, height: step.height, maxPixels, maxSide } },
    );
  });
}

/** One validated variant (from validate.js) → its baton. */
export function normaliseVariant(variant) {
  return { id: variant.id, steps: variant.steps.map(normaliseStep), output: variant.output };
}

function normaliseStep(step) {
  const p = { ...defaultsFor(step), ...step.params };
  const build = BATON_STEP[step.op];
  return build ? build(p) : genericStep(step.op, paramsFor(step), p);
}

function paramsFor(step) {
  const entry = operations[step.type];
  return entry.selector ? entry.choices[step.choice].params : entry.params;
}

function defaultsFor(step) {
  const defaults = {};
  for (const [key, spec] of Object.entries(paramsFor(step))) if ('default' in spec) defaults[key] = spec.default;
  return defaults;
}
