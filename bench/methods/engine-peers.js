// SPDX-License-Identifier: MIT
// The peers' method rows, each from the same RGBA pixels in JS memory to its result in JS memory.
import { COMPOSITE1, COMPOSITE10, TRACE_COLORS } from './rows.js';
import { loadVips } from '../vips-setup.js';

const bytesOf = (img) => new Uint8Array(img.data.buffer, img.data.byteOffset, img.data.byteLength);
const imageData = (img) => new ImageData(img.data, img.width, img.height);

// ---------------------------------------------------------------- wasm-vips (libvips, pthreads)
// Timed: newFromMemory (the copy in), the operation, writeToMemory/writeToBuffer (the copy out).
// Opacity has no parameter in libvips: the layer's alpha is scaled first (the "manual alpha maths"
// a wasm-vips user writes), inside the timing.
const VIPS_MODE = { normal: 'over', color_dodge: 'colour-dodge', color_burn: 'colour-burn', hard_light: 'hard-light', soft_light: 'soft-light' };
export function vipsEngine({ photo, layers }) {
  let vips;
  const load = (img) => vips.Image.newFromMemory(bytesOf(img), img.width, img.height, 4, 'uchar').copy({ interpretation: 'srgb' });
  const faded = (l) => { const im = load(layers[l.layer]); return l.opacity === 1 ? im : im.multiply([1, 1, 1, l.opacity]).cast('uchar').copy({ interpretation: 'srgb' }); };
  const pixelsOut = (im) => { const u = im.format === 'uchar' ? im : im.cast('uchar'); return { width: u.width, height: u.height, data: u.writeToMemory() }; };
  const save = (suffix, opts = {}) => ({ run: () => load(photo).writeToBuffer(suffix, opts) });
  return {
    async setup() {
      vips = await loadVips();
      return { version: vips.version(), concurrency: vips.concurrency() };
    },
    rows: {
      statsHist: { run: () => { const im = load(photo); return { stats: im.stats().writeToMemory(), hist: im.histFind().writeToMemory() }; } },
      composite1: { run: () => pixelsOut(load(photo).composite2(faded(COMPOSITE1), VIPS_MODE[COMPOSITE1.mode] ?? COMPOSITE1.mode, { x: COMPOSITE1.x, y: COMPOSITE1.y })) },
      composite10: {
        run: () => pixelsOut(load(photo).composite(COMPOSITE10.map(faded), COMPOSITE10.map((l) => VIPS_MODE[l.mode] ?? l.mode),
          { x: COMPOSITE10.map((l) => l.x), y: COMPOSITE10.map((l) => l.y) })),
      },
      pngDefault: save('.png'),
      pngSmallest: save('.png', { compression: 9 }),
      jpeg85: save('.jpg', { Q: 85 }),
      webp80: save('.webp', { Q: 80 }),
    },
  };
}

// ---------------------------------------------------------------- Canvas 2D (Chromium's Skia)
// Untimed: the layers as ImageBitmaps (drawImage takes no pixels). Timed: putImageData of the
// backdrop, the draws, getImageData; the encoders from putImageData to the Blob's bytes.
const CANVAS_MODE = { normal: 'source-over', hard_light: 'hard-light', soft_light: 'soft-light' };
export function canvasEngine({ photo, layers }) {
  let bitmaps;
  const canvas = () => { const c = new OffscreenCanvas(photo.width, photo.height); const ctx = c.getContext('2d'); ctx.putImageData(imageData(photo), 0, 0); return [c, ctx]; };
  const draw = (list) => {
    const [, ctx] = canvas();
    for (const l of list) {
      ctx.globalAlpha = l.opacity;
      ctx.globalCompositeOperation = CANVAS_MODE[l.mode] ?? l.mode;
      ctx.drawImage(bitmaps[l.layer], l.x, l.y);
    }
    return ctx.getImageData(0, 0, photo.width, photo.height);
  };
  const encode = (type, quality) => ({ run: async () => { const [c] = canvas(); return new Uint8Array(await (await c.convertToBlob({ type, quality })).arrayBuffer()); } });
  return {
    async setup() { bitmaps = await Promise.all(layers.map((l) => createImageBitmap(imageData(l)))); return { engine: 'Canvas 2D' }; },
    rows: {
      composite1: { run: () => draw([COMPOSITE1]) },
      composite10: { run: () => draw(COMPOSITE10) },
      pngDefault: encode('image/png'),
      jpeg85: encode('image/jpeg', 0.85),
      webp80: encode('image/webp', 0.8),
    },
  };
}

