// SPDX-License-Identifier: MIT
// The Composite panel's layer list: one row per layer with its fields (position, size, opacity,
// blend mode, and the kind's own: fit, colour, gradient, text), stack order, selection for the
// arrow keys, and hit-testing for dragging. Layers are plain objects the panel turns into configs.
import { h } from '../lib/dom.js';

let uid = 0;

/** The fields each kind edits beyond x, y, opacity and blend mode: [key, input type, extra attrs]. */
const FIELDS = {
  image: [['width', 'number', { min: 1 }], ['height', 'number', { min: 1 }], ['fit', 'select']],
  solid: [['width', 'number', { min: 1 }], ['height', 'number', { min: 1 }], ['color', 'color']],
  gradient: [['width', 'number', { min: 1 }], ['height', 'number', { min: 1 }], ['angle', 'number', { min: -360, max: 360 }], ['from', 'color'], ['to', 'color']],
  text: [['text', 'text'], ['size', 'number', { min: 1, max: 512 }], ['color', 'color']],
};

/** A text layer has no box of its own: a rough one (0.55 em per glyph, 1.2 em tall) serves hit-testing only. */
function boxOf(l) {
  if (l.kind === 'text') return { w: l.size * 0.55 * l.text.length, h: l.size * 1.2 };
  return { w: l.width, h: l.height };
}

export function layerEditor({ list, blendModes, fits, onChange }) {
  const layers = [];
  let selectedLayer = null;

  function field(layer, key, type, attrs = {}, options) {
    const id = `layer${++uid}-${key}`;
    const update = (el) => { layer[key] = type === 'number' || type === 'range' ? Number(el.value) : el.value; onChange(); };
    const control = type === 'select'
      ? h('select', { id, onchange: (e) => update(e.target) }, ...options.map((v) => h('option', { value: v, text: v, selected: v === layer[key] })))
      : h('input', { id, type, value: layer[key], ...attrs, [type === 'text' || type === 'number' ? 'onchange' : 'oninput']: (e) => update(e.target) });
    layer.inputs[key] = control;
    return h('span', { class: 'field' }, h('label', { for: id, text: key }), control);
  }

  function row(layer) {
    const i = layers.indexOf(layer);
    const pick = h('input', { type: 'radio', name: 'composite-selected', id: `layer${++uid}-pick`, checked: layer === selectedLayer,
      onchange: () => { selectedLayer = layer; } });
    layer.inputs.pick = pick;
    const kindFields = FIELDS[layer.kind].map(([key, type, attrs]) => field(layer, key, type, attrs, key === 'fit' ? fits : undefined));
    const move = (d) => () => { const j = layers.indexOf(layer); const k = j + d; if (k < 0 || k >= layers.length) return; [layers[j], layers[k]] = [layers[k], layers[j]]; redraw(); onChange(); };
    return h('li', { class: 'layer', testid: `composite-layer-${i}` },
      h('fieldset', {},
        h('legend', {}, pick, h('label', { for: pick.id, text: `${i + 1}. ${layer.kind}` })),
        field(layer, 'x', 'number'), field(layer, 'y', 'number'), ...kindFields,
        field(layer, 'opacity', 'range', { min: 0, max: 1, step: 0.05 }),
        field(layer, 'blendMode', 'select', {}, blendModes),
        h('span', { class: 'row' },
          h('button', { type: 'button', class: 'secondary', text: 'Raise', 'aria-label': `Raise layer ${i + 1}`, onclick: move(1) }),
          h('button', { type: 'button', class: 'secondary', text: 'Lower', 'aria-label': `Lower layer ${i + 1}`, onclick: move(-1) }),
          h('button', { type: 'button', class: 'secondary', text: 'Remove', 'aria-label': `Remove layer ${i + 1}`,
            onclick: () => { layers.splice(layers.indexOf(layer), 1); if (selectedLayer === layer) selectedLayer = null; redraw(); onChange(); } }))));
  }

  function redraw() {
    for (const l of layers) l.inputs = {};
    list.replaceChildren(...layers.map(row));
  }

  return {
    layers,
    add(layer) { layers.push({ ...layer, inputs: {} }); selectedLayer = layers[layers.length - 1]; redraw(); },
    selected: () => selectedLayer,
    select(layer) { selectedLayer = layer; if (layer.inputs.pick) layer.inputs.pick.checked = true; },
    /** Topmost layer whose box holds (x, y) (later layers are drawn on top). */
    hit(x, y) {
      for (let i = layers.length - 1; i >= 0; i--) {
        const l = layers[i];
        const b = boxOf(l);
        if (x >= l.x && y >= l.y && x < l.x + b.w && y < l.y + b.h) return l;
      }
      return null;
    },
    move(layer, x, y) {
      layer.x = Math.round(x);
      layer.y = Math.round(y);
      if (layer.inputs.x) layer.inputs.x.value = layer.x;
      if (layer.inputs.y) layer.inputs.y.value = layer.y;
    },
  };
}
