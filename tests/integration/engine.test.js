// The engine every method stands on (issue 7): image handles, many inputs acquired in one step
// (one copy into wasm each, limits and memory checked for the whole call first), decoded-image
// store keys, white flattening for opaque formats, progress without losing prefix sharing.
// Oracles: sharp (libvips) decodes the outputs; byte counts of the engine's own allocations.
import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';
import { ImageProcessingService } from '../../js/index.js';
import { ImageStore, storeKey } from '../../js/worker/store.js';
import { acquireInputs, settleInputs } from '../../js/worker/acquire.js';
import { describeWithEngine, repoRoot } from '../helpers/engine.js';
import { readTestdata } from '../helpers/testdata.js';

const KODIM = 'photos/kodim23.png';

/** A w×h RGBA image of one colour. */
const flat = (w, h, rgba) => ({ width: w, height: h, data: new Uint8Array(w * h * 4).map((_, i) => rgba[i % 4]) });

describeWithEngine('engine: handles, inputs, outputs', () => {
  let st;
  let logs;
  beforeAll(async () => {
    logs = [];
    const logger = { debug: (m) => logs.push(m), info() {}, warn() {}, error() {} };
    st = await ImageProcessingService.create({ build: 'st', workers: 2, logger });
  });
  afterAll(async () => { await st?.dispose(); });

  test('opaque formats flatten alpha onto white by default, onto formatOptions.background when given (decoded by sharp)', async () => {
    const half = flat(8, 8, [255, 0, 0, 128]);
    const white = await st.generateVariations(half, [{ id: 'j', type: 'flip', format: 'jpeg', quality: 95 }]);
    const black = await st.applyColorTransformations(half, [{ transform: 'invert', amount: 0 }], { format: 'jpeg', formatOptions: { quality: 95, background: 'black' } });
    const px = async (bytes) => [...(await sharp(bytes).raw().toBuffer()).subarray(0, 3)];
    const [w, b] = [await px(white.j), await px(black)];
    // 255·a + bg·(1 − a) with a = 128/255: white → (255, 127, 127), black → (128, 0, 0); JPEG ±3
    [[w, [255, 127, 127]], [b, [128, 0, 0]]].forEach(([got, want]) => got.forEach((v, i) => expect(Math.abs(v - want[i])).toBeLessThanOrEqual(3)));
  });

  test('load() → an ImageHandle every method accepts; the results equal those from the bytes; release() ends it', async () => {
    const bytes = readTestdata(KODIM);
    const handle = await st.load(bytes);
    expect([handle.width, handle.height, handle.format]).toEqual([768, 512, 'png']);
    const configs = [{ id: 'g', type: 'color_transform', transform: 'grayscale', format: 'raw' }, { id: 'r', type: 'resize', width: 100, format: 'raw' }];
    const fromBytes = await st.generateVariations(bytes, configs);
    // four calls on two workers: whichever worker lacks the image gets its bytes once more
    const results = await Promise.all([0, 1, 2, 3].map(() => st.generateVariations(handle, configs)));
    for (const r of results) {
      expect(Buffer.compare(Buffer.from(r.g.data), Buffer.from(fromBytes.g.data))).toBe(0);
      expect(Buffer.compare(Buffer.from(r.r.data), Buffer.from(fromBytes.r.data))).toBe(0);
    }
    const colour = await st.applyColorTransformations(handle, [{ transform: 'sepia' }], { format: 'raw' });
    expect([colour.width, colour.height]).toEqual([768, 512]);
    handle.release();
    expect(handle.released).toBe(true);
    await expect(st.generateVariations(handle, configs)).rejects.toMatchObject({ name: 'InvalidConfigurationError', details: { path: 'image' } });
  });

  test('a call made before release() still gets its result when it has to resend the source (found by the browser soak)', async () => {
    const one = await ImageProcessingService.create({ build: 'mt', workers: 1 });
    try {
      const handle = await one.load(flat(64, 48, [200, 100, 50, 255]));
      await one[Symbol.for('pixelpipe.debug')].killWorker(0); // its replacement does not hold the image
      const call = one.analyzeImage(handle, ['stats']);
      handle.release(); // while the call is on its way: it was made with a live handle
      const { stats } = await call;
      expect(stats.channels.slice(0, 3).map((c) => c.mean)).toEqual([200, 100, 50]);
    } finally {
      await one.dispose();
    }
  });

  test('raw pixels load too, and a handle is pinned in its worker (not evicted, reported in stats)', async () => {
    const handle = await st.load(flat(300, 200, [10, 20, 30, 255]));
    expect(handle.format).toBe('raw');
    const stats = await st.stats();
    expect(stats.perWorker.some((w) => w.storedImages >= 1)).toBe(true);
    const out = await st.generateVariations(handle, [{ id: 'c', type: 'crop', left: 10, top: 10, width: 5, height: 5, format: 'raw' }]);
    expect([...out.c.data.subarray(0, 4)]).toEqual([10, 20, 30, 255]);
    handle.release();
  });

  test('onProgress keeps prefix sharing: variants after a shared resize still start from its result', async () => {
    logs.length = 0;
    const progress = [];
    await st.generateVariations(readTestdata(KODIM), [
      { id: 'small', type: 'resize', width: 200 },
      { id: 'small-gray', steps: [{ type: 'resize', width: 200 }, { type: 'color_transform', transform: 'grayscale' }] },
    ], { onProgress: (p) => progress.push(p) });
    expect(progress.map((p) => p.completed)).toEqual([1, 2, 3]);
    expect(logs.join('\n')).toContain('shared steps: small-gray +1');
  });
});