// ---------------------------------------------------------------- Photon 0.3.3 (Rust → wasm)
// Timed: new PhotonImage (its copy in), the blends, get_raw_pixels. Photon's blend has no position
// (its first image must be the smaller one, blended at (0,0)) and no opacity: each layer is blended
// into a crop of the canvas at its place, which watermark() then puts back — full strength (less
// work than asked: no opacity).
const PHOTON_MODE = { normal: 'over', hard_light: 'hard_light', soft_light: 'soft_light' };
export function photonEngine({ photo, layers }) {
  let ph;
  const blendAll = (list) => {
    const base = new ph.PhotonImage(bytesOf(photo), photo.width, photo.height);
    for (const l of list) {
      const src = layers[l.layer];
      // The part of the layer inside the canvas, and the canvas under it.
      const x0 = Math.max(0, l.x), y0 = Math.max(0, l.y);
      const x1 = Math.min(photo.width, l.x + src.width), y1 = Math.min(photo.height, l.y + src.height);
      if (x1 <= x0 || y1 <= y0) continue;
      const whole = new ph.PhotonImage(bytesOf(src), src.width, src.height);
      const part = ph.crop(whole, x0 - l.x, y0 - l.y, x1 - l.x, y1 - l.y);
      const under = ph.crop(base, x0, y0, x1, y1);
      ph.blend(under, part, PHOTON_MODE[l.mode] ?? l.mode);
      ph.watermark(base, under, BigInt(x0), BigInt(y0));
      [whole, part, under].forEach((im) => im.free());
    }
    const out = { width: base.get_width(), height: base.get_height(), data: base.get_raw_pixels() };
    base.free();
    return out;
  };
  return {
    async setup() {
      ph = await import('/node_modules/@silvia-odwyer/photon/photon_rs.js');
      await ph.default({ module_or_path: new URL('/node_modules/@silvia-odwyer/photon/photon_rs_bg.wasm', location.href) });
      return { version: '0.3.3', threads: 1 };
    },
    rows: { composite1: { run: () => blendAll([COMPOSITE1]) }, composite10: { run: () => blendAll(COMPOSITE10) } },
  };
}

// ---------------------------------------------------------------- jSquash (Squoosh's codecs, one thread)
export function jsquashEngine({ photo }) {
  let png, jpeg, webp;
  return {
    async setup() {
      [png, jpeg, webp] = await Promise.all(['png', 'jpeg', 'webp'].map((c) => import(`/node_modules/@jsquash/${c}/encode.js`)));
      const v = await Promise.all(['png', 'jpeg', 'webp'].map(async (c) => (await (await fetch(`/node_modules/@jsquash/${c}/package.json`)).json()).version));
      return { png: v[0], jpeg: `${v[1]} (MozJPEG)`, webp: v[2] };
    },
    rows: {
      pngDefault: { run: async () => new Uint8Array(await png.default(imageData(photo))) },
      jpeg85: { run: async () => new Uint8Array(await jpeg.default(imageData(photo), { quality: 85 })) },
      webp80: { run: async () => new Uint8Array(await webp.default(imageData(photo), { quality: 80 })) },
    },
  };
}

// ---------------------------------------------------------------- imagetracerjs 1.2.6 (plain JS)
export function tracerEngine({ photo1mp }) {
  return {
    async setup() { return { version: '1.2.6', global: typeof self.ImageTracer }; },
    rows: { svgTrace: { run: () => self.ImageTracer.imagedataToSVG(imageData(photo1mp), { numberofcolors: TRACE_COLORS }) } },
  };
}
