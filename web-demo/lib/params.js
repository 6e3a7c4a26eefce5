// SPDX-License-Identifier: MIT
// Form controls built from the catalogue's parameter specs (service.operations()): one labelled
// control per parameter, so the demo never repeats a range, default or doc the catalogue holds.
import { h } from './dom.js';

let uid = 0;

/**
 * Slider bounds for a numeric spec. The catalogue's ranges are validation limits (hue_rotate
 * accepts ±1e6 degrees, a blur radius 500 px); a slider over those would be unusable, so very wide
 * ranges are narrowed to a useful span around the default. The number box beside the slider still
 * takes anything the catalogue allows.
 */
function sliderRange(spec) {
  let lo = spec.min ?? 0;
  let hi = spec.max ?? 100;
  if (/degree/.test(spec.unit ?? '')) { lo = Math.max(lo, -360); hi = Math.min(hi, 360); }
  if (/^pixels/.test(spec.unit ?? '')) hi = Math.min(hi, Math.max(50, (spec.default ?? 0) * 5));
  if (hi - lo > 1e4) hi = lo + 1e4;
  const step = spec.type === 'integer' ? 1 : Number(((hi - lo) / 200).toPrecision(1));
  return { lo, hi, step };
}

/** A colour value the <input type=color> accepts (#rrggbb), from the spec's default. */
function hexColour(value) {
  if (typeof value !== 'string') return '#808080';
  if (/^#[0-9a-f]{6}/i.test(value)) return value.slice(0, 7);
  if (/^#[0-9a-f]{3}$/i.test(value)) return '#' + [...value.slice(1)].map((c) => c + c).join('');
  return '#808080';
}

/**
 * One labelled control for `spec`. `value` is the start value (else the default); optional
 * parameters without a default start empty and are omitted from `read()`.
 * Events: onInput while dragging/typing, onChange on release/commit.
 * @returns {{ element: HTMLElement, read: (factor?: number) => unknown, name: string, spec: object }}
 */
export function paramControl(name, spec, { value, onInput = () => {}, onChange = () => {}, testid } = {}) {
  const id = `p${++uid}`;
  const start = value !== undefined ? value : spec.default;
  const label = h('label', { for: id, title: spec.doc ?? '' }, name, spec.unit ? h('small', { text: ` (${spec.unit})` }) : '');
  const wrap = h('div', { class: 'param', testid });
  let read;

  if (spec.type === 'number' || spec.type === 'integer') {
    const { lo, hi, step } = sliderRange(spec);
    const range = h('input', { type: 'range', id, min: lo, max: hi, step, value: start ?? lo });
    const box = h('input', { type: 'number', min: spec.min, max: spec.max, step: spec.type === 'integer' ? 1 : 'any',
      value: start ?? '', 'aria-label': `${name} value`, class: 'num' });
    range.addEventListener('input', () => { box.value = range.value; onInput(); });
    range.addEventListener('change', () => onChange());
    box.addEventListener('input', () => { if (box.value !== '') range.value = box.value; onInput(); });
    box.addEventListener('change', () => onChange());
    // An optional limit without a default (maxWidth, targetSizeBytes) is typed or left empty: a
    // slider would have to start somewhere, and any start would set it.
    const optional = start === undefined;
    if (optional) box.placeholder = 'not set';
    // factor: the Adjust panel's proxy scales pixel-unit parameters so the preview looks like the result
    read = (factor = 1) => {
      if (box.value === '') return undefined;
      const v = Number(box.value) * factor;
      return spec.type === 'integer' ? Math.max(spec.min ?? -Infinity, Math.round(v)) : v;
    };
    wrap.append(label, ...(optional ? [box] : [range, box]));
    if (optional) wrap.classList.add('optional');
  } else if (spec.type === 'boolean') {
    const box = h('input', { type: 'checkbox', id, checked: Boolean(start) });
    box.addEventListener('change', () => { onInput(); onChange(); });
    read = () => box.checked;
    wrap.append(box, label);
    wrap.classList.add('check');
  } else if (spec.type === 'enum') {
    const select = h('select', { id }, ...spec.values.map((v) => h('option', { value: v, text: v, selected: v === start })));
    select.addEventListener('change', () => { onInput(); onChange(); });
    read = () => select.value;
    wrap.append(label, select);
  } else if (spec.type === 'color') {
    const input = h('input', { type: 'color', id, value: hexColour(start) });
    input.addEventListener('input', () => onInput());
    input.addEventListener('change', () => onChange());
    read = () => input.value;
    wrap.append(label, input);
  } else {
    // arrays (curves points, a convolution kernel, ico sizes): JSON in a text box
    const input = h('input', { type: 'text', id, value: start === undefined ? '' : JSON.stringify(start), class: 'json', spellcheck: false });
    input.addEventListener('change', () => { onInput(); onChange(); });
    read = () => {
      if (input.value.trim() === '') return undefined;
      try { return JSON.parse(input.value); } catch { return input.value; } // the service reports the bad value
    };
    wrap.append(label, input);
  }
  return { element: wrap, read, name, spec };
}

/**
 * Controls for every parameter of a spec map; `read(factorOf?)` gives the object of the set values
 * (factorOf(spec) → a multiplier for that parameter, default 1).
 */
export function paramForm(specs, options = {}) {
  const controls = Object.entries(specs).map(([name, spec]) => paramControl(name, spec, { ...options, value: options.values?.[name] }));
  return {
    elements: controls.map((c) => c.element),
    read(factorOf = () => 1) {
      const out = {};
      for (const c of controls) {
        const v = c.read(factorOf(c.spec));
        if (v !== undefined) out[c.name] = v;
      }
      return out;
    },
  };
}
