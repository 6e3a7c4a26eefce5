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
//
// Operation rows (window.bench.setOpsInput / setupOps / runOp): the 12 MP photo is decoded ONCE
// (createImageBitmap → centre crop → getImageData, outside any timing) into RGBA pixels that every
// engine receives in its own native form, prepared outside the timed region: pixelpipe the raw
// { width, height, data } object, wasm-vips a materialised 3-band vips Image, Photon a fresh
// PhotonImage per run, canvas and pica an ImageBitmap. The timed region is the operation plus
// getting the output pixels into JS memory (writeToMemory, get_raw_pixels, getImageData, or
// pixelpipe's format 'raw' result, which also includes the copy of the input into the worker).
// The parameters each engine gets are in OP_ROWS below; bench/README.md lists the mismatches.

export const WORKLOADS = ['decode', 'thumbnail', 'blur', 'grayscale'];
export const OP_ROWS = ['resize', 'blur', 'color1', 'color6', 'unsharp', 'median', 'rotate', 'identity'];

let input = null; // Uint8Array, the encoded photo
let inputBlob = null;
// The operation rows' input, decoded once: { width, height, data: Uint8ClampedArray RGBA } + bitmap.
let opsPixels = null;
let opsBitmap = null;
let opsImageData = null;
// A fresh ImageBitmap per run (made untimed), so no state cached on a bitmap by an earlier run
// (Skia keeps mipmaps on an image once a scaled draw built them) flatters canvas or pica.
const freshBitmap = () => createImageBitmap(opsImageData);
const engines = {};

// ---------------------------------------------------------------- operation rows: shared parameters
const ROTATE_DEG = 17;
const COLOR6 = [ // [css function, pixelpipe transform, its parameter, value]
  ['brightness', 'brightness', 'amount', 1.1],
  ['contrast', 'contrast', 'amount', 1.2],
  ['saturate', 'saturate', 'amount', 1.3],
  ['hue-rotate', 'hue_rotate', 'degrees', 30],
  ['sepia', 'sepia', 'amount', 0.2],
  ['grayscale', 'grayscale', 'amount', 0.1],
];
const cssFilter = (steps) => steps.map(([css, , , v]) => `${css}(${v}${css === 'hue-rotate' ? 'deg' : ''})`).join(' ');
const quarter = (w, h) => [Math.max(1, Math.round(w / 4)), Math.max(1, Math.round(h / 4))];
// Output size of a rotation into the grown canvas (as libvips/sharp and pixelpipe's rotate).
function rotatedSize(w, h, deg) {
  const r = (deg * Math.PI) / 180, c = Math.abs(Math.cos(r)), s = Math.abs(Math.sin(r));
  return [Math.ceil(w * c + h * s - 1e-9), Math.ceil(w * s + h * c - 1e-9)];
}

