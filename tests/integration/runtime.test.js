// The service runtime on real workers and the real wasm engine (no mocks): the queue and
// maxConcurrentOperations, timeouts and aborts that leave other calls alone, memory limits refused
// before allocating, the worker's decoded-image LRU, cleanup, a killed worker, progress, stats, and
// applyColorTransformations / operations().
import {
  ImageProcessingService, ImageProcessingError, InvalidConfigurationError, UnsupportedTransformationError,
  ResourceLimitError, TimeoutError, AbortError, MemoryCache,
} from '../../js/index.js';
import { readTestdata } from '../helpers/testdata.js';
import { isJpeg, isPng, pngSize } from '../helpers/image-headers.js';
import { describeWithEngine } from '../helpers/engine.js';

const KODIM = readTestdata('photos/kodim23.png'); // 768x512
const HEAVY = readTestdata('photos/Path_2560x1600.jpg');
// Bilateral with a 19×19 window: ~8 s on 2560x1600 (large Gaussian blurs are now constant-time).
const SLOW = [{ id: 'b', type: 'filter', filter: 'denoise', sigmaSpatial: 6, sigmaRange: 50 }];
const THUMB = [{ id: 't', type: 'resize', width: 16 }];
const DEBUG = Symbol.for('pixelpipe.debug');

/** Resolves once `n` calls are in flight (the input hashing before the queue is asynchronous). */
async function untilRunning(service, n = 1) {
  while ((await service.stats()).running < n) await new Promise((r) => setTimeout(r, 5));
}

/** Raw RGBA test image, different per seed (so each call has its own content hash). */
function raw(width, height, seed = 1) {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < data.length; i++) data[i] = (i * 31 + seed * 97) & 255;
  return { width, height, data };
}

