// SPDX-License-Identifier: MIT
// Benchmark page for bench/run.mjs: the rows of issue #12 on every engine.
//   window.bench.setInput(base64) stores the encoded photo (the 4000x3000 JPEG q90 run.mjs made) and
//     decodes it ONCE, untimed, into RGBA pixels held in JS ({ width, height, data }), as an app that
//     already has pixels would;
//   window.bench.setup(engine) loads an engine and prepares its rows (untimed);
//   window.bench.runRow(engine, row) runs one timed iteration: { ms, out } | { na } | { error, message }.
// Every pixel row's timed region starts from the JS pixels and ends with the output pixels back in
// JS memory: each engine pays its own io round trip (pixelpipe: copy to the worker and into wasm,
// copy out and transfer back; wasm-vips: newFromMemory + writeToMemory; Photon: new PhotonImage +
// get_raw_pixels; canvas and pica: putImageData + getImageData). decode and thumbnail start from the
// encoded bytes. The `handle` row (pixelpipe only) loads the pixels once (service.load, untimed)
// and then times one pointwise op per call on the handle, as an editor's slider does.
// bench/README.md lists what each engine runs per row and where they do not compute the same thing.

import { loadVips } from './vips-setup.js';
import { ROWS, EXTRA_ROWS, CHAIN, ROTATE_DEG, THUMB, quarter, pixelpipeVariants } from './rows.js';

let encoded = null; // Uint8Array, the JPEG
let encodedBlob = null;
let pixels = null; // { width, height, data: Uint8ClampedArray RGBA }
let imageData = null;
const engines = {};

const cssFilter = (steps) => steps.map(([css, , , v]) => `${css}(${v}${css === 'hue-rotate' ? 'deg' : ''})`).join(' ');
function rotatedSize(w, h, deg) {
  const r = (deg * Math.PI) / 180, c = Math.abs(Math.cos(r)), s = Math.abs(Math.sin(r));
  return [Math.ceil(w * c + h * s - 1e-9), Math.ceil(w * s + h * c - 1e-9)];
}

