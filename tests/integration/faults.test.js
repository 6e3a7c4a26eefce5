// Faults on the real engine in Node (#14), beyond runtime.test.js's single-call cases: each fault
// hits one call while others are in flight, and the test checks that the others' results are
// exactly the bytes a clean run gives (no result lost or mixed up) and that the service answers
// afterwards. Browser-only faults (IndexedDB quota, a database deleted mid-write, a reload) are
// in tests/browser/cache.spec.js.
import { ImageProcessingService, ImageProcessingError, TimeoutError, AbortError } from '../../js/index.js';
import { readTestdata } from '../helpers/testdata.js';
import { describeWithEngine } from '../helpers/engine.js';

const KODIM = readTestdata('photos/kodim23.png');        // 768x512
const HEAVY = readTestdata('photos/Path_2560x1600.jpg');
const SLOW = [{ id: 'b', type: 'filter', filter: 'denoise', sigmaSpatial: 6, sigmaRange: 50 }];   // ~8 s (runtime.test.js)
const DEBUG = Symbol.for('pixelpipe.debug');
const configs = (i) => [{ id: 'r', type: 'resize', width: 40 + i }, { id: 'g', type: 'color_transform', transform: 'sepia', amount: i / 10 }];

async function until(service, predicate) {
  while (!predicate(await service.stats())) await new Promise((r) => setTimeout(r, 5));
}

describeWithEngine('faults: the other calls keep their results', () => {
  let reference;   // the bytes of configs(i) on KODIM from a clean service
  beforeAll(async () => {
    const clean = await ImageProcessingService.create({ build: 'st', workers: 1 });
    try {
      reference = await Promise.all([0, 1, 2, 3].map((i) => clean.generateVariations(KODIM, configs(i))));
    } finally {
      await clean.dispose();
    }
  }, 120_000);

  /** Starts the four reference calls on `service` and checks they resolve to the reference bytes. */
  async function othersIntact(service) {
    const results = await Promise.all([0, 1, 2, 3].map((i) => service.generateVariations(KODIM, configs(i))));
    results.forEach((r, i) => {
      expect(Buffer.from(r.r).equals(Buffer.from(reference[i].r))).toBe(true);
      expect(Buffer.from(r.g).equals(Buffer.from(reference[i].g))).toBe(true);
    });
  }

  async function withService(options, body) {
    const service = await ImageProcessingService.create({ build: 'st', ...options });
    try {
      await body(service);
    } finally {
      await service.dispose();
    }
  }

  test('a worker killed mid-call: only that call rejects (WORKER_CRASHED); concurrent calls keep their bytes', async () => {
    await withService({ workers: 2, maxConcurrentOperations: 2 }, async (service) => {
      const victim = service.generateVariations(HEAVY, SLOW).catch((e) => e);
      await until(service, (s) => s.running >= 1);
      const others = othersIntact(service);
      await service[DEBUG].killWorker(0);
      await others;
      const error = await victim;
      expect(error).toBeInstanceOf(ImageProcessingError);
      expect(error.code).toBe('WORKER_CRASHED');
      await othersIntact(service);
    });
  }, 120_000);

  test('a timeout during the encode: TimeoutError after the decode finished; the queue behind it completes', async () => {
    await withService({ workers: 1 }, async (service) => {
      // The timeout is 3x what the same decode with a cheap variant takes here (worker warm), so
      // it lands after the decode, in the steps + encode, however loaded the machine is.
      await service.generateVariations(KODIM, [{ id: 'warm', type: 'resize', width: 16 }]);
      const t0 = performance.now();
      await service.generateVariations(HEAVY, [{ id: 'small', type: 'resize', width: 16 }]);
      const timeoutMs = Math.max(1000, 3 * (performance.now() - t0));
      // 2560x1600 as lossless WebP at the slowest effort: the decode is ~0.2 s, the encode many
      // seconds (libwebp -m 6 -lossless).
      const slowEncode = [{ id: 'w', type: 'color_transform', transform: 'invert', format: 'webp', formatOptions: { lossless: true, effort: 6 } }];
      const call = service.generateVariations(HEAVY, slowEncode, { timeoutMs }).catch((e) => e);
      const behind = othersIntact(service);
      const error = await call;
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error.code).toBe('TIMEOUT');
      await behind;
    });
  }, 120_000);

  test('an abort during the decode: AbortError with the reason; the next calls keep their bytes', async () => {
    await withService({ workers: 1 }, async (service) => {
      const controller = new AbortController();
      const call = service.generateVariations(HEAVY, [{ id: 'x', type: 'resize', width: 100 }], { signal: controller.signal }).catch((e) => e);
      await until(service, (s) => s.running >= 1);
      controller.abort(new Error('navigated away'));
      const error = await call;
      expect(error).toBeInstanceOf(AbortError);
      expect(error.cause.message).toBe('navigated away');
      await othersIntact(service);
    });
  }, 120_000);

  test('dispose() during running and queued calls: every call rejects DISPOSED at once, nothing hangs; a new service works', async () => {
    const service = await ImageProcessingService.create({ build: 'st', workers: 1 });
    const calls = [service.generateVariations(HEAVY, SLOW), ...[0, 1, 2].map((i) => service.generateVariations(KODIM, configs(i)))]
      .map((p) => p.then(() => 'resolved', (e) => e));
    await until(service, (s) => s.running >= 1);
    await service.dispose();
    const outcomes = await Promise.all(calls);
    for (const e of outcomes) {
      expect(e).toBeInstanceOf(ImageProcessingError);
      expect(e.code).toBe('DISPOSED');
    }
    await expect(service.generateVariations(KODIM, configs(0))).rejects.toMatchObject({ code: 'DISPOSED' });
    await withService({ workers: 1 }, othersIntact);
  }, 120_000);

  test('wasm memory exhausted: a typed resource error, and the same worker serves the next calls', async () => {
    // Limits opened up so the JS estimate lets the call through and the engine itself runs out:
    // a 24000x24000 RGBA resize output is 2.3 GB, over wasm32's largest single allocation (toolchain.md §8).
    await withService({ workers: 1, maxInputPixels: 2_000_000_000, maxMemoryBytes: 2 ** 32 }, async (service) => {
      const error = await service.generateVariations(KODIM, [{ id: 'huge', type: 'resize', width: 24000, height: 24000, fit: 'fill' }])
        .then(() => null, (e) => e);
      expect(error).toBeInstanceOf(ImageProcessingError);
      expect(['OUT_OF_MEMORY', 'MEMORY_LIMIT_EXCEEDED', 'IMAGE_TOO_LARGE']).toContain(error.code);
      await othersIntact(service);
      expect((await service.stats()).crashed).toBe(0);
    });
  }, 180_000);
});
