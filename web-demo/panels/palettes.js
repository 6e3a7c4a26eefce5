// SPDX-License-Identifier: MIT
// Palettes panel: generateAndApplyPalette(image, theme, n, { mode, strength, dither }): each
// palette with its colours' roles, the WCAG contrast of its text on its background (shown on a
// sample), the words understood or not, and the image with the palette applied.
import { h, imageOf, urlPool, formatMs } from '../lib/dom.js';
import { panelFrame, doneStatus } from '../lib/panel.js';
import { paramForm } from '../lib/params.js';
import { catalogue } from '../../js/index.js';

const { methods } = catalogue; // the public, frozen copy of each method's options

/** WCAG 2 thresholds for normal text: AA 4.5, AAA 7. */
const wcag = (ratio) => (ratio >= 7 ? 'AAA' : ratio >= 4.5 ? 'AA' : 'fails AA');

export function createPalettesPanel(ctx) {
  const f = panelFrame('palettes', 'Palettes', 'generateAndApplyPalette(image, theme, count, options): palettes from words, applied to the image.');
  const theme = h('textarea', { id: 'palettes-theme', testid: 'palettes-theme', rows: 2, text: 'warm autumn sunset' });
  const count = h('input', { type: 'number', id: 'palettes-count', min: 1, max: 10, value: 3 });
  const options = paramForm(methods.generateAndApplyPalette.options);
  const run = h('button', { type: 'button', testid: 'palettes-run', text: 'Make palettes', onclick: () => refresh() });
  const results = h('div', { class: 'palettes', testid: 'palettes-results', 'data-output': true });
  const urls = urlPool();
  f.body.append(
    h('label', { for: 'palettes-theme', text: 'Theme (free text)' }), theme,
    h('div', { class: 'row' }, h('label', { for: 'palettes-count', text: 'Number of palettes' }), count),
    h('div', { class: 'params' }, ...options.elements), run, results);

  function card(p, i) {
    const bg = p.colors.find((c) => c.role === 'background');
    const fg = p.colors.find((c) => c.role === 'text');
    return h('article', { class: 'palette-card', testid: `palette-${i}` },
      h('h3', { text: p.name }),
      h('p', { class: 'meta', text: `${p.harmony.replace(/_/g, ' ')} · ${p.scheme ?? ''} · matched: ${p.matchedTerms.join(', ') || '—'}${p.unmatchedTerms.length ? ` · not understood: ${p.unmatchedTerms.join(', ')}` : ''}` }),
      h('ul', { class: 'roles' }, ...p.colors.map((c) => h('li', { class: 'role', testid: 'palette-color' },
        h('span', { class: 'chip', style: `background:${c.hex}` }), h('span', { text: `${c.role} ${c.hex} ${c.name}` })))),
      h('p', { class: 'contrast', testid: `palette-contrast-${i}`, style: `background:${bg.hex};color:${fg.hex}`,
        text: `Aa text on background: ${p.contrast.toFixed(2)}:1 (${wcag(p.contrast)})` }),
      ...p.warnings.map((w) => h('p', { class: 'meta', text: `⚠ ${w}` })),
      imageOf(p.image, urls, { alt: `${p.name} applied`, testid: `palette-img-${i}` }));
  }

  async function refresh() {
    if (!ctx.image) return;
    const text = theme.value;
    const n = Number(count.value);
    const r = await ctx.engine.call('generateAndApplyPalette', (s) => s.generateAndApplyPalette(ctx.image.handle, text, n, options.read()), f.statusAndError);
    if (!r.ok) return;
    urls.clear();
    results.replaceChildren(...r.value.map(card));
    doneStatus(f.status, `${r.value.length} palettes for “${text}” in ${formatMs(r.ms)}`);
  }

  return { id: 'palettes', title: 'Palettes', section: f.section, refresh };
}
