// normalise.js: turns validated configs into the plain "baton" the wasm engine executes
// (.notes/CONTRACTS.md): defaults filled in, aliases gone, keys in one fixed order, so the same
// request always serialises to the same JSON (cache keys depend on that).
import { operations } from '../catalogue/operations.js';
import { formats, FALLBACK_QUALITY } from '../catalogue/formats.js';
import { parseColor } from './color.js';
import { validateVariationConfigs } from './validate.js';

/** Engine step builders, by catalogue op id; `p` has every catalogue default applied. */
const BATON_STEP = {
  resize: (p) => ({
    op: 'resize',
    width: p.width ?? 0, // 0 = derive from the other side
    height: p.height ?? 0,
    fit: p.fit ?? (p.maintainAspectRatio ? 'contain' : 'fill'),
    withoutEnlargement: p.withoutEnlargement,
    background: parseColor(p.background),
  }),
  grayscale: () => ({ op: 'grayscale' }),
  gaussian_blur: (p) => ({ op: 'gaussian_blur', sigma: p.radius }),
};

/**
 * Validates and normalises in one call.
 * @returns {{ id: string, format: string, quality: number, steps: object[] }[]}
 */
export function normaliseVariationConfigs(configs, root) {
  return validateVariationConfigs(configs, root).map(normaliseVariant);
}

/** One validated variant (from validate.js) → its baton. */
export function normaliseVariant(variant) {
  return {
    id: variant.id,
    format: variant.format,
    quality: variant.quality ?? formats[variant.format].options.quality?.default ?? FALLBACK_QUALITY,
    steps: variant.steps.map(normaliseStep),
  };
}

function normaliseStep(step) {
  const build = BATON_STEP[step.op];
  if (!build) throw new Error(`normalise: no baton builder for op '${step.op}'`);
  return build({ ...defaultsFor(step), ...step.params });
}

function defaultsFor(step) {
  const entry = operations[step.type];
  const params = entry.selector ? entry.choices[step.choice].params : entry.params;
  const defaults = {};
  for (const [key, spec] of Object.entries(params)) if ('default' in spec) defaults[key] = spec.default;
  return defaults;
}