function fromBase64(b64) {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
const summary = (o) => (o instanceof Uint8Array ? { bytes: o.byteLength } : { width: o.width, height: o.height, bytes: o.data.byteLength });

// ---------------------------------------------------------------- pixelpipe (mt or st: the page decides)
// The service's debug line per call ("input 12.3 ms, …, total 45.6 ms", js/service.js) is parsed
// into `parts`, so the runner can say where pixelpipe's time goes; logging it costs one string.
const PARTS = ['input', 'queue', 'copy in', 'decode', 'pipeline', 'encode', 'messaging', 'total'];
function parseParts(line) {
  const parts = {};
  for (const name of PARTS) {
    const m = new RegExp(`${name} ([0-9.]+) ms`).exec(line ?? '');
    if (m) parts[name] = Number(m[1]);
  }
  return parts;
}

function pixelpipeEngine() {
  let svc = null;
  let handle = null;
  let lastLine = '';
  const logger = { debug: (s) => { lastLine = s; }, info() {}, warn() {}, error() {} };
  return {
    async setup() {
      const pp = await import('/js/index.js');
      // No result cache and no decoded-image reuse: every call does the full work, as the peers do.
      svc = await pp.ImageProcessingService.create({ cache: null, imageCacheBytes: 0, operationTimeoutMs: 120000, maxInputPixels: 100_000_000, logger });
      const caps = await svc.capabilities();
      const { width, height, data } = pixels;
      const raw = { width, height, data }; // not transferred: the caller keeps its pixels
      handle = await svc.load(raw);
      const variants = pixelpipeVariants(width, height);
      const call = (input, v) => async () => {
        lastLine = '';
        const out = summary((await svc.generateVariations(input, [v])).o);
        return { ...out, parts: parseParts(lastLine) };
      };
      this.rows = {};
      for (const row of [...ROWS, ...EXTRA_ROWS]) {
        const input = row === 'decode' || row === 'thumbnail' ? encoded : row === 'handle' ? handle : raw;
        this.rows[row] = { run: call(input, variants[row]) };
      }
      return { build: caps.build, threads: caps.threads, workers: caps.workers, version: pp.version };
    },
    async dispose() { handle?.release(); await svc?.dispose(); },
  };
}

// ---------------------------------------------------------------- wasm-vips
function vipsEngine() {
  let vips = null;
  const mats = [];
  return {
    async setup() {
      vips = await loadVips();
      const V = vips.Image;
      const { width, height, data } = pixels;
      const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      const m3 = (rows) => { const m = V.newFromArray(rows); mats.push(m); return m; };
      // CSS Filter Effects matrices (the definitions pixelpipe and canvas implement).
      const sat = (s) => m3([[0.213 + 0.787 * s, 0.715 - 0.715 * s, 0.072 - 0.072 * s],
        [0.213 - 0.213 * s, 0.715 + 0.285 * s, 0.072 - 0.072 * s],
        [0.213 - 0.213 * s, 0.715 - 0.715 * s, 0.072 + 0.928 * s]]);
      const hue = (deg) => {
        const r = (deg * Math.PI) / 180, c = Math.cos(r), n = Math.sin(r);
        return m3([[0.213 + c * 0.787 - n * 0.213, 0.715 - c * 0.715 - n * 0.715, 0.072 - c * 0.072 + n * 0.928],
          [0.213 - c * 0.213 + n * 0.143, 0.715 + c * 0.285 + n * 0.140, 0.072 - c * 0.072 - n * 0.283],
          [0.213 - c * 0.213 - n * 0.787, 0.715 - c * 0.715 + n * 0.715, 0.072 + c * 0.928 + n * 0.072]]);
      };
      const satM = sat(1.3), hueM = hue(30);
      // Each op: (RGBA image, keep) → output image; intermediates go into keep (deleted after).
      const rgb = (im, keep) => { const x = im.extractBand(0, { n: 3 }); keep.push(x); return x; };
      const ops = {
        io: (im) => im.copy(),
        resize: (im) => im.resize(0.25, { kernel: 'lanczos3' }),
        // gap 0: no shrink before the Lanczos3 reduce (the exact filter over every input pixel).
        resize_exact: (im) => im.resize(0.25, { kernel: 'lanczos3', gap: 0 }),
        blur: (im) => im.gaussblur(5),
        grayscale: (im) => im.colourspace('b-w'), // RGBA → grey + alpha
        color: (im, keep) => { // recomb needs 3 bands: the chain runs on RGB (25 % less than RGBA)
          let x = rgb(im, keep).linear(1.1, 0); keep.push(x);
          x = x.linear(1.2, 127.5 * (1 - 1.2)); keep.push(x);
          for (const m of [satM, hueM]) { x = x.recomb(m); keep.push(x); }
          return x.cast('uchar');
        },
        unsharp: (im, keep) => { // in + 1·(in − gauss(in, 2)), as pixelpipe's unsharp mask
          const b = im.gaussblur(2); keep.push(b);
          const a = im.linear(2, 0); keep.push(a);
          const d = a.subtract(b); keep.push(d);
          return d.cast('uchar');
        },
        median: (im) => im.median(3),
        rotate: (im) => im.rotate(ROTATE_DEG),
      };
      const out = (im) => { const px = im.writeToMemory(); return { width: im.width, height: im.height, bands: im.bands, bytes: px.byteLength }; };
      this.rows = { handle: { na: 'no handle API (the vips Image is the handle: see the pixel rows)' } };
      for (const [row, fn] of Object.entries(ops)) {
        this.rows[row] = {
          async run() {
            const keep = [];
            const src = V.newFromMemory(bytes, width, height, 4, 'uchar'); // copies into the wasm heap
            const im = fn(src, keep);
            try { return out(im); } finally { im.delete(); for (const k of keep) k.delete(); src.delete(); }
          },
        };
      }
      this.rows.decode = {
        async run() {
          const im = V.newFromBuffer(encoded, '', { access: 'sequential' });
          try { return out(im); } finally { im.delete(); }
        },
      };
      this.rows.thumbnail = {
        async run() {
          // thumbnailBuffer = shrink-on-load (JPEG DCT scaling) + Lanczos3 reduce, inside the box.
          const im = V.thumbnailBuffer(encoded, THUMB, { height: THUMB });
          try { return { width: im.width, height: im.height, bytes: im.writeToBuffer('.jpg', { Q: 80 }).byteLength }; } finally { im.delete(); }
        },
      };
      return { version: vips.version(), concurrency: vips.concurrency() };
    },
    async dispose() {
      try { for (const m of mats) m.delete(); } catch { /* shut down anyway */ }
      vips?.shutdown?.();
    },
  };
}

// ---------------------------------------------------------------- Canvas 2D (Chromium's decoders + Skia, software)
/** An OffscreenCanvas holding the JS pixels (putImageData: canvas' copy in). */
function canvasFromPixels() {
  const c = new OffscreenCanvas(pixels.width, pixels.height);
  c.getContext('2d').putImageData(imageData, 0, 0);
  return c;
}
const readPixels = (canvas) => canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;

function canvasEngine() {
  return {
    async setup() {
      const { width, height } = pixels;
      const [qw, qh] = quarter(width, height);
      const [rw, rh] = rotatedSize(width, height, ROTATE_DEG);
      // draw(ctx, src) onto a w × h canvas, then read it back.
      const drawn = (w, h, draw) => ({
        async run() {
          const src = canvasFromPixels();
          const c = new OffscreenCanvas(w, h);
          draw(c.getContext('2d'), src);
          return { width: w, height: h, bytes: readPixels(c).byteLength };
        },
      });
      const filtered = (filter) => drawn(width, height, (ctx, src) => { ctx.filter = filter; ctx.drawImage(src, 0, 0); });
      this.rows = {
        io: { async run() { return { width, height, bytes: readPixels(canvasFromPixels()).byteLength }; } },
        decode: {
          async run() {
            const bmp = await createImageBitmap(encodedBlob);
            try {
              const c = new OffscreenCanvas(bmp.width, bmp.height);
              c.getContext('2d', { willReadFrequently: true }).drawImage(bmp, 0, 0);
              return { width: bmp.width, height: bmp.height, bytes: readPixels(c).byteLength };
            } finally { bmp.close(); }
          },
        },
        thumbnail: {
          async run() {
            const bmp = await createImageBitmap(encodedBlob);
            try {
              const s = Math.min(THUMB / bmp.width, THUMB / bmp.height);
              const w = Math.max(1, Math.round(bmp.width * s)), h = Math.max(1, Math.round(bmp.height * s));
              const c = new OffscreenCanvas(w, h);
              const ctx = c.getContext('2d');
              ctx.imageSmoothingQuality = 'high';
              ctx.drawImage(bmp, 0, 0, w, h);
              const blob = await c.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
              return { width: w, height: h, bytes: (await blob.arrayBuffer()).byteLength };
            } finally { bmp.close(); }
          },
        },
        resize: drawn(qw, qh, (ctx, src) => { ctx.imageSmoothingQuality = 'high'; ctx.drawImage(src, 0, 0, qw, qh); }),
        resize_exact: { na: "Canvas 'high' is mipmaps + cubic, not Lanczos3" },
        blur: filtered('blur(5px)'),
        grayscale: filtered('grayscale(1)'),
        color: filtered(cssFilter(CHAIN)),
        handle: { na: 'no handle API' },
        unsharp: { na: 'no unsharp mask in Canvas 2D / CSS filters' },
        median: { na: 'no median filter in Canvas 2D / CSS filters' },
        rotate: drawn(rw, rh, (ctx, src) => {
          ctx.translate(rw / 2, rh / 2); // smoothing on, default quality 'low' = bilinear
          ctx.rotate((ROTATE_DEG * Math.PI) / 180);
          ctx.drawImage(src, -width / 2, -height / 2);
        }),
      };
      return { api: 'OffscreenCanvas 2D + createImageBitmap', userAgent: navigator.userAgent };
    },
    async dispose() {},
  };
}

// ---------------------------------------------------------------- Photon (Rust → wasm, single thread)
function photonEngine() {
  return {
    async setup() {
      // 0.3.3 is a wasm-bindgen `--target web` build: its default export instantiates photon_rs_bg.wasm.
      const ph = await import('/node_modules/@silvia-odwyer/photon/photon_rs.js');
      const raw = await ph.default({ module_or_path: new URL('/node_modules/@silvia-odwyer/photon/photon_rs_bg.wasm', location.href) });
      const { width, height, data } = pixels;
      const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      const [qw, qh] = quarter(width, height);
      // new PhotonImage copies the pixels in; get_raw_pixels copies them out.
      const op = (fn) => ({
        async run() {
          const img = new ph.PhotonImage(bytes, width, height);
          const res = fn(img) || img;
          try {
            return { width: res.get_width(), height: res.get_height(), bytes: res.get_raw_pixels().byteLength };
          } finally { if (res !== img) res.free(); img.free(); }
        },
      });
      // 0.3.3's JS `sharpen()` calls the wasm `box_blur` (a glue bug): call the wasm export directly.
      const sharpen = (img) => (raw.sharpen ? raw.sharpen(img.__wbg_ptr) : ph.sharpen(img));
      const na = (why) => ({ na: why });
      this.rows = {
        io: op(() => {}),
        decode: na('decoding goes through the image crate (not benchmarked)'),
        thumbnail: na('decoding goes through the image crate (not benchmarked)'),
        resize: op((img) => ph.resize(img, qw, qh, ph.SamplingFilter.Lanczos3)),
        resize_exact: op((img) => ph.resize(img, qw, qh, ph.SamplingFilter.Lanczos3)), // never pre-shrinks
        blur: op((img) => { ph.gaussian_blur(img, 5); }),
        grayscale: op((img) => { ph.grayscale(img); }),
        color: op((img) => {
          ph.adjust_brightness(img, 13); // additive +13 levels ≈ ×1.1 at mid-grey
          ph.adjust_contrast(img, 23.4); // Photon's factor 259(c+255)/(255(259-c)) = 1.2
          ph.saturate_hsl(img, 0.3);
          ph.hue_rotate_hsl(img, 30);
        }),
        handle: na('no handle API'),
        unsharp: op((img) => { sharpen(img); }),
        median: na('Photon has no median filter'),
        rotate: op((img) => ph.rotate(img, ROTATE_DEG)),
      };
      const pkg = await (await fetch('/node_modules/@silvia-odwyer/photon/package.json')).json();
      return { version: pkg.version, threads: 1 };
    },
    async dispose() {},
  };
}

// ---------------------------------------------------------------- pica (resize only; wasm in Web Workers)
function picaEngine() {
  return {
    async setup() {
      const mod = await import('/node_modules/pica/dist/pica.mjs');
      const pica = new mod.Pica(); // default features ['js', 'wasm', 'ww']: tiles resized in up to 4 workers
      const [qw, qh] = quarter(pixels.width, pixels.height);
      const resize = {
        async run() {
          const to = new OffscreenCanvas(qw, qh);
          await pica.resize(canvasFromPixels(), to, { filter: 'lanczos3' });
          return { width: qw, height: qh, bytes: readPixels(to).byteLength };
        },
      };
      this.rows = Object.fromEntries([...ROWS, ...EXTRA_ROWS].map((r) => [r, { na: 'pica only resizes' }]));
      this.rows.resize = resize;
      this.rows.resize_exact = resize; // pica never pre-shrinks
      const version = (await (await fetch('/node_modules/pica/package.json')).json()).version;
      return { version, features: ['js', 'wasm', 'ww'], concurrency: Math.min(4, navigator.hardwareConcurrency || 1) };
    },
    async dispose() {},
  };
}

const FACTORIES = { pixelpipe: pixelpipeEngine, 'wasm-vips': vipsEngine, canvas: canvasEngine, photon: photonEngine, pica: picaEngine };

window.bench = {
  crossOriginIsolated: self.crossOriginIsolated,
  /** Stores the JPEG and decodes it once (untimed) into the JS pixels every pixel row starts from. */
  async setInput(b64, type = 'image/jpeg') {
    const t0 = performance.now();
    encoded = fromBase64(b64);
    encodedBlob = new Blob([encoded], { type });
    const bmp = await createImageBitmap(encodedBlob);
    const c = new OffscreenCanvas(bmp.width, bmp.height);
    const ctx = c.getContext('2d', { willReadFrequently: true });
    ctx.drawImage(bmp, 0, 0);
    bmp.close();
    imageData = ctx.getImageData(0, 0, c.width, c.height);
    pixels = { width: c.width, height: c.height, data: imageData.data };
    return { bytes: encoded.byteLength, width: c.width, height: c.height, decodeMs: performance.now() - t0 };
  },
  async setup(engine) {
    const e = FACTORIES[engine]();
    const info = await e.setup();
    engines[engine] = e;
    return info;
  },
  async runRow(engine, row) {
    const op = engines[engine]?.rows?.[row];
    if (!op) return { na: 'no equivalent' };
    if (op.na) return { na: op.na };
    try {
      const t0 = performance.now();
      const out = await op.run();
      return { ms: performance.now() - t0, out };
    } catch (err) {
      return { error: err?.code || err?.name || 'Error', message: String(err?.message || err).split('\n')[0] };
    }
  },
  async dispose(engine) {
    await engines[engine]?.dispose();
    delete engines[engine];
  },
};
window.benchReady = true;
