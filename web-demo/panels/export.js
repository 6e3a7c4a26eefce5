// SPDX-License-Identifier: MIT
// Export panel: processForExport(image, format, options). The format list is what the running
// engine can write (capabilities().formats.encode); the options are that format's encoder options
// from the format catalogue plus the export options (maxWidth, maxHeight, targetSizeBytes). The
// size readout follows every change; the file can be downloaded.
import { h, imageOf, urlPool, formatBytes, formatMs } from '../lib/dom.js';
import { panelFrame, doneStatus } from '../lib/panel.js';
import { paramForm } from '../lib/params.js';
import { catalogue } from '../../js/index.js';

const { methods } = catalogue; // the public, frozen copy of each method's options

/** Typing in a number box should not start an encode per keystroke. */
const DEBOUNCE_MS = 250;

export function createExportPanel(ctx) {
  const f = panelFrame('export', 'Export', 'processForExport(image, format, options): the file as the format\'s encoder writes it.');
  const { formats } = ctx.engine.catalogue;
  const encodable = ctx.engine.caps.formats.encode.filter((k) => k !== 'raw' && formats[k]);
  const format = h('select', { id: 'export-format', testid: 'export-format' },
    ...encodable.map((k) => h('option', { value: k, text: `${k} — ${formats[k].doc}` })));
  const optionsBox = h('div', { class: 'params', testid: 'export-options' });
  // stripMetadata is left out: `true` (the default) is the only value the engine accepts today
  const exportSpecs = Object.fromEntries(Object.entries(methods.processForExport.exportOptions).filter(([k]) => k !== 'stripMetadata'));
  const size = h('p', { class: 'size', testid: 'export-size', 'aria-live': 'polite', text: '–' });
  const download = h('a', { class: 'button', testid: 'export-download', download: 'image', href: '#', 'aria-disabled': 'true', text: 'Download' });
  const preview = h('div', { class: 'export-preview', testid: 'export-preview', 'data-output': true });
  const urls = urlPool();
  let forms = null;
  let timer = 0;
  let seq = 0;
  f.body.append(h('div', { class: 'row' }, h('label', { for: 'export-format', text: 'Format' }), format), optionsBox,
    h('div', { class: 'row' }, size, download), preview);

  const schedule = () => { clearTimeout(timer); timer = setTimeout(refresh, DEBOUNCE_MS); };
  function buildOptions() {
    const handlers = { onInput: schedule, onChange: schedule };
    forms = [paramForm(formats[format.value].options, handlers), paramForm(exportSpecs, handlers)];
    optionsBox.replaceChildren(...forms.flatMap((form) => form.elements));
  }
  format.addEventListener('change', () => { buildOptions(); refresh(); });
  buildOptions();

  async function refresh() {
    if (!ctx.image) return;
    clearTimeout(timer);
    const mine = ++seq;
    const fmt = format.value;
    const options = Object.assign({}, ...forms.map((form) => form.read()));
    const r = await ctx.engine.call(`processForExport ${fmt}`, (s) => s.processForExport(ctx.image.handle, fmt, options), f.statusAndError);
    if (mine !== seq) return; // a newer request is on its way
    if (!r.ok) {
      size.textContent = 'no file';
      size.dataset.bytes = '0';
      download.setAttribute('aria-disabled', 'true');
      download.removeAttribute('href');
      return;
    }
    urls.clear();
    const bytes = r.value;
    const entry = formats[fmt];
    size.dataset.bytes = String(bytes.byteLength);
    size.textContent = `${fmt} · ${formatBytes(bytes.byteLength)} · ${formatMs(r.ms)}`;
    download.href = urls.make(new Blob([bytes], { type: entry.mimeType ?? 'application/octet-stream' }));
    download.download = `${ctx.image.name.replace(/\.[^.]*$/, '')}.${entry.extension}`;
    download.setAttribute('aria-disabled', 'false');
    const img = imageOf(bytes, urls, { alt: `${fmt} export preview`, testid: 'export-img' });
    img.addEventListener('load', () => { size.textContent = `${fmt} · ${img.naturalWidth}×${img.naturalHeight} · ${formatBytes(bytes.byteLength)} · ${formatMs(r.ms)}`; });
    img.addEventListener('error', () => { preview.replaceChildren(h('p', { class: 'meta', text: `This browser cannot display ${fmt}; the download has the file.` })); });
    preview.replaceChildren(img);
    doneStatus(f.status, `Exported ${fmt} in ${formatMs(r.ms)}`);
  }

  return { id: 'export', title: 'Export', section: f.section, refresh };
}
