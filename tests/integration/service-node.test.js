// The real service on the real wasm engine in Node worker_threads: no mocks.
import {
  ImageProcessingService, MemoryCache, ImageProcessingError, InvalidConfigurationError,
  UnsupportedTransformationError, ResourceLimitError, TimeoutError, AbortError, UnsupportedFormatError, DecodeError,
} from '../../js/index.js';
import { readTestdata, SPEC_EXAMPLE_CONFIGS } from '../helpers/testdata.js';
import { pngSize, jpegSize, isPng, isJpeg } from '../helpers/image-headers.js';
import { describeWithEngine } from '../helpers/engine.js';

const KODIM = 'photos/kodim23.png'; // 768x512 RGB
const HEAVY = 'photos/Path_2560x1600.jpg';

/** Mean absolute difference between neighbouring pixels' red channel: lower = smoother. */
function roughness({ width, height, data }) {
  let sum = 0;
  for (let y = 0; y < height; y++) for (let x = 1; x < width; x++) sum += Math.abs(data[(y * width + x) * 4] - data[(y * width + x - 1) * 4]);
  return sum / (height * (width - 1));
}

describeWithEngine('ImageProcessingService in Node on the real engine', () => {
  let service;
  const kodim = readTestdata(KODIM);

  beforeAll(async () => {
    service = await ImageProcessingService.create();
  });
  afterAll(() => service?.dispose());

  test('capabilities (a promise): threaded build in Node, one worker × all cores, the formats', async () => {
    const promise = service.capabilities();
    expect(promise).toBeInstanceOf(Promise);
    const caps = await promise;
    expect(caps.threads).toBe(caps.cores);
    expect(caps).toMatchObject({ build: 'mt', workers: 1, simd: true, formats: { encode: ['png', 'jpeg', 'webp', 'gif', 'ico', 'bmp', 'tga', 'svg', 'raw'] }, version: '0.1.0' });
    // what the engine itself reports, not a fixed list: the engine decodes these (tests/cpp/test_codec.cpp)
    expect(caps.formats.decode).toEqual(expect.arrayContaining(['jpeg', 'png', 'webp', 'gif', 'bmp']));
    expect(caps.threads).toBeGreaterThanOrEqual(1);
  });

  test("the specification's three examples → PNGs of the right size", async () => {
    const out = await service.generateVariations(kodim, SPEC_EXAMPLE_CONFIGS, { cacheKey: 'photo-123' });
    expect(Object.keys(out).sort()).toEqual(['blurred', 'grayscale', 'thumbnail']);
    for (const bytes of Object.values(out)) {
      expect(bytes).toBeInstanceOf(Uint8Array);
      expect(isPng(bytes)).toBe(true);
    }
    // maintainAspectRatio → fit 'contain' (sharp's meaning): 768x512 scaled to 300x200, letterboxed to 300x300
    expect(pngSize(out.thumbnail)).toMatchObject({ width: 300, height: 300 });
    expect(pngSize(out.grayscale)).toMatchObject({ width: 768, height: 512 });
    expect(pngSize(out.blurred)).toMatchObject({ width: 768, height: 512 });
    expect(kodim.byteLength).toBeGreaterThan(0); // the caller's input stays usable (copied, not transferred)
  });

  test("resize fits: contain letterboxes with a transparent background, inside does not pad", async () => {
    const out = await service.generateVariations(kodim, [
      { id: 'contain', type: 'resize', width: 300, height: 300, maintainAspectRatio: true, format: 'raw' },
      { id: 'inside', type: 'resize', width: 300, height: 300, fit: 'inside', format: 'raw' },
      { id: 'red', type: 'resize', width: 300, height: 300, background: '#ff0000', format: 'raw' },
    ]);
    const pixel = (img, x, y) => Array.from(img.data.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4));
    expect([out.contain.width, out.contain.height]).toEqual([300, 300]);
    expect(pixel(out.contain, 150, 0)).toEqual([0, 0, 0, 0]); // band above: (300 - 200) / 2 = 50 rows
    expect(pixel(out.contain, 150, 299)).toEqual([0, 0, 0, 0]);
    expect(pixel(out.contain, 150, 150)[3]).toBe(255);
    expect(pixel(out.red, 150, 0)).toEqual([255, 0, 0, 255]);
    expect([out.inside.width, out.inside.height]).toEqual([300, 200]);
  });

  test('raw output: grayscale has r = g = b; blur is smoother; sizes', async () => {
    const out = await service.generateVariations(kodim, [
      { id: 'orig', steps: [], format: 'raw' },
      { id: 'gray', type: 'color_transform', transform: 'grayscale', format: 'raw' },
      { id: 'blur', type: 'filter', filter: 'gaussian_blur', radius: 5, format: 'raw' },
      { id: 'fill', type: 'resize', width: 100, height: 50, maintainAspectRatio: false, format: 'raw' },
    ]);
    for (const o of Object.values(out)) expect(o.data).toBeInstanceOf(Uint8ClampedArray);
    expect([out.orig.width, out.orig.height, out.orig.data.length]).toEqual([768, 512, 768 * 512 * 4]);
    const { data } = out.gray;
    for (let i = 0; i < data.length; i += 4 * 97) {
      expect(data[i]).toBe(data[i + 1]);
      expect(data[i + 1]).toBe(data[i + 2]);
      expect(data[i + 3]).toBe(255);
    }
    expect(roughness(out.blur)).toBeLessThan(roughness(out.orig) / 2);
    expect([out.fill.width, out.fill.height]).toEqual([100, 50]);
  });

  test('jpeg with quality: valid JPEGs, lower quality is smaller', async () => {
    const out = await service.generateVariations(kodim, [
      { id: 'low', type: 'resize', width: 400, format: 'jpeg', quality: 20 },
      { id: 'high', type: 'resize', width: 400, format: 'jpg', quality: 95 },
    ]);
    expect(isJpeg(out.low) && isJpeg(out.high)).toBe(true);
    expect(jpegSize(out.low)).toEqual({ width: 400, height: 267 });
    expect(out.low.byteLength).toBeLessThan(out.high.byteLength);
  });

  test('steps: resize cover + grayscale + blur in one variant', async () => {
    const { s } = await service.generateVariations(kodim, [{ id: 's', format: 'raw', steps: [
      { type: 'resize', width: 64, height: 64, fit: 'cover' },
      { type: 'color_transform', transform: 'grayscale' },
      { type: 'filter', filter: 'gaussian_blur', sigma: 1 },
    ] }]);
    expect([s.width, s.height]).toEqual([64, 64]);
    expect(s.data[0]).toBe(s.data[1]);
  });

  test('inputs: ArrayBuffer, Blob, raw pixels; transfer: true detaches', async () => {
    const config = [{ id: 't', type: 'resize', width: 30 }];
    const fromBuffer = await service.generateVariations(kodim.slice().buffer, config);
    const fromBlob = await service.generateVariations(new Blob([kodim]), config);
    expect(pngSize(fromBuffer.t)).toMatchObject({ width: 30, height: 20 });
    expect(fromBlob.t).toEqual(fromBuffer.t);
    const { raw } = await service.generateVariations(kodim, [{ id: 'raw', type: 'resize', width: 16, format: 'raw' }]);
    const fromRaw = await service.generateVariations(raw, [{ id: 'p', type: 'resize', width: 8 }]);
    expect(pngSize(fromRaw.p)).toMatchObject({ width: 8, height: Math.round((8 * raw.height) / raw.width) });
    const mine = kodim.slice();
    await service.generateVariations(mine, config, { transfer: true });
    expect(mine.byteLength).toBe(0); // detached
  });

  test('failures are rejected promises, never synchronous throws, with the caller in the stack', async () => {
    const promise = service.generateVariations(kodim, [{ id: 'x', type: 'no_such_operation' }]);
    expect(promise).toBeInstanceOf(Promise);
    const error = await promise.catch((e) => e);
    expect(error).toBeInstanceOf(UnsupportedTransformationError);
    expect(error.operation).toBe('generateVariations');
    expect(error.stack).toContain('service-node.test.js');
    await expect(service.generateVariations(kodim, [{ id: 'b', type: 'filter', filter: 'gaussian_blur', radius: 600 }]))
      .rejects.toThrow('Expected number in (0, 500] for variationConfigs[0].radius but received 600 of type number');
    await expect(service.generateVariations('nope', SPEC_EXAMPLE_CONFIGS)).rejects.toBeInstanceOf(InvalidConfigurationError);
    await expect(service.generateVariations(kodim, SPEC_EXAMPLE_CONFIGS, { transfer: 1 })).rejects.toBeInstanceOf(InvalidConfigurationError);
  });

  test('engine errors are typed: not an image, truncated, empty', async () => {
    const config = [{ id: 'g', type: 'color_transform', transform: 'grayscale' }];
    await expect(service.generateVariations(new TextEncoder().encode('hello, not an image'), config)).rejects.toBeInstanceOf(UnsupportedFormatError);
    await expect(service.generateVariations(kodim.slice(0, 2000), config)).rejects.toBeInstanceOf(ImageProcessingError);
    await expect(service.generateVariations(new Uint8Array(0), config)).rejects.toBeInstanceOf(DecodeError);
    await expect(service.generateVariations(kodim, config)).resolves.toHaveProperty('g');
  });

  test('timeout: TimeoutError, then the replaced worker serves the next call', async () => {
    const heavy = readTestdata(HEAVY);
    const error = await service.generateVariations(heavy, [{ id: 'b', type: 'filter', filter: 'denoise', sigmaSpatial: 6, sigmaRange: 50 }], { timeoutMs: 5 }).catch((e) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.code).toBe('TIMEOUT');
    const out = await service.generateVariations(kodim, [{ id: 't', type: 'resize', width: 10 }]);
    expect(pngSize(out.t).width).toBe(10);
  });

  test('abort: before the call and during it; the next call still works', async () => {
    await expect(service.generateVariations(kodim, SPEC_EXAMPLE_CONFIGS, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    const controller = new AbortController();
    const heavy = readTestdata(HEAVY);
    const running = service.generateVariations(heavy, [{ id: 'b', type: 'filter', filter: 'denoise', sigmaSpatial: 6, sigmaRange: 50 }], { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const error = await running.catch((e) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(error.code).toBe('ABORTED');
    await expect(service.generateVariations(kodim, [{ id: 't', type: 'resize', width: 10 }])).resolves.toHaveProperty('t');
  });
});

describeWithEngine('service options on the real engine', () => {
  const kodim = readTestdata(KODIM);

  test('maxInputPixels / maxInputSide reject with ResourceLimitError IMAGE_TOO_LARGE', async () => {
    const service = await ImageProcessingService.create({ maxInputPixels: 1000 });
    try {
      const error = await service.generateVariations(kodim, SPEC_EXAMPLE_CONFIGS).catch((e) => e);
      expect(error).toBeInstanceOf(ResourceLimitError);
      expect(error.code).toBe('IMAGE_TOO_LARGE');
    } finally {
      await service.dispose();
    }
    const narrow = await ImageProcessingService.create({ maxInputSide: 500 });
    await expect(narrow.generateVariations(kodim, SPEC_EXAMPLE_CONFIGS)).rejects.toMatchObject({ code: 'IMAGE_TOO_LARGE' });
    await narrow.dispose();
  });

  test('cache: a hit returns equal results without a worker; outputs are independent copies', async () => {
    const debug = [];
    const logger = { debug: (m) => debug.push(m), info() {}, warn() {}, error() {} };
    const service = await ImageProcessingService.create({ cache: new MemoryCache(), logger });
    try {
      const first = await service.generateVariations(kodim, SPEC_EXAMPLE_CONFIGS);
      expect(debug.some((m) => m.includes('cache hit'))).toBe(false);
      first.thumbnail[100] ^= 0xff; // must not corrupt the cache
      first.thumbnail[100] ^= 0xff;
      const copy = first.thumbnail.slice();
      first.thumbnail.fill(0);
      const second = await service.generateVariations(kodim, SPEC_EXAMPLE_CONFIGS);
      expect(debug.some((m) => m.includes('cache hit'))).toBe(true);
      expect(second.thumbnail).toEqual(copy);
      // a different config is a different key
      const other = await service.generateVariations(kodim, [{ id: 'thumbnail', type: 'resize', width: 301 }]);
      expect(pngSize(other.thumbnail).width).toBe(301);
    } finally {
      await service.dispose();
    }
  });

  test('dispose: pending calls and later calls reject with DISPOSED; dispose is idempotent', async () => {
    const service = await ImageProcessingService.create();
    const pending = service.generateVariations(readTestdata(HEAVY), [{ id: 'b', type: 'filter', filter: 'gaussian_blur', radius: 50 }]).catch((e) => e);
    await service.dispose();
    await service.dispose();
    expect(await pending).toMatchObject({ name: 'ImageProcessingError', code: 'DISPOSED' });
    const later = await service.generateVariations(kodim, SPEC_EXAMPLE_CONFIGS).catch((e) => e);
    expect(later).toBeInstanceOf(ImageProcessingError);
    expect(later.code).toBe('DISPOSED');
  });

  test("the single-threaded build runs the specification's examples and says why it was chosen", async () => {
    const service = await ImageProcessingService.create({ build: 'st' });
    try {
      const caps = await service.capabilities();
      expect(caps).toMatchObject({ build: 'st', threads: 1, workers: Math.min(caps.cores, 4) });
      expect(caps.reason).toMatch(/single-threaded/);
      const out = await service.generateVariations(kodim, SPEC_EXAMPLE_CONFIGS);
      expect(pngSize(out.thumbnail)).toMatchObject({ width: 300, height: 300 });
      expect(pngSize(out.blurred)).toMatchObject({ width: 768, height: 512 });
    } finally {
      await service.dispose();
    }
  });

  test('create() with bad options rejects (no synchronous throw)', async () => {
    const promise = ImageProcessingService.create({ maxConcurrentOperations: 0 });
    expect(promise).toBeInstanceOf(Promise);
    await expect(promise).rejects.toBeInstanceOf(InvalidConfigurationError);
  });

  test('the constructor cannot be called directly', () => {
    expect(() => new ImageProcessingService()).toThrow(ImageProcessingError);
  });
});