/** pixelpipe variants per row; `alt` is tried when the build rejects the primary (marked in the output). */
function pixelpipeOpVariants(w, h) {
  const [qw, qh] = quarter(w, h);
  const step = ([, transform, key, v]) => ({ type: 'color_transform', transform, [key]: v });
  return {
    resize: {
      primary: { id: 'o', type: 'resize', width: qw, height: qh, fit: 'fill', kernel: 'lanczos3', format: 'raw' },
      alt: { id: 'o', type: 'resize', width: qw, height: qh, fit: 'fill', format: 'raw' },
      altNote: "no 'kernel' parameter in this build: its default resampler (Lanczos3)",
    },
    blur: { primary: { id: 'o', type: 'filter', filter: 'gaussian_blur', radius: 5, format: 'raw' } },
    color1: { primary: { id: 'o', steps: [step(COLOR6[0])], format: 'raw' } },
    color6: { primary: { id: 'o', steps: COLOR6.map(step), format: 'raw' } },
    unsharp: { primary: { id: 'o', type: 'filter', filter: 'unsharp_mask', radius: 2, amount: 1, threshold: 0, format: 'raw' } },
    median: { primary: { id: 'o', type: 'filter', filter: 'median', size: 3, format: 'raw' } },
    rotate: { primary: { id: 'o', type: 'rotate', angle: ROTATE_DEG, format: 'raw' } },
    // No operation: the fixed cost of a call (copy in, worker round trip, copy out).
    identity: { primary: { id: 'o', steps: [], format: 'raw' } },
  };
}

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
      // No result cache and no decoded-image reuse: every run decodes, as the peers do.
      svc = await pp.ImageProcessingService.create({ cache: null, imageCacheBytes: 0, operationTimeoutMs: 120000, maxInputPixels: 100_000_000, logger });
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
    ops: null,
    setupOps() {
      const { width, height, data } = opsPixels;
      const raw = { width, height, data };
      const useAlt = {};
      this.ops = {};
      for (const [row, v] of Object.entries(pixelpipeOpVariants(width, height))) {
        this.ops[row] = {
          async run() {
            let out;
            try {
              out = await svc.generateVariations(raw, [useAlt[row] ? v.alt : v.primary]);
            } catch (err) {
              // A build that predates the parameter: fall back once, say so in the output.
              if (!v.alt || useAlt[row] || !['INVALID_CONFIGURATION', 'UNKNOWN_PARAMETER'].includes(err?.code)) throw err;
              useAlt[row] = true;
              out = await svc.generateVariations(raw, [v.alt]);
            }
            const o = out.o;
            return { width: o.width, height: o.height, bytes: o.data.byteLength, ...(useAlt[row] ? { note: v.altNote } : {}) };
          },
        };
      }
      return { input: `raw ${width}x${height} RGBA (copied into the worker on every call)` };
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
    ops: null,
    setupOps() {
      const V = vips.Image;
      const { width, height, data } = opsPixels;
      // RGBA → the 3-band sRGB image a JPEG decodes to in libvips, materialised in wasm memory.
      const rgba = V.newFromMemory(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width, height, 4, 'uchar');
      const rgb = rgba.extractBand(0, { n: 3 });
      const src = rgb.copyMemory();
      rgba.delete(); rgb.delete();
      this.src = src;
      // CSS Filter Effects matrices (the definitions pixelpipe and canvas implement).
      const m3 = (rows) => V.newFromArray(rows);
      const sat = (s) => m3([[0.213 + 0.787 * s, 0.715 - 0.715 * s, 0.072 - 0.072 * s],
        [0.213 - 0.213 * s, 0.715 + 0.285 * s, 0.072 - 0.072 * s],
        [0.213 - 0.213 * s, 0.715 - 0.715 * s, 0.072 + 0.928 * s]]);
      const hue = (deg) => {
        const r = (deg * Math.PI) / 180, c = Math.cos(r), n = Math.sin(r);
        return m3([[0.213 + c * 0.787 - n * 0.213, 0.715 - c * 0.715 - n * 0.715, 0.072 - c * 0.072 + n * 0.928],
          [0.213 - c * 0.213 + n * 0.143, 0.715 + c * 0.285 + n * 0.140, 0.072 - c * 0.072 - n * 0.283],
          [0.213 - c * 0.213 - n * 0.787, 0.715 - c * 0.715 + n * 0.715, 0.072 + c * 0.928 + n * 0.072]]);
      };
      const sepia = (a) => {
        const k = 1 - a;
        return m3([[0.393 + 0.607 * k, 0.769 - 0.769 * k, 0.189 - 0.189 * k],
          [0.349 - 0.349 * k, 0.686 + 0.314 * k, 0.168 - 0.168 * k],
          [0.272 - 0.272 * k, 0.534 - 0.534 * k, 0.131 + 0.869 * k]]);
      };
      const gray = (a) => {
        const k = 1 - a;
        return m3([[0.2126 + 0.7874 * k, 0.7152 - 0.7152 * k, 0.0722 - 0.0722 * k],
          [0.2126 - 0.2126 * k, 0.7152 + 0.2848 * k, 0.0722 - 0.0722 * k],
          [0.2126 - 0.2126 * k, 0.7152 - 0.7152 * k, 0.0722 + 0.9278 * k]]);
      };
      const mats = { saturate: sat(1.3), hue: hue(30), sepia: sepia(0.2), gray: gray(0.1) };
      this.mats = mats;
      // Each op: (src, keep) → output image; every intermediate goes into keep (deleted after).
      const color6 = (im, keep) => {
        let x = im.linear(1.1, 0); keep.push(x); // brightness
        x = x.linear(1.2, 127.5 * (1 - 1.2)); keep.push(x); // contrast
        for (const m of [mats.saturate, mats.hue, mats.sepia, mats.gray]) { x = x.recomb(m); keep.push(x); }
        return x.cast('uchar');
      };
      const build = {
        resize: (im) => im.resize(0.25, { kernel: 'lanczos3' }),
        blur: (im) => im.gaussblur(5),
        color1: (im, keep) => { const x = im.linear(1.1, 0); keep.push(x); return x.cast('uchar'); },
        color6,
        // The same maths as pixelpipe's unsharp mask: out = in + amount (in - gauss(in, sigma 2)).
        unsharp: (im, keep) => {
          const b = im.gaussblur(2); keep.push(b);
          const a = im.linear(2, 0); keep.push(a);
          const d = a.subtract(b); keep.push(d);
          return d.cast('uchar');
        },
        median: (im) => im.median(3),
        rotate: (im) => im.rotate(ROTATE_DEG),
        identity: (im) => im.copy(),
      };
      this.ops = {};
      for (const [row, fn] of Object.entries(build)) {
        this.ops[row] = {
          async run() {
            const keep = [];
            const im = fn(src, keep);
            const px = im.writeToMemory(); // evaluates the lazy pipeline
            const r = { width: im.width, height: im.height, bands: im.bands, bytes: px.byteLength };
            im.delete();
            for (const k of keep) k.delete();
            return r;
          },
        };
      }
      return { input: `vips Image ${width}x${height} 3-band uchar, copyMemory()`, concurrency: vips.concurrency() };
    },
    async dispose() {
      try { this.src?.delete(); for (const m of Object.values(this.mats || {})) m.delete(); } catch { /* shut down anyway */ }
      vips?.shutdown?.();
    },
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
    ops: null,
    setupOps() {
      const { width, height } = opsBitmap;
      const fresh = { prep: freshBitmap, cleanup: (b) => b.close() };
      const filtered = (filter) => ({
        ...fresh,
        async run(bmp) {
          const c = new OffscreenCanvas(width, height);
          const ctx = c.getContext('2d');
          ctx.filter = filter;
          ctx.drawImage(bmp, 0, 0);
          return { width, height, bytes: pixels(c).byteLength };
        },
      });
      const [qw, qh] = quarter(width, height);
      const [rw, rh] = rotatedSize(width, height, ROTATE_DEG);
      this.ops = {
        resize: {
          ...fresh,
          async run(bmp) {
            const c = new OffscreenCanvas(qw, qh);
            const ctx = c.getContext('2d');
            ctx.imageSmoothingEnabled = true;
            ctx.imageSmoothingQuality = 'high';
            ctx.drawImage(bmp, 0, 0, qw, qh);
            return { width: qw, height: qh, bytes: pixels(c).byteLength };
          },
        },
        blur: filtered('blur(5px)'),
        color1: filtered(cssFilter(COLOR6.slice(0, 1))),
        color6: filtered(cssFilter(COLOR6)),
        unsharp: { na: 'no unsharp mask in Canvas 2D / CSS filters' },
        median: { na: 'no median filter in Canvas 2D / CSS filters' },
        rotate: {
          ...fresh,
          async run(bmp) {
            const c = new OffscreenCanvas(rw, rh);
            const ctx = c.getContext('2d');
            ctx.imageSmoothingEnabled = true; // default quality 'low' = bilinear
            ctx.translate(rw / 2, rh / 2);
            ctx.rotate((ROTATE_DEG * Math.PI) / 180);
            ctx.drawImage(bmp, -width / 2, -height / 2);
            return { width: rw, height: rh, bytes: pixels(c).byteLength };
          },
        },
        identity: filtered('none'),
      };
      return { input: `ImageBitmap ${width}x${height}` };
    },
    async dispose() {},
  };
}

