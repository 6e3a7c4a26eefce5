import { validateServiceOptions, SERVICE_DEFAULTS } from '../../js/config/validate-options.js';
import { validateCallOptions as validateFor } from '../../js/config/call-options.js';

const validateCallOptions = (options) => validateFor('generateVariations', options).call;
import { MemoryCache } from '../../js/cache/memory-cache.js';
import { InvalidConfigurationError } from '../../js/errors.js';

describe('service options', () => {
  test('defaults as in the specification', () => {
    expect(validateServiceOptions()).toEqual({ ...SERVICE_DEFAULTS });
    expect(SERVICE_DEFAULTS).toMatchObject({ maxConcurrentOperations: 10, operationTimeoutMs: 30000, maxInputPixels: 100_000_000, cache: null });
  });

  test('accepts a cache, a logger, Infinity timeout', () => {
    const o = validateServiceOptions({ cache: new MemoryCache(), logger: console, operationTimeoutMs: Infinity, workers: 2, threads: 2, build: 'st' });
    expect(o.workers).toBe(2);
  });

  test.each([
    [{ nope: 1 }, 'options.nope', 'Unknown option'],
    [{ cache: {} }, 'options.cache', 'async get, set'],
    [{ maxConcurrentOperations: 0 }, 'options.maxConcurrentOperations', 'positive integer'],
    [{ operationTimeoutMs: -5 }, 'options.operationTimeoutMs', 'positive number'],
    [{ maxInputPixels: 1.5 }, 'options.maxInputPixels', 'positive integer'],
    [{ maxInputSide: '10' }, 'options.maxInputSide', 'positive integer'],
    [{ workers: 0 }, 'options.workers', 'positive integer'],
    [{ threads: NaN }, 'options.threads', 'positive integer'],
    [{ build: 'gpu' }, 'options.build', "one of 'auto', 'mt', 'st'"],
    [{ logger: { info() {} } }, 'options.logger', 'debug, info, warn and error'],
  ])('%j → %s', (options, path, fragment) => {
    let error;
    try {
      validateServiceOptions(options);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidConfigurationError);
    expect(error.details.path).toBe(path);
    expect(error.message).toContain(fragment);
  });

  test('not an object', () => {
    expect(() => validateServiceOptions(5)).toThrow(InvalidConfigurationError);
  });
});

describe('call options', () => {
  test('defaults and accepted values', () => {
    expect(validateCallOptions()).toEqual({ cacheKey: undefined, signal: undefined, transfer: false, timeoutMs: undefined });
    expect(validateCallOptions(null).transfer).toBe(false);
    const signal = new AbortController().signal;
    expect(validateCallOptions({ cacheKey: 'photo-123', signal, transfer: true, timeoutMs: 5 })).toEqual({ cacheKey: 'photo-123', signal, transfer: true, timeoutMs: 5 });
  });

  test.each([
    [{ cacheKey: '' }, 'options.cacheKey'],
    [{ cacheKey: 5 }, 'options.cacheKey'],
    [{ signal: {} }, 'options.signal'],
    [{ transfer: 'yes' }, 'options.transfer'],
    [{ timeoutMs: 0 }, 'options.timeoutMs'],
    [{ cache_key: 'x' }, 'options.cache_key'],
  ])('%j rejected at %s', (options, path) => {
    expect(() => validateCallOptions(options)).toThrow(expect.objectContaining({ details: expect.objectContaining({ path }) }));
  });

  test('not an object', () => {
    expect(() => validateCallOptions('x')).toThrow(InvalidConfigurationError);
  });

  test('output options only where the method returns one image: format, formatOptions, quality shorthand', () => {
    expect(() => validateCallOptions({ format: 'png' })).toThrow(expect.objectContaining({ details: expect.objectContaining({ path: 'options.format' }) }));
    const { output } = validateFor('applyColorTransformations', { format: 'jpg', quality: 60 });
    expect(output).toMatchObject({ op: 'jpeg', quality: 60, background: [255, 255, 255, 255] });
    expect(validateFor('applyColorTransformations', {}).output).toMatchObject({ op: 'png' });
    expect(() => validateFor('applyColorTransformations', { format: 'jpeg' }, { encodable: ['png'] }))
      .toThrow(expect.objectContaining({ name: 'UnsupportedFormatError', details: expect.objectContaining({ direction: 'encode', available: ['png'] }) }));
  });
});
