// SPDX-License-Identifier: MIT
// Composite panel: createComposite with a layer stack (the image, solid, gradient, text), each with
// position, size, opacity and blend mode; drag a layer on the canvas (or select it and use the
// arrow keys) to move it. Rendered as 'raw' and drawn on the canvas.
import { h, drawRaw, coalesce, formatMs } from '../lib/dom.js';
import { panelFrame, doneStatus } from '../lib/panel.js';
import { catalogue } from '../../js/index.js';

const { methods } = catalogue; // the public, frozen copy of each method's options
import { layerEditor } from './composite-layers.js';

const W = 640;
const H = 400;

export function createCompositePanel(ctx) {
  const f = panelFrame('composite', 'Composite', 'createComposite(layers, width, height, background): drag layers to move them; arrow keys move the selected one.');
  const blendModes = methods.createComposite.blendModes;
  const canvas = h('canvas', { class: 'stage', testid: 'composite-canvas', 'data-output': true, tabindex: 0, width: W, height: H,
    'aria-label': 'Composite canvas: arrow keys move the selected layer (Shift: 1 px)' });
  const bg = h('input', { type: 'color', id: 'composite-bg', value: '#202830', onchange: () => render() });
  const list = h('ol', { class: 'layers', testid: 'composite-layers' });
  const editor = layerEditor({ list, blendModes, fits: ctx.engine.catalogue.operations.resize.params.fit.values, onChange: () => render() });
  const adders = ['image', 'solid', 'gradient', 'text'].map((kind) =>
    h('button', { type: 'button', class: 'secondary', testid: `composite-add-${kind}`, text: `+ ${kind}`,
      onclick: () => { editor.add(defaultLayer(kind)); render(); } }));
  f.body.append(
    h('div', { class: 'row' }, h('label', { for: 'composite-bg', text: 'Background' }), bg, ...adders),
    h('div', { class: 'stage-wrap' }, canvas), list);

  function defaultLayer(kind) {
    const n = editor.layers.length;
    if (kind === 'image') return { kind, x: 0, y: 0, width: W, height: H, fit: 'cover', opacity: 1, blendMode: 'normal' };
    if (kind === 'solid') return { kind, color: '#e76f51', x: 40 + 20 * n, y: 40, width: 160, height: 120, opacity: 0.8, blendMode: 'multiply' };
    if (kind === 'gradient') return { kind, angle: 135, from: '#1e3c72', to: '#e76f51', x: 0, y: 0, width: W, height: H, opacity: 0.9, blendMode: 'soft_light' };
    const texts = editor.layers.filter((l) => l.kind === 'text').length; // a new one goes above the last
    return { kind: 'text', text: 'pixelpipe', size: 56, color: '#ffffff', x: 40, y: H - 120 - 70 * texts, opacity: 1, blendMode: 'normal' };
  }

  /** The editor's layers as createComposite layers. */
  function layerConfigs() {
    return editor.layers.map((l) => {
      const common = { x: Math.round(l.x), y: Math.round(l.y), opacity: l.opacity, blendMode: l.blendMode };
      const box = { width: l.width, height: l.height };
      if (l.kind === 'image') return { image: ctx.image.handle, ...common, ...box, fit: l.fit };
      if (l.kind === 'solid') return { color: l.color, ...common, ...box };
      if (l.kind === 'gradient') return { gradient: { type: 'linear', angle: l.angle, stops: [[0, l.from], [1, l.to]] }, ...common, ...box };
      return { text: l.text, size: l.size, color: l.color, ...common };
    });
  }

  const render = coalesce(async () => {
    if (!ctx.image) return;
    const layers = layerConfigs();
    const r = await ctx.engine.call(`createComposite (${layers.length} layers)`,
      (s) => s.createComposite(layers, W, H, bg.value, { format: 'raw' }), f.statusAndError);
    if (!r.ok) return;
    drawRaw(canvas, r.value);
    doneStatus(f.status, `${W}×${H}, ${layers.length} layers in ${formatMs(r.ms)}`);
  });

  // Dragging: the topmost layer under the pointer follows it; the canvas is re-rendered as it moves.
  let drag = null;
  const toCanvas = (e) => {
    const box = canvas.getBoundingClientRect();
    return { x: (e.clientX - box.left) * (W / box.width), y: (e.clientY - box.top) * (H / box.height) };
  };
  canvas.addEventListener('pointerdown', (e) => {
    const p = toCanvas(e);
    const layer = editor.hit(p.x, p.y);
    if (!layer) return;
    editor.select(layer);
    drag = { layer, dx: p.x - layer.x, dy: p.y - layer.y };
    canvas.setPointerCapture(e.pointerId);
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!drag) return;
    const p = toCanvas(e);
    editor.move(drag.layer, p.x - drag.dx, p.y - drag.dy);
    render();
  });
  const endDrag = () => { if (drag) { drag = null; render(); } };
  canvas.addEventListener('pointerup', endDrag);
  canvas.addEventListener('pointercancel', endDrag);
  canvas.addEventListener('keydown', (e) => {
    const d = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[e.key];
    const layer = editor.selected();
    if (!d || !layer) return;
    e.preventDefault();
    const step = e.shiftKey ? 1 : 10;
    editor.move(layer, layer.x + d[0] * step, layer.y + d[1] * step);
    render();
  });

  let started = false;
  return {
    id: 'composite', title: 'Composite', section: f.section,
    refresh() {
      if (!started) {
        started = true;
        for (const kind of ['image', 'gradient', 'solid', 'text']) editor.add(defaultLayer(kind));
      }
      render();
    },
  };
}