// ---------------------------------------------------------------- Photon (Rust → wasm, single thread)
function photonEngine() {
  let ph = null;
  let exportsRaw = null;
  return {
    async setup() {
      // 0.3.3 is a wasm-bindgen `--target web` build: its default export fetches and instantiates
      // photon_rs_bg.wasm next to the module (no bundler needed).
      ph = await import('/node_modules/@silvia-odwyer/photon/photon_rs.js');
      exportsRaw = await ph.default({ module_or_path: new URL('/node_modules/@silvia-odwyer/photon/photon_rs_bg.wasm', location.href) });
      const pkg = await (await fetch('/node_modules/@silvia-odwyer/photon/package.json')).json();
      return { version: pkg.version, threads: 1 };
    },
    ops: null,
    setupOps() {
      const { width, height, data } = opsPixels;
      const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      const [qw, qh] = quarter(width, height);
      // Photon mutates in place (or returns a new image): every run gets a fresh copy, made untimed.
      const op = (fn) => ({
        prep: () => new ph.PhotonImage(bytes, width, height),
        async run(img) {
          const res = fn(img) || img;
          const px = res.get_raw_pixels();
          const r = { width: res.get_width(), height: res.get_height(), bytes: px.byteLength };
          if (res !== img) res.free();
          return r;
        },
        cleanup: (img) => img.free(),
      });
      // 0.3.3's JS `sharpen()` calls the wasm `box_blur` (a glue bug): call the wasm export directly.
      const sharpen = (img) => (exportsRaw.sharpen ? exportsRaw.sharpen(img.__wbg_ptr) : ph.sharpen(img));
      this.ops = {
        resize: op((img) => ph.resize(img, qw, qh, ph.SamplingFilter.Lanczos3)),
        blur: op((img) => { ph.gaussian_blur(img, 5); }),
        color1: op((img) => { ph.adjust_brightness(img, 13); }),
        color6: op((img) => {
          ph.adjust_brightness(img, 13); // additive +13 levels ≈ ×1.1 at mid-grey
          ph.adjust_contrast(img, 23.4); // Photon's factor 259(c+255)/(255(259-c)) = 1.2
          ph.saturate_hsl(img, 0.3);
          ph.hue_rotate_hsl(img, 30);
          ph.sepia(img); // full strength: Photon has no amount
          ph.grayscale(img); // full strength
        }),
        unsharp: op((img) => { sharpen(img); }),
        median: { na: 'Photon has no median filter' },
        rotate: op((img) => ph.rotate(img, ROTATE_DEG)),
        identity: op(() => {}),
      };
      return { input: `fresh PhotonImage ${width}x${height} per run (untimed)`, sharpen: exportsRaw.sharpen ? 'wasm export sharpen' : 'JS glue sharpen' };
    },
    async dispose() {},
  };
}