function recordingLogger() {
  const lines = [];
  const log = (level) => (message) => lines.push(`${level} ${message}`);
  return { lines, debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

describeWithEngine('runtime on the real engine', () => {
  let st; // single-threaded build, 2 workers: lets calls run side by side on 2 cores
  let logger;
  beforeAll(async () => {
    logger = recordingLogger();
    st = await ImageProcessingService.create({ build: 'st', workers: 2, maxConcurrentOperations: 2, logger });
  });
  afterAll(() => st?.dispose());

  test('maxConcurrentOperations bounds calls in flight; the rest queue FIFO; all resolve', async () => {
    const service = await ImageProcessingService.create({ build: 'st', workers: 2, maxConcurrentOperations: 1 });
    try {
      const order = [];
      const calls = Array.from({ length: 8 }, (_, i) =>
        service.generateVariations(raw(64, 64, i), THUMB).then(() => order.push(i)));
      await Promise.all(calls);
      const after = await service.stats();
      expect(after.peakRunning).toBe(1);
      expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7]); // one in flight at a time, queued in call order → FIFO
      expect(after).toMatchObject({ queued: 0, running: 0 });
    } finally {
      await service.dispose();
    }
  });

  test('a timeout replaces only the worker running that call; other calls complete', async () => {
    const before = await st.stats();
    const slow = st.generateVariations(HEAVY, SLOW, { timeoutMs: 500 }).catch((e) => e);
    const fast = [1, 2, 3].map((i) => st.generateVariations(raw(32, 32, 100 + i), THUMB));
    await expect(Promise.all(fast)).resolves.toHaveLength(3);
    const error = await slow;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ code: 'TIMEOUT', operation: 'generateVariations' });
    expect(error.stack).toContain('runtime.test.js');
    const after = await st.stats();
    expect(after.timedOut).toBe(before.timedOut + 1);
    expect(after.started).toBeGreaterThan(before.started); // its replacement
    expect(after.workers).toBeLessThanOrEqual(2);
    await expect(st.generateVariations(KODIM, THUMB)).resolves.toHaveProperty('t');
  });

  test('the timeout counts from the call: a call stuck in the queue times out without a worker', async () => {
    const service = await ImageProcessingService.create({ build: 'st', workers: 1 });
    try {
      let slowSettled = false;
      const slow = service.generateVariations(HEAVY, SLOW, { timeoutMs: 60_000 }).finally(() => { slowSettled = true; }).catch((e) => e);
      await untilRunning(service);
      const queued = await service.generateVariations(KODIM, THUMB, { timeoutMs: 100 }).catch((e) => e);
      expect(queued).toBeInstanceOf(TimeoutError);
      expect(queued.details.phase).toBe('queued');
      expect(slowSettled).toBe(false); // the running call was not disturbed…
      expect(await service.stats()).toMatchObject({ running: 1, queued: 0, timedOut: 1, started: 1 });
      await service.dispose(); // …(ended here only to keep the suite fast)
      expect(await slow).toMatchObject({ code: 'DISPOSED' });
    } finally {
      await service.dispose();
    }
  });

  test('abort: a queued call leaves the queue at once; a running one stops its worker', async () => {
    const service = await ImageProcessingService.create({ build: 'st', workers: 1 });
    try {
      const running = new AbortController();
      const queued = new AbortController();
      const a = service.generateVariations(HEAVY, SLOW, { signal: running.signal }).catch((e) => e);
      await untilRunning(service);
      const b = service.generateVariations(KODIM, THUMB, { signal: queued.signal }).catch((e) => e);
      while ((await service.stats()).queued < 1) await new Promise((r) => setTimeout(r, 5));
      expect(await service.stats()).toMatchObject({ running: 1, queued: 1 });
      const t0 = performance.now();
      queued.abort(new Error('user left'));
      const bError = await b;
      expect(performance.now() - t0).toBeLessThan(50);
      expect(bError).toBeInstanceOf(AbortError);
      expect(bError.cause.message).toBe('user left');
      expect((await service.stats()).queued).toBe(0);
      running.abort();
      expect(await a).toBeInstanceOf(AbortError);
      await expect(service.generateVariations(KODIM, THUMB)).resolves.toHaveProperty('t');
    } finally {
      await service.dispose();
    }
  });

  test('limits: pixels from the header, memory estimated before allocating; dimensions in details', async () => {
    const service = await ImageProcessingService.create({ build: 'st', workers: 1, maxInputPixels: 300_000, maxMemoryBytes: 8 << 20 });
    try {
      const heapBefore = (await service.stats()).perWorker[0].memory.heapBytes;
      const big = await service.generateVariations(KODIM, THUMB).catch((e) => e);
      expect(big).toBeInstanceOf(ResourceLimitError);
      expect(big.code).toBe('IMAGE_TOO_LARGE');
      expect(big.details).toMatchObject({ width: 768, height: 512, maxInputPixels: 300_000 });
      const small = raw(500, 500);
      // (A resize to 4000x4000 would now be refused earlier, by the pixel limit on known output
      // sizes; padding grows the image past the memory budget without a known output size.)
      const memory = await service.generateVariations(small, [{ id: 'up', type: 'pad', top: 1000, right: 1000, bottom: 1000, left: 1000 }]).catch((e) => e);
      expect(memory).toBeInstanceOf(ResourceLimitError);
      expect(memory.code).toBe('MEMORY_LIMIT_EXCEEDED');
      expect(memory.details).toMatchObject({ width: 500, height: 500, maxMemoryBytes: 8 << 20 });
      expect(memory.details.estimatedBytes).toBeGreaterThan(8 << 20);
      await expect(service.generateVariations(small, THUMB)).resolves.toHaveProperty('t');
      const w = (await service.stats()).perWorker[0];
      expect(w.memory.heapBytes).toBe(heapBefore); // nothing large was allocated
    } finally {
      await service.dispose();
    }
  });

  test('the worker keeps decoded images: a second call on the same bytes skips the decode', async () => {
    const from = logger.lines.length;
    const bytes = readTestdata('photos/kodim04.png'); // 512x768, not used by other tests
    await st.generateVariations(bytes, THUMB);
    await st.generateVariations(bytes.slice(), [{ id: 'g', type: 'color_transform', transform: 'grayscale' }]);
    const timings = logger.lines.slice(from).filter((l) => l.includes('generateVariations 512x768'));
    expect(timings[0]).toMatch(/decode \d+\.\d ms/);
    expect(timings[1]).toMatch(/decode reused/);
    const { perWorker } = await st.stats();
    expect(perWorker.some((w) => w.storedImages >= 1 && w.memory.storedImageBytes >= 768 * 512 * 4)).toBe(true);
  });

  test('cleanup: with imageCacheBytes 0 nothing stays in the module after successes and failures', async () => {
    const service = await ImageProcessingService.create({ build: 'st', workers: 1, imageCacheBytes: 0 });
    try {
      await service.generateVariations(KODIM, THUMB);
      await service.generateVariations(KODIM.slice(0, 3000), THUMB).catch(() => {});
      await service.generateVariations(new TextEncoder().encode('not an image'), THUMB).catch(() => {});
      const first = (await service.stats()).perWorker[0].memory;
      for (let i = 0; i < 10; i++) await service.generateVariations(KODIM, [{ id: 'x', type: 'resize', width: 100 + i }]);
      const last = (await service.stats()).perWorker[0].memory;
      expect(last).toMatchObject({ storedImages: 0, storedImageBytes: 0 });
      expect(last.heapBytes).toBe(first.heapBytes);
    } finally {
      await service.dispose();
    }
  });

  test('a worker killed mid-call: that call rejects WORKER_CRASHED, the next succeeds', async () => {
    const service = await ImageProcessingService.create({ build: 'st', workers: 1 });
    try {
      const running = service.generateVariations(HEAVY, SLOW).catch((e) => e);
      await untilRunning(service);
      await service[DEBUG].killWorker(0);
      const error = await running;
      expect(error).toBeInstanceOf(ImageProcessingError);
      expect(error.code).toBe('WORKER_CRASHED');
      await expect(service.generateVariations(KODIM, THUMB)).resolves.toHaveProperty('t');
      expect((await service.stats()).crashed).toBe(1);
    } finally {
      await service.dispose();
    }
  });

  test('onProgress reports the decode and each variant; stats() counts cache hits and misses', async () => {
    const service = await ImageProcessingService.create({ build: 'st', workers: 1, cache: new MemoryCache() });
    try {
      const seen = [];
      const configs = [{ id: 'a', type: 'resize', width: 20 }, { id: 'b', type: 'resize', width: 30 }];
      const out = await service.generateVariations(KODIM, configs, { onProgress: (p) => seen.push(p) });
      expect(Object.keys(out)).toEqual(['a', 'b']);
      expect(seen).toEqual([
        { completed: 1, total: 3, step: 'decode' },
        { completed: 2, total: 3, step: 'a' },
        { completed: 3, total: 3, step: 'b' },
      ]);
      await service.generateVariations(KODIM, configs);
      expect(await service.stats()).toMatchObject({ cacheHits: 1, cacheMisses: 1, workers: 1 });
    } finally {
      await service.dispose();
    }
  });

  test('cache groups: cacheKey names the group, invalidate() drops it, bytes are hashed', async () => {
    const cache = new MemoryCache();
    const service = await ImageProcessingService.create({ build: 'st', workers: 1, cache });
    try {
      await service.generateVariations(KODIM, THUMB, { cacheKey: 'photo-1' });
      await service.generateVariations(raw(40, 40), THUMB, { cacheKey: 'photo-1' }); // same name, other bytes: own entry
      await service.generateVariations(KODIM, THUMB, { cacheKey: 'photo-2' });
      expect((await cache.keys())).toHaveLength(3);
      expect(await service.invalidate('photo-1')).toBe(2);
      expect(await cache.keys()).toHaveLength(1);
      await expect(service.invalidate('')).rejects.toBeInstanceOf(InvalidConfigurationError);
    } finally {
      await service.dispose();
    }
  });

  test('applyColorTransformations: bytes out, format options, typed errors with paths', async () => {
    const png = await st.applyColorTransformations(KODIM, [{ transform: 'grayscale' }]);
    expect(isPng(png)).toBe(true);
    expect(pngSize(png)).toMatchObject({ width: 768, height: 512 });
    const jpeg = await st.applyColorTransformations(KODIM, [{ type: 'color_transform', transform: 'grayscale' }], { format: 'jpeg', quality: 70 });
    expect(isJpeg(jpeg)).toBe(true);
    const pixels = await st.applyColorTransformations(raw(8, 8), [{ transform: 'grayscale' }], { format: 'raw' });
    expect([pixels.width, pixels.height]).toEqual([8, 8]);
    expect(pixels.data[0]).toBe(pixels.data[1]);

    const unknown = await st.applyColorTransformations(KODIM, [{ transform: 'grayscale' }, { transform: 'no_such_transform' }]).catch((e) => e);
    expect(unknown).toBeInstanceOf(UnsupportedTransformationError);
    expect(unknown.message).toContain("'no_such_transform'");
    expect(unknown.message).toContain('grayscale');
    expect(unknown.details.path).toBe('transforms[1].transform');
    expect(unknown.operation).toBe('applyColorTransformations');
    expect(unknown.stack).toContain('runtime.test.js');
    await expect(st.applyColorTransformations(KODIM, [])).rejects.toMatchObject({ details: { path: 'transforms' } });
    await expect(st.applyColorTransformations(KODIM, [{ type: 'resize', width: 3 }])).rejects.toMatchObject({ details: { path: 'transforms[0].type' } });
    await expect(st.applyColorTransformations(KODIM, [{ transform: 'grayscale' }], { format: 'avif' }))
      .rejects.toMatchObject({ name: 'UnsupportedFormatError', details: { path: 'options.format', direction: 'encode', available: expect.arrayContaining(['png', 'jpeg', 'webp', 'raw']) } });
  });

  test('operations() resolves with the read-only catalogue', async () => {
    const ops = await st.operations();
    expect(Object.keys(ops.operations)).toEqual(expect.arrayContaining(['resize', 'color_transform', 'filter']));
    expect(ops.operations.color_transform.choices).toHaveProperty('grayscale');
    expect(Object.isFrozen(ops.operations.resize)).toBe(true);
  });

  test('the logger hears about workers and per-call timings', () => {
    const text = logger.lines.join('\n');
    expect(text).toMatch(/info pixelpipe: st engine, 2 worker\(s\) × 1 thread\(s\)/);
    expect(text).toMatch(/worker #\d+ ready/);
  });
});
