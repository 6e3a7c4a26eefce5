// SPDX-License-Identifier: MIT
// Benchmark page for bench/run.mjs. window.bench.setInput(base64) stores the encoded photo;
// window.bench.setup(engine) prepares an engine; window.bench.run(engine, workload) runs one
// iteration and returns { ms, out } where `out` summarises the output (checked for sanity by run.mjs).
// Every workload starts from the ENCODED bytes and ends with the result in JS memory:
//   decode     → RGBA (or the engine's native band count) pixels in JS
//   thumbnail  → JPEG q80 bytes of the image fitted inside 300×300 (no letterbox)
//   blur       → pixels, Gaussian sigma 5 px
//   grayscale  → pixels
// Timing is performance.now() around the whole call, awaited.

export const WORKLOADS = ['decode', 'thumbnail', 'blur', 'grayscale'];

let input = null; // Uint8Array, the encoded photo
let inputBlob = null;
const engines = {};

function fromBase64(b64) {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

// ---------------------------------------------------------------- pixelpipe (mt or st: the page decides)
function pixelpipeEngine() {
  let svc = null;
  // The service logs the engine's decode time at debug level ("…, decode 81.07 ms"): keep the last one.
  let lastDecodeMs = null;
  const logger = {
    debug(msg) { const m = /decode ([\d.]+) ms/.exec(String(msg)); if (m) lastDecodeMs = Number(m[1]); },
    info() {}, warn: console.warn.bind(console), error: console.error.bind(console),
  };
  const variation = {
    // No steps: decode and hand back the raw pixels.
    decode: { id: 'o', steps: [], format: 'raw' },
    thumbnail: { id: 'o', type: 'resize', width: 300, height: 300, fit: 'inside', format: 'jpeg', quality: 80 },
    blur: { id: 'o', type: 'filter', filter: 'gaussian_blur', radius: 5, format: 'raw' },
    grayscale: { id: 'o', type: 'color_transform', transform: 'grayscale', format: 'raw' },
  };
  return {
    async setup() {
      const pp = await import('/js/index.js');
      // cache: null (the default) — every call does the full work.
      svc = await pp.ImageProcessingService.create({ cache: null, operationTimeoutMs: 120000, maxInputPixels: 100_000_000, logger });
      const caps = await svc.capabilities();
      return { build: caps.build, threads: caps.threads, workers: caps.workers, version: pp.version };
    },
    async run(workload) {
      lastDecodeMs = null;
      const out = await svc.generateVariations(input, [variation[workload]]);
      const o = out.o;
      const r = o instanceof Uint8Array ? { bytes: o.byteLength } : { width: o.width, height: o.height, bytes: o.data.byteLength };
      if (lastDecodeMs != null) r.engineDecodeMs = lastDecodeMs;
      return r;
    },
    async dispose() { await svc?.dispose(); },
  };
}

// ---------------------------------------------------------------- wasm-vips
function vipsEngine() {
  let vips = null;
  return {
    async setup() {
      const { default: Vips } = await import('/node_modules/wasm-vips/lib/vips-es6.js');
      // No HEIF/JXL side modules: JPEG only. Operation cache off, so repeated runs do the full work.
      vips = await Vips({ dynamicLibraries: [] });
      vips.Cache.max(0);
      // wasm-vips defaults to VIPS_CONCURRENCY=1; give it the same thread budget as pixelpipe-mt.
      const conc = Number(new URLSearchParams(location.search).get('vipsConcurrency')) || navigator.hardwareConcurrency || 1;
      vips.concurrency(conc);
      return { version: vips.version(), concurrency: vips.concurrency() };
    },
    async run(workload) {
      const V = vips.Image;
      if (workload === 'thumbnail') {
        // thumbnailBuffer = shrink-on-load (JPEG DCT scaling) + high-quality resize; fits inside the box.
        const im = V.thumbnailBuffer(input, 300, { height: 300 });
        const jpg = im.writeToBuffer('.jpg', { Q: 80 });
        const r = { width: im.width, height: im.height, bytes: jpg.byteLength };
        im.delete();
        return r;
      }
      const src = V.newFromBuffer(input, '', { access: 'sequential' });
      let im = src;
      if (workload === 'blur') im = src.gaussblur(5);
      else if (workload === 'grayscale') im = src.colourspace('b-w'); // 1 band
      const px = im.writeToMemory();
      const r = { width: im.width, height: im.height, bands: im.bands, bytes: px.byteLength };
      if (im !== src) im.delete();
      src.delete();
      return r;
    },
    async dispose() { vips?.shutdown?.(); },
  };
}

// ---------------------------------------------------------------- Canvas 2D (Chromium's own decoders + Skia, software)
function canvasEngine() {
  const pixels = (canvas) => canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  return {
    async setup() { return { api: 'OffscreenCanvas 2D + createImageBitmap', userAgent: navigator.userAgent }; },
    async run(workload) {
      const bmp = await createImageBitmap(inputBlob);
      const { width, height } = bmp;
      try {
        if (workload === 'thumbnail') {
          const s = Math.min(300 / width, 300 / height);
          const w = Math.max(1, Math.round(width * s)), h = Math.max(1, Math.round(height * s));
          const c = new OffscreenCanvas(w, h);
          const ctx = c.getContext('2d');
          ctx.imageSmoothingEnabled = true;
          ctx.imageSmoothingQuality = 'high';
          ctx.drawImage(bmp, 0, 0, w, h);
          const blob = await c.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
          const buf = await blob.arrayBuffer();
          return { width: w, height: h, bytes: buf.byteLength };
        }
        const c = new OffscreenCanvas(width, height);
        const ctx = c.getContext('2d', { willReadFrequently: workload === 'decode' });
        if (workload === 'blur') ctx.filter = 'blur(5px)';
        else if (workload === 'grayscale') ctx.filter = 'grayscale(1)';
        ctx.drawImage(bmp, 0, 0);
        const px = pixels(c);
        return { width, height, bytes: px.byteLength };
      } finally {
        bmp.close();
      }
    },
    async dispose() {},
  };
}

const FACTORIES = { pixelpipe: pixelpipeEngine, 'wasm-vips': vipsEngine, canvas: canvasEngine };

window.bench = {
  crossOriginIsolated: self.crossOriginIsolated,
  setInput(b64, type = 'image/jpeg') {
    input = fromBase64(b64);
    inputBlob = new Blob([input], { type });
    return input.byteLength;
  },
  async setup(engine) {
    const e = FACTORIES[engine]();
    const info = await e.setup();
    engines[engine] = e;
    return info;
  },
  async run(engine, workload) {
    const t0 = performance.now();
    const out = await engines[engine].run(workload);
    return { ms: performance.now() - t0, out };
  },
  async dispose(engine) {
    await engines[engine]?.dispose();
    delete engines[engine];
  },
};
window.benchReady = true;
