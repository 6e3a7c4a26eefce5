// SPDX-License-Identifier: MIT
// Method-row bench page (driven by run.mjs): window.methodsBench.init(manifest) fetches the raw
// inputs; setup(engine) prepares one engine; rows(engine) lists the rows it can run; run(engine,
// row) does one timed iteration → { ms, out }. Every engine starts from the same RGBA pixels in JS
// memory and ends with its result in JS memory (pixels or file bytes): the copies into and out of
// its own memory are timed, as pixelpipe's are. What an engine gets untimed is said per engine.
import { pixelpipeEngine } from './engine-pixelpipe.js';
import { vipsEngine, canvasEngine, photonEngine, jsquashEngine, tracerEngine } from './engine-peers.js';
import { ssimOfSvg } from './ssim.js';

const inputs = {};
const FACTORIES = { pixelpipe: pixelpipeEngine, 'wasm-vips': vipsEngine, canvas: canvasEngine, photon: photonEngine, jsquash: jsquashEngine, imagetracerjs: tracerEngine };
const engines = {};

async function raw({ file, width, height }) {
  const buf = await (await fetch(`/build/bench-inputs/${file}`)).arrayBuffer();
  return { width, height, data: new Uint8ClampedArray(buf) };
}

window.methodsBench = {
  async init(manifest) {
    inputs.photo = await raw(manifest.photo);
    inputs.photo1mp = await raw(manifest.photo1mp);
    inputs.layers = await Promise.all(manifest.layers.map(raw));
    return { isolated: self.crossOriginIsolated, cores: navigator.hardwareConcurrency };
  },
  async setup(name) {
    engines[name] = FACTORIES[name](inputs);
    return engines[name].setup();
  },
  rows(name) { return Object.keys(engines[name].rows); },
  async run(name, row) {
    const r = engines[name].rows[row];
    const prepared = r.prep ? await r.prep() : undefined;
    const t0 = performance.now();
    const out = await r.run(prepared);
    const ms = performance.now() - t0;
    if (r.cleanup) r.cleanup(prepared);
    return { ms, out: summarise(out) };
  },
  /** Untimed: SSIM of a traced SVG against the 1 MP input (Wang et al. 2004 on luma, Gaussian σ 1.5). */
  async svgQuality(name) {
    const svg = await engines[name].rows.svgTrace.run();
    return ssimOfSvg(svg, inputs.photo1mp);
  },
  async dispose(name) { await engines[name]?.dispose?.(); delete engines[name]; },
};

function summarise(out) {
  if (out instanceof Uint8Array || out instanceof ArrayBuffer) return { bytes: out.byteLength };
  if (typeof out === 'string') return { bytes: new TextEncoder().encode(out).byteLength };
  if (out && out.data) return { width: out.width, height: out.height, bytes: out.data.byteLength };
  if (Array.isArray(out)) return { items: out.length, bytes: out.reduce((s, o) => s + (o.image?.byteLength ?? 0), 0) };
  return { keys: Object.keys(out ?? {}).join(',') };
}
