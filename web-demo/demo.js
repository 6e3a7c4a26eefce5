// SPDX-License-Identifier: MIT
// pixelpipe demo: a small image editor with a panel per method. This file is the shell: engine
// start-up and its description, the input image (file, drop, generated sample) kept in the engine
// as an ImageHandle, and the tabs. Each panel lives in panels/*.js and is refreshed when it is
// shown and the image changed since it last ran.
// Plain ESM, no bundler: serve.mjs serves the repo root, so ../js/index.js is the package entry.
import { startEngine, describeError } from './lib/engine.js';
import { formatBytes, h } from './lib/dom.js';
import { makeSample } from './lib/sample.js';
import { createVariationsPanel } from './panels/variations.js';
import { createAdjustPanel } from './panels/adjust.js';
import { createCompositePanel } from './panels/composite.js';
import { createAnalyzePanel } from './panels/analyze.js';
import { createPalettesPanel } from './panels/palettes.js';
import { createExportPanel } from './panels/export.js';

const $ = (sel) => document.querySelector(sel);
const ui = {
  build: $('[data-testid="build"]'), threads: $('[data-testid="threads"]'), workers: $('[data-testid="workers"]'),
  isolation: $('[data-testid="isolation"]'), cache: $('[data-testid="cache"]'), reason: $('[data-testid="build-reason"]'),
  busy: $('[data-testid="busy"]'), log: $('#call-log'), file: $('#file'), drop: $('#drop'), sample: $('#sample'),
  source: $('[data-testid="source"]'), sourceImg: $('#source-img'), sourceInfo: $('#source-info'), error: $('#error'),
  tabs: $('#tabs'), panels: $('#panels'),
};
ui.isolation.textContent = self.crossOriginIsolated ? 'cross-origin isolated' : 'not cross-origin isolated';

const PANELS = [createVariationsPanel, createAdjustPanel, createCompositePanel, createAnalyzePanel, createPalettesPanel, createExportPanel];
/** What the panels share: the engine, the current image, and a way to ask to be refreshed. */
const ctx = { engine: null, image: null };
const panels = [];
let active = null;
let generation = 0; // bumps with every new image; a panel remembers the one it last ran for
let sourceUrl = null;

function showGlobalError(err) {
  ui.error.textContent = describeError(err);
  ui.error.dataset.errorClass = err?.name ?? 'Error';
  ui.error.hidden = false;
}

async function boot() {
  try {
    ctx.engine = await startEngine(ui);
  } catch (err) {
    ui.build.textContent = 'unavailable';
    showGlobalError(err);
    document.body.dataset.ready = 'error';
    return;
  }
  const { caps } = ctx.engine;
  ui.build.textContent = caps.build;
  ui.build.dataset.build = caps.build;
  ui.threads.textContent = String(caps.threads ?? '?');
  ui.workers.textContent = String(caps.workers ?? '?');
  ui.reason.textContent = ctx.engine.describeBuild();
  document.body.dataset.build = caps.build;
  for (const create of PANELS) {
    const panel = create(ctx);
    panel.ranFor = -1;
    panels.push(panel);
    ui.panels.append(panel.section);
    const tab = h('button', { type: 'button', role: 'tab', id: `tab-${panel.id}`, 'aria-controls': `panel-${panel.id}`,
      'aria-selected': 'false', testid: `tab-${panel.id}`, text: panel.title, onclick: () => select(panel.id, true) });
    panel.tab = tab;
    ui.tabs.append(tab);
  }
  ui.tabs.addEventListener('keydown', tabKeys);
  addEventListener('hashchange', () => select(location.hash.slice(1), false)); // links like #analyze
  select(location.hash.slice(1) || panels[0].id, false);
  document.body.dataset.ready = 'true';
}

/** Left/Right/Home/End move between tabs (the WAI-ARIA tabs pattern); Tab leaves the list. */
function tabKeys(e) {
  const i = panels.indexOf(active);
  const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: panels.length - 1 }[e.key];
  if (next === undefined) return;
  e.preventDefault();
  const p = panels[(next + panels.length) % panels.length];
  select(p.id, false);
  p.tab.focus();
}

function select(id, focusPanel) {
  const panel = panels.find((p) => p.id === id) ?? panels[0];
  active = panel;
  for (const p of panels) {
    const on = p === panel;
    p.section.hidden = !on;
    p.tab.setAttribute('aria-selected', String(on));
    p.tab.tabIndex = on ? 0 : -1;
  }
  if (location.hash !== `#${panel.id}`) history.replaceState(null, '', `#${panel.id}`);
  if (focusPanel) panel.section.focus({ preventScroll: true });
  refreshActive();
}

function refreshActive() {
  if (!active || !ctx.image || active.ranFor === generation) return;
  active.ranFor = generation;
  active.refresh();
}

async function useFile(file) {
  ui.error.hidden = true;
  await booted;
  if (!ctx.engine) return;
  if (sourceUrl) URL.revokeObjectURL(sourceUrl);
  sourceUrl = URL.createObjectURL(file);
  ui.sourceImg.src = sourceUrl;
  ui.source.hidden = false;
  ui.sourceInfo.textContent = `${file.name || 'image'} · ${formatBytes(file.size)}`;
  ui.sample.disabled = true;
  const bytes = new Uint8Array(await file.arrayBuffer());
  // Decoded once and kept in the engine: every panel works on the handle (no decode per call).
  const r = await ctx.engine.call(`load ${file.name || 'image'}`, (s) => s.load(bytes), { errorEl: ui.error });
  ui.sample.disabled = false;
  if (!r.ok) return;
  ctx.image?.handle.release();
  const handle = r.value;
  ctx.image = { name: file.name || 'image', bytes, url: sourceUrl, handle, width: handle.width, height: handle.height };
  ui.sourceInfo.textContent = `${ctx.image.name} · ${handle.width}×${handle.height} ${handle.format} · ${formatBytes(file.size)}`;
  generation++;
  for (const p of panels) p.imageChanged?.();
  refreshActive();
}

ui.file.addEventListener('change', () => { const f = ui.file.files?.[0]; if (f) useFile(f); });
ui.sample.addEventListener('click', async () => useFile(await makeSample()));
for (const ev of ['dragenter', 'dragover']) ui.drop.addEventListener(ev, (e) => { e.preventDefault(); ui.drop.classList.add('over'); });
for (const ev of ['dragleave', 'drop']) ui.drop.addEventListener(ev, () => ui.drop.classList.remove('over'));
ui.drop.addEventListener('drop', (e) => {
  e.preventDefault();
  const f = e.dataTransfer?.files?.[0];
  if (f) useFile(f);
});

window.pixelpipeDemo = ctx; // handy from DevTools
const booted = boot();
