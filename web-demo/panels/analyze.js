// SPDX-License-Identifier: MIT
// Analyze panel: analyzeImage(['colors', 'composition', 'quality', 'smartCrop'], { saliencyMap: true })
// shown as a histogram plot (r, g, b, luma), palette swatches sized by proportion, the image with
// the saliency heat map, the thirds grid, the subject box and centroid and the smart crop (each a
// toggle), and gauges for every quality part.
import { h, drawRaw, formatMs } from '../lib/dom.js';
import { drawHeatmap } from '../lib/heatmap.js';
import { panelFrame, doneStatus } from '../lib/panel.js';
import { catalogue } from '../../js/index.js';

const { methods } = catalogue; // the public, frozen copy of each method's options

const TYPES = ['colors', 'composition', 'quality', 'smartCrop'];
const VIEW_SIDE = 640;
const CURVES = [['r', '#e5484d'], ['g', '#30a46c'], ['b', '#3e63dd'], ['luma', '#888888']];
const QUALITY_PARTS = ['sharpness', 'noise', 'exposure', 'contrast', 'entropy', 'jpegBlockiness', 'resolution'];
const COMPOSITION_PARTS = ['score', 'ruleOfThirds', 'balance', 'symmetry', 'negativeSpace'];

const fmt = (v) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(3));

/** A few tall bins (clipped shadows or highlights, a flat background) would flatten a linear plot: square root. */
function drawHistogram(canvas, histogram) {
  const w = (canvas.width = 512);
  const hgt = (canvas.height = 180);
  const g = canvas.getContext('2d');
  g.fillStyle = '#111';
  g.fillRect(0, 0, w, hgt);
  const top = Math.sqrt(Math.max(1, ...CURVES.flatMap(([k]) => histogram[k])));
  g.lineWidth = 1.5;
  for (const [key, colour] of CURVES) {
    g.strokeStyle = colour;
    g.beginPath();
    histogram[key].forEach((n, i) => {
      const x = (i / 255) * (w - 1);
      const y = hgt - 2 - (Math.sqrt(n) / top) * (hgt - 6);
      if (i) g.lineTo(x, y); else g.moveTo(x, y);
    });
    g.stroke();
  }
}

function gauge(name, score, detail) {
  const id = `gauge-${name}`;
  return h('div', { class: 'gauge', testid: id },
    h('label', { for: `${id}-m`, text: name }),
    h('meter', { id: `${id}-m`, min: 0, max: 1, low: 0.4, high: 0.7, optimum: 1, value: score }),
    h('span', { class: 'meta', text: `${score.toFixed(2)}${detail ? ` · ${detail}` : ''}` }));
}