// ---------------------------------------------------------------- pica (resize only; JS/wasm in Web Workers)
function picaEngine() {
  let pica = null;
  let version = null;
  return {
    async setup() {
      const mod = await import('/node_modules/pica/dist/pica.mjs');
      pica = new mod.Pica(); // default features ['js', 'wasm', 'ww']: tiles resized in up to 4 workers
      version = (await (await fetch('/node_modules/pica/package.json')).json()).version;
      return { version, features: ['js', 'wasm', 'ww'], concurrency: Math.min(4, navigator.hardwareConcurrency || 1) };
    },
    ops: null,
    setupOps() {
      const [qw, qh] = quarter(opsBitmap.width, opsBitmap.height);
      const na = { na: 'pica only resizes' };
      this.ops = {
        resize: {
          prep: freshBitmap,
          cleanup: (b) => b.close(),
          async run(bmp) {
            const to = document.createElement('canvas');
            to.width = qw; to.height = qh;
            await pica.resize(bmp, to, { filter: 'lanczos3' });
            const px = to.getContext('2d', { willReadFrequently: true }).getImageData(0, 0, qw, qh).data;
            return { width: qw, height: qh, bytes: px.byteLength };
          },
        },
        blur: na, color1: na, color6: na, unsharp: na, median: na, rotate: na, identity: na,
      };
      return { input: `ImageBitmap ${opsBitmap.width}x${opsBitmap.height}`, filter: 'lanczos3' };
    },
    async dispose() {},
  };
}

const FACTORIES = { pixelpipe: pixelpipeEngine, 'wasm-vips': vipsEngine, canvas: canvasEngine, photon: photonEngine, pica: picaEngine };

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
  /** Decodes the operation rows' photo once and centre-crops it to crop.width × crop.height (0 = whole). */
  async setOpsInput(b64, type = 'image/jpeg', crop = {}) {
    const t0 = performance.now();
    const bmp = await createImageBitmap(new Blob([fromBase64(b64)], { type }));
    const sw = bmp.width, sh = bmp.height;
    const w = Math.min(sw, crop.width || sw), h = Math.min(sh, crop.height || sh);
    const sx = (sw - w) >> 1, sy = (sh - h) >> 1;
    const c = new OffscreenCanvas(w, h);
    const ctx = c.getContext('2d', { willReadFrequently: true });
    ctx.drawImage(bmp, sx, sy, w, h, 0, 0, w, h);
    bmp.close();
    const img = ctx.getImageData(0, 0, w, h);
    opsPixels = { width: w, height: h, data: img.data };
    opsImageData = img;
    opsBitmap?.close();
    opsBitmap = await createImageBitmap(img);
    return { sourceWidth: sw, sourceHeight: sh, width: w, height: h, left: sx, top: sy, decodeMs: performance.now() - t0 };
  },
  async setupOps(engine) {
    return engines[engine].setupOps();
  },
  /** One timed run of an operation row: { ms, out } | { na } | { error, message }. */
  async runOp(engine, row) {
    const op = engines[engine]?.ops?.[row];
    if (!op) return { na: 'no equivalent' };
    if (op.na) return { na: op.na };
    const state = op.prep ? await op.prep() : undefined;
    try {
      const t0 = performance.now();
      const out = await op.run(state);
      return { ms: performance.now() - t0, out };
    } catch (err) {
      return { error: err?.code || err?.name || 'Error', message: String(err?.message || err).split('\n')[0] };
    } finally {
      if (op.cleanup) op.cleanup(state);
    }
  },
  engines: () => Object.keys(FACTORIES),
  async dispose(engine) {
    await engines[engine]?.dispose();
    delete engines[engine];
  },
};
window.benchReady = true;