describeWithEngine('acquireInputs: many inputs, one copy each, the whole call checked first', () => {
  let M;
  const limits = { maxPixels: 1e8, maxSide: 32768 };
  beforeAll(async () => {
    M = await createRequire(import.meta.url)(path.join(repoRoot, 'dist/node/pixelpipe-st.cjs'))();
  });

  test('three inputs (encoded, raw, encoded again): each copied into wasm exactly once; the store keys by hash + hints', () => {
    const store = new ImageStore(M, 64 << 20);
    const png = readTestdata(KODIM);
    const raw = flat(16, 16, [1, 2, 3, 255]);
    const copies = [];
    M._free(M._malloc(1)); // emscripten binds _malloc lazily on its first call, replacing the property
    const malloc = M._malloc;
    M._malloc = (n) => { copies.push(n); return malloc(n); };
    let images;
    try {
      const inputs = [
        { bytes: png, rawWidth: 0, rawHeight: 0, hash: 'a' },
        { bytes: raw.data, rawWidth: 16, rawHeight: 16 },
        { bytes: png, rawWidth: 0, rawHeight: 0, hash: 'a', hints: { shrink: 2 } },
      ];
      images = acquireInputs(M, inputs, { limits, maxMemoryBytes: 1 << 30, store, workBytes: () => 0 });
      settleInputs(store, images, inputs, { dead: false });
    } finally {
      M._malloc = malloc;
    }
    expect(copies.filter((n) => n === png.byteLength)).toHaveLength(2); // once per input (2 PNG inputs), not once per probe and again per decode
    expect(copies.filter((n) => n === raw.data.byteLength)).toHaveLength(1);
    expect(images.map((i) => [i.width, i.height, i.format])).toEqual([[768, 512, 'png'], [16, 16, 'raw'], [768, 512, 'png']]);
    expect(store.keys().sort()).toEqual([storeKey('a'), storeKey('a', { shrink: 2 })].sort()); // hints are part of the key; raw is not kept
    const again = acquireInputs(M, [{ rawWidth: 0, rawHeight: 0, hash: 'a' }], { limits, maxMemoryBytes: 1 << 30, store, workBytes: () => 0 });
    expect(again[0].fresh).toBe(false); // from the store, no bytes needed
  });

  test('memoryStats().mallocBytes is what is allocated now: +3 MiB while a 3 MiB block lives, the same as before once it is freed', () => {
    const n = 3 << 20;
    const before = M.memoryStats();
    const ptr = M._malloc(n);
    const during = M.memoryStats();
    M._free(ptr);
    const after = M.memoryStats();
    expect(during.mallocBytes - before.mallocBytes).toBeGreaterThanOrEqual(n);
    expect(during.mallocBytes - before.mallocBytes).toBeLessThan(n + 64); // dlmalloc's chunk header and alignment
    expect(after.mallocBytes).toBe(before.mallocBytes);
    expect(after.heapBytes).toBeGreaterThanOrEqual(during.mallocBytes); // the memory size only grows
  });

  test('the memory estimate covers every input before anything is decoded; a handle the worker lacks is IMAGE_NOT_LOADED', () => {
    const store = new ImageStore(M, 0);
    const before = M.memoryStats().storedImages;
    const png = readTestdata(KODIM);
    const inputs = [0, 1, 2].map(() => ({ bytes: png, rawWidth: 0, rawHeight: 0 }));
    // each decoded image is 768·512·4 = 1.5 MiB: three fit in 8 MiB alone, not with 4 MiB of work
    expect(() => acquireInputs(M, inputs, { limits, maxMemoryBytes: 8 << 20, store, workBytes: () => 4 << 20 }))
      .toThrow(expect.objectContaining({ code: 'MEMORY_LIMIT_EXCEEDED' }));
    expect(M.memoryStats().storedImages).toBe(before); // nothing was decoded
    expect(() => acquireInputs(M, [{ rawWidth: 0, rawHeight: 0, hash: 'nope' }], { limits, maxMemoryBytes: 1 << 30, store, workBytes: () => 0 }))
      .toThrow(expect.objectContaining({ code: 'IMAGE_NOT_LOADED' }));
    const limited = { maxPixels: 1000, maxSide: 32768 };
    expect(() => acquireInputs(M, [inputs[0], { bytes: new Uint8Array(64 * 64 * 4), rawWidth: 64, rawHeight: 64 }], { limits: limited, maxMemoryBytes: 1 << 30, store, workBytes: () => 0 }))
      .toThrow(expect.objectContaining({ code: 'IMAGE_TOO_LARGE' }));
  });
});

describeWithEngine('the result cache keys on every input', () => {
  test('two different images with the same config are two entries; the same image again is a hit', async () => {
    const { MemoryCache } = await import('../../js/index.js');
    const service = await ImageProcessingService.create({ build: 'st', workers: 1, cache: new MemoryCache() });
    try {
      const cfg = [{ id: 'c', type: 'crop', left: 0, top: 0, width: 1, height: 1, format: 'raw' }];
      const red = await service.generateVariations(flat(4, 4, [255, 0, 0, 255]), cfg);
      const blue = await service.generateVariations(flat(4, 4, [0, 0, 255, 255]), cfg);
      expect([[...red.c.data], [...blue.c.data]]).toEqual([[255, 0, 0, 255], [0, 0, 255, 255]]);
      await service.generateVariations(flat(4, 4, [0, 0, 255, 255]), cfg);
      expect(await service.stats()).toMatchObject({ cacheHits: 1, cacheMisses: 2 });
    } finally {
      await service.dispose();
    }
  });
});