export function createAnalyzePanel(ctx) {
  const f = panelFrame('analyze', 'Analyze', 'analyzeImage(image, types): colours, composition and quality from one decode.');
  const sizeSpec = methods.analyzeImage.options.paletteSize;
  const paletteSize = h('input', { type: 'number', id: 'analyze-size', min: sizeSpec.min, max: sizeSpec.max, value: sizeSpec.default });
  const run = h('button', { type: 'button', testid: 'analyze-run', text: 'Analyze', onclick: () => refresh() });
  const histogram = h('canvas', { class: 'plot', testid: 'analyze-histogram', role: 'img', 'aria-label': 'Histogram of r, g, b and luma' });
  const legend = h('p', { class: 'legend' }, ...CURVES.map(([k, c]) => h('span', { style: `--c:${c}`, text: k })));
  const palette = h('div', { class: 'palette-bar', testid: 'analyze-palette' });
  const colorsInfo = h('p', { class: 'meta', testid: 'analyze-colors' });
  const overlay = h('canvas', { class: 'overlay', testid: 'analyze-overlay', 'data-output': true, role: 'img', 'aria-label': 'Image with saliency heat map, thirds grid, subject box and smart crop' });
  const toggles = Object.fromEntries(['saliency', 'thirds', 'subject', 'smartCrop'].map((k) => [k, h('input', { type: 'checkbox', id: `analyze-${k}`, checked: true, onchange: () => drawOverlay() })]));
  const quality = h('div', { class: 'gauges', testid: 'analyze-quality' });
  const composition = h('div', { class: 'gauges', testid: 'analyze-composition' });
  let last = null; // { result, view }

  f.body.append(
    h('div', { class: 'row' }, h('label', { for: 'analyze-size', text: 'Palette size' }), paletteSize, run),
    h('div', { class: 'columns' },
      h('div', {}, h('h3', { text: 'Histogram' }), histogram, legend, h('h3', { text: 'Palette' }), palette, colorsInfo),
      h('div', {}, h('h3', { text: 'Composition' }),
        h('p', { class: 'row' }, ...Object.entries(toggles).map(([k, box]) => h('span', {}, box, h('label', { for: box.id, text: k })))),
        overlay, composition)),
    h('h3', { text: 'Quality' }), quality);

  function drawOverlay() {
    if (!last) return;
    const { result, view } = last;
    drawRaw(overlay, view);
    const g = overlay.getContext('2d');
    const s = view.width / ctx.image.width;
    if (toggles.saliency.checked) drawHeatmap(g, result.composition.saliencyMap, view.width, view.height);
    g.lineWidth = 2;
    if (toggles.thirds.checked) {
      g.strokeStyle = 'rgba(255,255,255,0.7)';
      g.setLineDash([6, 4]);
      for (const t of [1 / 3, 2 / 3]) {
        g.beginPath(); g.moveTo(view.width * t, 0); g.lineTo(view.width * t, view.height); g.stroke();
        g.beginPath(); g.moveTo(0, view.height * t); g.lineTo(view.width, view.height * t); g.stroke();
      }
    }
    const sub = result.composition.subject;
    if (toggles.subject.checked) {
      g.setLineDash([]);
      g.strokeStyle = '#ff3b30';
      g.strokeRect(sub.x * s, sub.y * s, sub.width * s, sub.height * s);
      g.fillStyle = '#ff3b30';
      g.beginPath(); g.arc(sub.centroid.x * s, sub.centroid.y * s, 5, 0, 2 * Math.PI); g.fill();
    }
    const crop = result.smartCrop;
    if (toggles.smartCrop.checked) {
      g.setLineDash([10, 5]);
      g.strokeStyle = '#ffd60a';
      g.strokeRect(crop.left * s, crop.top * s, crop.width * s, crop.height * s);
    }
    g.setLineDash([]);
  }

  async function refresh() {
    if (!ctx.image) return;
    const { handle } = ctx.image;
    const r = await ctx.engine.call('analyzeImage', async (s) => Promise.all([
      s.analyzeImage(handle, TYPES, { paletteSize: Number(paletteSize.value), saliencyMap: true }),
      s.generateVariations(handle, [{ id: 'view', type: 'resize', width: VIEW_SIDE, height: VIEW_SIDE, fit: 'inside', withoutEnlargement: true, format: 'raw' }]),
    ]), f.statusAndError);
    if (!r.ok) return;
    const [result, { view }] = r.value;
    last = { result, view };
    const c = result.colors;
    drawHistogram(histogram, c.histogram);
    palette.replaceChildren(...c.palette.map((p) => h('div', { class: 'swatch', testid: 'analyze-swatch', title: `${p.hex} ${(p.proportion * 100).toFixed(1)} %`,
      style: `background:${p.hex};flex-grow:${p.proportion};color:${p.oklch[0] > 0.6 ? '#000' : '#fff'}`, text: `${p.hex} ${(p.proportion * 100).toFixed(0)}%` })));
    colorsInfo.textContent = `dominant ${c.dominant.hex} (${c.dominant.name}) · average ${c.average.hex} · colourfulness ${fmt(c.colorfulness)}`;
    drawOverlay();
    const comp = result.composition;
    composition.replaceChildren(...COMPOSITION_PARTS.map((k) => gauge(k, comp[k])),
      h('p', { class: 'meta', text: `horizon tilt: ${comp.horizonTilt === null ? 'none found' : `${comp.horizonTilt}°`} · subject ${comp.subject.width}×${comp.subject.height} at ${comp.subject.x},${comp.subject.y}` }));
    const q = result.quality;
    quality.replaceChildren(gauge('overallScore', q.overallScore, `on ${q.analyzedWidth}×${q.analyzedHeight}`),
      ...QUALITY_PARTS.map((k) => (q[k] ? gauge(k, q[k].score, `value ${fmt(q[k].value)}`) : h('p', { class: 'meta', text: `${k}: n/a (not a JPEG)` }))));
    doneStatus(f.status, `Analyzed ${ctx.image.width}×${ctx.image.height} in ${formatMs(r.ms)}`);
  }

  return { id: 'analyze', title: 'Analyze', section: f.section, refresh };
}
