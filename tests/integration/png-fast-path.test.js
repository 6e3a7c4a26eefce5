// The PNG fast path (levels 1–3, the default 2: SIMD Paeth filter, Huffman + runs, strips coded
// in parallel as separate IDAT chunks) is lossless on both wasm builds. Oracle: sharp (libvips'
// libspng/libpng, which also verify every chunk CRC and the Adler-32) decodes each output back to
// exactly the RGBA pixels it was given: photos decoded by sharp, and synthetic extremes chosen to
// reach every branch (flat = long runs, noise = no runs, gradients = constant residuals, widths
// that leave 1–3 pixels after the last 4-pixel group, 1×N and N×1, images spanning many strips,
// translucent alpha).
import sharp from 'sharp';
import { describeWithEngine, servicesForBothBuilds } from '../helpers/engine.js';
import { readTestdata } from '../helpers/testdata.js';

function synthetic(width, height, pixel) {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(pixel(x, y), (y * width + x) * 4);
  return { width, height, data };
}

// Deterministic noise (a 32-bit LCG: the test must not depend on Math.random).
function lcg(seed) {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s >>> 24; };
}

const CASES = [
  ['flat opaque 1000×700', () => synthetic(1000, 700, () => [40, 120, 200, 255])],
  ['flat translucent 333×257', () => synthetic(333, 257, () => [250, 3, 77, 128])],
  ['noise RGBA 301×1203 (many strips)', () => { const r = lcg(1); return synthetic(301, 1203, () => [r(), r(), r(), r()]); }],
  ['noise opaque 517×389', () => { const r = lcg(2); return synthetic(517, 389, () => [r(), r(), r(), 255]); }],
  ['horizontal gradient 1024×64', () => synthetic(1024, 64, (x) => [x & 255, (x >> 2) & 255, 255 - (x & 255), 255])],
  ['vertical gradient 63×1024', () => synthetic(63, 1024, (x, y) => [y & 255, (y * 3) & 255, 9, 255])],
  ['diagonal gradient + alpha ramp 401×299', () => synthetic(401, 299, (x, y) => [(x + y) & 255, (x * 2 + y) & 255, (x - y) & 255, (x + 3 * y) & 255])],
  ['stripes (runs of non-zero residuals) 640×480', () => synthetic(640, 480, (x, y) => [(x >> 5) * 40 & 255, y & 255, 255 * ((x >> 3) & 1), 255])],
  ['1×3001', () => { const r = lcg(3); return synthetic(1, 3001, (x, y) => [y & 255, r(), 7, 200]); }],
  ['3001×1', () => { const r = lcg(4); return synthetic(3001, 1, (x) => [x & 255, r(), 7, 255]); }],
  ['1×1', () => synthetic(1, 1, () => [1, 2, 3, 4])],
  ...[2, 3, 5, 6, 7, 9, 13].map((w) => [`width ${w} noise`, () => { const r = lcg(w); return synthetic(w, 37, () => [r(), r(), r(), w % 2 ? 255 : r()]); }]),
];

async function decodeRgba(bytes) {
  return sharp(Buffer.from(bytes)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
}

describeWithEngine('PNG fast path: exact round trips through sharp', () => {
  const services = servicesForBothBuilds();

  test.each(CASES)('%s: default level and levels 1 and 3, both builds', async (name, make) => {
    const image = make();
    for (const build of ['st', 'mt']) {
      for (const options of [{}, { compressionLevel: 1 }, { compressionLevel: 3 }]) {
        const { data, info } = await decodeRgba(await services[build].processForExport(image, 'png', options));
        expect([build, options, info.width, info.height, Buffer.compare(data, Buffer.from(image.data))])
          .toEqual([build, options, image.width, image.height, 0]);
      }
    }
  });

  test.each(['photos/kodim23.png', 'photos/Path_2560x1600.jpg', 'photos/spider_web.png'])('photo %s at the default level, both builds', async (file) => {
    const { data, info } = await sharp(readTestdata(file)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const image = { width: info.width, height: info.height, data: new Uint8Array(data) };
    for (const build of ['st', 'mt']) {
      const back = await decodeRgba(await services[build].processForExport(image, 'png', {}));
      expect([build, back.info.width, back.info.height, Buffer.compare(back.data, data)]).toEqual([build, info.width, info.height, 0]);
    }
  });
});
