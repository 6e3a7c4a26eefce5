// SPDX-License-Identifier: MIT
// Variations panel: generateVariations with editable configs; a grid of outputs with size, format
// and per-variant time (from onProgress), and the steps the engine shared between variants (the
// logger's "shared steps" summary: a variant whose leading steps equal an earlier one's reuses them).
import { h, formatBytes, formatMs, imageOf, drawRaw, urlPool, sniffMime } from '../lib/dom.js';
import { panelFrame, doneStatus } from '../lib/panel.js';

/** The specification's three examples, plus a two-step variant that shares the thumbnail's resize. */
const DEFAULT_CONFIGS = [
  { id: 'thumbnail', type: 'resize', width: 300, height: 300, maintainAspectRatio: true },
  { id: 'grayscale', type: 'color_transform', transform: 'grayscale' },
  { id: 'blurred', type: 'filter', filter: 'gaussian_blur', radius: 5 },
  { id: 'sepia_thumb', steps: [{ type: 'resize', width: 300, height: 300, maintainAspectRatio: true },
    { type: 'color_transform', transform: 'sepia' }], format: 'jpeg', quality: 85 },
];

/** "thumbnail +1, x +2" from the logger's `(shared steps: a +1, b +2)`. */
function sharedStepsOf(logLines) {
  for (const line of logLines) {
    const m = /\(shared steps: ([^)]*)\)/.exec(line);
    if (m) return Object.fromEntries(m[1].split(', ').map((s) => { const [id, n] = s.split(' +'); return [id, Number(n)]; }));
  }
  return {};
}

export function createVariationsPanel(ctx) {
  const f = panelFrame('variations', 'Variations', 'generateVariations(image, configs): every variant from one decode.',
    { statusTestid: 'status', errorTestid: 'variations-error' });
  const configId = 'variations-config';
  const config = h('textarea', { id: configId, class: 'config', testid: 'config', rows: 14, spellcheck: false });
  config.value = JSON.stringify(DEFAULT_CONFIGS, null, 2);
  const run = h('button', { type: 'button', testid: 'variations-run', text: 'Run variations', onclick: () => refresh() });
  const reset = h('button', { type: 'button', class: 'secondary', text: 'Reset configs',
    onclick: () => { config.value = JSON.stringify(DEFAULT_CONFIGS, null, 2); } });
  const shared = h('p', { class: 'meta', testid: 'shared-steps' });
  const results = h('div', { class: 'results', testid: 'results', 'data-output': true });
  const urls = urlPool();
  f.body.append(h('label', { for: configId, text: 'Configs (JSON, editable)' }), config, h('div', { class: 'row' }, run, reset), shared, results);

  async function refresh() {
    if (!ctx.image) return;
    let configs;
    try {
      configs = JSON.parse(config.value);
    } catch (err) {
      f.error.textContent = `The configs are not valid JSON: ${err.message}`;
      f.error.hidden = false;
      return;
    }
    const finished = {};
    let last = performance.now();
    const r = await ctx.engine.call('generateVariations', (s, progress) => s.generateVariations(ctx.image.handle, configs, {
      // onProgress fires after the decode and after each variant: the gaps are per-variant times
      onProgress: (p) => { const t = performance.now(); finished[p.step] = t - last; last = t; progress(p); },
    }), f.statusAndError);
    if (!r.ok) return;
    urls.clear();
    const sharing = sharedStepsOf(r.log);
    shared.textContent = Object.keys(sharing).length
      ? `Shared steps: ${Object.entries(sharing).map(([id, n]) => `${id} reused ${n} step${n > 1 ? 's' : ''} of an earlier variant`).join('; ')}.`
      : 'Shared steps: none (no variant starts with another variant\'s steps).';
    const cached = r.log.some((l) => /cache hit/.test(l));
    results.replaceChildren(...configs.map((c) => card(c.id, r.value[c.id], cached ? null : finished[c.id], sharing[c.id], r.ms)));
    doneStatus(f.status, `${configs.length} variations in ${formatMs(r.ms)} (one call, decoded once)`);
  }

  /** ms: this variant's time; null when the whole result came from the cache (callMs is then shown). */
  function card(id, out, ms, sharedSteps, callMs) {
    const meta = h('figcaption', { class: 'meta', testid: `result-meta-${id}` });
    const fig = h('figure', { class: 'result', testid: `result-${id}` }, h('h3', { text: id }));
    const time = ms === null ? ` · cache hit, ${formatMs(callMs)}` : ms !== undefined ? ` · ${formatMs(ms)}` : '';
    const sharedText = sharedSteps ? ` · ${sharedSteps} shared step${sharedSteps > 1 ? 's' : ''}` : '';
    if (out instanceof Uint8Array) {
      const img = imageOf(out, urls, { alt: `${id} result`, testid: `result-img-${id}` });
      const base = `${sniffMime(out).replace('image/', '').toUpperCase()} · ${formatBytes(out.byteLength)}${time}${sharedText}`;
      meta.textContent = base;
      fig.dataset.bytes = String(out.byteLength);
      img.addEventListener('load', () => {
        Object.assign(fig.dataset, { width: img.naturalWidth, height: img.naturalHeight, loaded: 'true' });
        meta.textContent = `${img.naturalWidth}×${img.naturalHeight} · ${base}`;
      });
      img.addEventListener('error', () => { fig.dataset.loaded = 'error'; meta.textContent = `${base} · this browser cannot display it`; });
      fig.append(img, meta);
    } else if (out && out.width) {
      const c = drawRaw(h('canvas', { testid: `result-img-${id}`, 'aria-label': `${id} result` }), out);
      Object.assign(fig.dataset, { width: out.width, height: out.height, loaded: 'true', bytes: out.data.byteLength });
      meta.textContent = `${out.width}×${out.height} · raw RGBA ${formatBytes(out.data.byteLength)}${time}${sharedText}`;
      fig.append(c, meta);
    } else {
      meta.textContent = 'no output';
      fig.dataset.loaded = 'error';
      fig.append(meta);
    }
    return fig;
  }

  return { id: 'variations', title: 'Variations', section: f.section, refresh };
}
