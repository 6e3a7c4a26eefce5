// SPDX-License-Identifier: MIT
// Adjust panel: a stack of colour transforms and filters whose controls are built from
// service.operations(). While a slider moves, the stack runs on a downscaled proxy (an ImageHandle
// of ≤ PROXY_SIDE px, so each step costs milliseconds); on release it runs on the full image.
// A before/after split slider compares the two.
import { h, drawRaw, coalesce, formatMs } from '../lib/dom.js';
import { panelFrame, doneStatus } from '../lib/panel.js';
import { paramForm } from '../lib/params.js';

/**
 * Proxy side. Measured: saturate + vignette on photos/harvesters.jpeg (1165×859) took 11 ms on its
 * 480×354 proxy vs 140 ms on the full image (st build in Node, one call per run, min of 7
 * alternating runs, round trip included): the proxy follows a slider, the full image would lag.
 */
const PROXY_SIDE = 480;
/** The catalogue's families with choices; each names its choice with the key `selector`. */
const FAMILIES = ['color_transform', 'filter'];
const START = [['color_transform', 'saturate', { amount: 1.6 }], ['filter', 'vignette', { strength: 0.6 }]];

export function createAdjustPanel(ctx) {
  const f = panelFrame('adjust', 'Adjust', 'Colour transforms and filters from service.operations(), live on a proxy handle, full image on release.');
  const ops = ctx.engine.catalogue.operations;
  const steps = [];
  let proxy = null; // { handle, scale }
  let seq = 0;
  let drawn = 0;

  const addSelect = h('select', { id: 'adjust-add', testid: 'adjust-add' },
    ...FAMILIES.map((family) => h('optgroup', { label: family === 'filter' ? 'Filters' : 'Colour transforms' },
      ...Object.keys(ops[family].choices).map((name) => h('option', { value: `${family}:${name}`, text: name, title: ops[family].choices[name].doc })))));
  const addButton = h('button', { type: 'button', testid: 'adjust-add-button', text: 'Add',
    onclick: () => { const [family, name] = addSelect.value.split(':'); addStep(family, name); fullRun(); } });
  const list = h('ol', { class: 'steps', testid: 'adjust-steps' });
  const before = h('canvas', { class: 'before', testid: 'adjust-before', 'aria-label': 'before' });
  const after = h('canvas', { class: 'after', testid: 'adjust-after', 'aria-label': 'after' });
  const split = h('input', { type: 'range', id: 'adjust-split', min: 0, max: 100, value: 50, testid: 'adjust-split',
    oninput: () => setSplit() });
  const compare = h('div', { class: 'compare', 'data-output': true }, before, after, h('div', { class: 'divider' }));
  f.body.append(
    h('div', { class: 'row' }, h('label', { for: 'adjust-add', text: 'Add an adjustment' }), addSelect, addButton),
    list,
    h('div', { class: 'row' }, h('label', { for: 'adjust-split', text: 'Before / after split' }), split),
    compare);

  function setSplit() {
    after.style.clipPath = `inset(0 0 0 ${split.value}%)`;
    compare.style.setProperty('--split', `${split.value}%`);
  }
  setSplit();

  function addStep(family, name, values) {
    const choice = ops[family].choices[name];
    const form = paramForm(choice.params ?? {}, { values, onInput: () => preview(), onChange: () => fullRun() });
    const remove = h('button', { type: 'button', class: 'secondary', text: 'Remove', 'aria-label': `Remove ${name}` });
    const item = h('li', { class: 'step', testid: `adjust-step-${name}` },
      h('fieldset', {}, h('legend', { text: name, title: choice.doc }), ...form.elements, remove));
    const step = { family, name, form, item };
    remove.addEventListener('click', () => { steps.splice(steps.indexOf(step), 1); item.remove(); fullRun(); });
    steps.push(step);
    list.append(item);
  }
  for (const [family, name, values] of START) addStep(family, name, values);

  /** The stack as variation steps; pixel-unit parameters scaled by `scale` (the proxy's). */
  function stepConfigs(scale) {
    const factorOf = (spec) => (/^pixels/.test(spec.unit ?? '') ? scale : 1);
    return steps.map((s) => ({ type: s.family, [ops[s.family].selector]: s.name, ...s.form.read(factorOf) }));
  }

  async function ensureProxy() {
    if (proxy) return true;
    const { handle } = ctx.image;
    const r = await ctx.engine.call('adjust: proxy', async (s) => {
      const out = await s.generateVariations(handle, [
        { id: 'proxy', type: 'resize', width: PROXY_SIDE, height: PROXY_SIDE, fit: 'inside', withoutEnlargement: true, format: 'raw' },
        { id: 'full', type: 'crop', left: 0, format: 'raw' }, // the whole image, as pixels for the "before" side
      ]);
      return { out, proxyHandle: await s.load(out.proxy) };
    }, f.statusAndError);
    if (!r.ok) return false;
    drawRaw(before, r.value.out.full);
    proxy = { handle: r.value.proxyHandle, scale: r.value.out.proxy.width / handle.width };
    return true;
  }

  async function runOn(which) {
    if (!ctx.image || !(await ensureProxy())) return;
    const mine = ++seq;
    const full = which === 'full';
    const input = full ? ctx.image.handle : proxy.handle;
    const configs = stepConfigs(full ? 1 : proxy.scale);
    const r = await ctx.engine.call(`adjust: ${which} (${configs.length} step${configs.length === 1 ? '' : 's'})`,
      (s) => s.generateVariations(input, [configs.length ? { id: 'out', steps: configs, format: 'raw' } : { id: 'out', type: 'crop', left: 0, format: 'raw' }]),
      f.statusAndError);
    if (!r.ok || mine < drawn) return; // a newer result is already on screen
    drawn = mine;
    drawRaw(after, r.value.out);
    after.dataset.res = which;
    doneStatus(f.status, `${which === 'full' ? 'Full image' : 'Proxy'} ${r.value.out.width}×${r.value.out.height} in ${formatMs(r.ms)}`);
  }
  const preview = coalesce(() => runOn('proxy'));
  const fullRun = coalesce(() => runOn('full'));

  return {
    id: 'adjust', title: 'Adjust', section: f.section,
    imageChanged() { proxy?.handle.release(); proxy = null; },
    refresh: () => fullRun(),
  };
}
