import { MemoryCache, byteSize } from '../../js/cache/memory-cache.js';
import { IndexedDBCache } from '../../js/cache/idb-cache.js';
import { cacheKey, canonicalJson, sha256Hex } from '../../js/cache/cache-key.js';
import { readCached, writeCached, cloneResults } from '../../js/cache/cached-results.js';

describe('MemoryCache', () => {
  test('get/set/delete/clear are async and round-trip', async () => {
    const cache = new MemoryCache();
    expect(await cache.get('a')).toBeUndefined();
    await cache.set('a', { x: new Uint8Array(10) });
    expect((await cache.get('a')).x).toHaveLength(10);
    expect(await cache.delete('a')).toBe(true);
    expect(await cache.delete('a')).toBe(false);
    await cache.set('b', 1);
    await cache.clear();
    expect(await cache.get('b')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  test('evicts the least recently used entries to stay within maxBytes', async () => {
    const cache = new MemoryCache({ maxBytes: 250 });
    await cache.set('a', new Uint8Array(100));
    await cache.set('b', new Uint8Array(100));
    await cache.get('a'); // a is now more recent than b
    await cache.set('c', new Uint8Array(100));
    expect(await cache.get('b')).toBeUndefined();
    expect(await cache.get('a')).toBeDefined();
    expect(await cache.get('c')).toBeDefined();
    expect(cache.size).toBeLessThanOrEqual(250);
  });

  test('a value larger than maxBytes is not stored; replacing a key updates the size', async () => {
    const cache = new MemoryCache({ maxBytes: 50 });
    await cache.set('big', new Uint8Array(51));
    expect(await cache.get('big')).toBeUndefined();
    await cache.set('k', new Uint8Array(40));
    await cache.set('k', new Uint8Array(10));
    expect(cache.size).toBe(10);
  });

  test('rejects a bad maxBytes', () => {
    expect(() => new MemoryCache({ maxBytes: -1 })).toThrow(RangeError);
  });

  test('byteSize counts typed arrays inside results', () => {
    expect(byteSize(new Uint8Array(7))).toBe(7);
    expect(byteSize({ a: new Uint8Array(100), b: { width: 1, height: 1, data: new Uint8ClampedArray(4) } })).toBeGreaterThanOrEqual(104);
  });
});

describe('IndexedDBCache without IndexedDB (Node) degrades to a no-op', () => {
  test('every method resolves, nothing is stored', async () => {
    const cache = new IndexedDBCache({ indexedDB: undefined });
    expect(await cache.available()).toBe(false);
    await cache.set('k', new Uint8Array(3));
    expect(await cache.get('k')).toBeUndefined();
    await expect(cache.delete('k')).resolves.toBeUndefined();
    await expect(cache.clear()).resolves.toBeUndefined();
    cache.close();
  });

  test('an open() that throws also degrades', async () => {
    const cache = new IndexedDBCache({ indexedDB: { open() { throw new Error('SecurityError'); } } });
    expect(await cache.available()).toBe(false);
    expect(await cache.get('k')).toBeUndefined();
  });
});

describe('cache keys', () => {
  test('canonicalJson sorts keys and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined }] })).toBe('{"a":[{"d":2}],"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  test('sha256Hex matches the known digest of "abc"', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  const base = { operation: 'generateVariations', input: new Uint8Array([1, 2, 3]), request: { v: [1] }, version: '0.1.0' };

  test('stable for equal requests, different when input, request, version or operation differ', async () => {
    const key = await cacheKey(base);
    expect(key).toMatch(/^pixelpipe\/0\.1\.0\/generateVariations\/[0-9a-f]{64}$/);
    expect(await cacheKey({ ...base, input: new Uint8Array([1, 2, 3]) })).toBe(key);
    const others = await Promise.all([
      cacheKey({ ...base, input: new Uint8Array([1, 2, 4]) }),
      cacheKey({ ...base, request: { v: [2] } }),
      cacheKey({ ...base, version: '0.2.0' }),
      cacheKey({ ...base, operation: 'other' }),
    ]);
    expect(new Set([key, ...others]).size).toBe(5);
  });

  test('a caller cacheKey replaces the content hash', async () => {
    const a = await cacheKey({ ...base, inputName: 'photo-123' });
    const b = await cacheKey({ ...base, input: new Uint8Array([9]), inputName: 'photo-123' });
    expect(a).toBe(b);
    expect(a).not.toBe(await cacheKey(base));
  });
});

describe('cached-results', () => {
  const logger = { warnings: [], warn(m) { this.warnings.push(m); } };

  test('values are cloned in and out', async () => {
    const cache = new MemoryCache();
    const results = { a: new Uint8Array([1, 2]), r: { width: 1, height: 1, data: new Uint8ClampedArray([1, 2, 3, 4]) } };
    await writeCached(cache, 'k', results, logger);
    results.a[0] = 99;
    const first = await readCached(cache, 'k', logger);
    expect(first.a[0]).toBe(1);
    expect(first.r.data).toBeInstanceOf(Uint8ClampedArray);
    first.a[1] = 77;
    expect((await readCached(cache, 'k', logger)).a[1]).toBe(2);
  });

  test('a failing cache only logs', async () => {
    const broken = { get: async () => { throw new Error('get down'); }, set: async () => { throw new Error('set down'); } };
    expect(await readCached(broken, 'k', logger)).toBeUndefined();
    await writeCached(broken, 'k', {}, logger);
    expect(logger.warnings.join('\n')).toMatch(/get down[\s\S]*set down/);
  });

  test('cloneResults copies nested typed arrays', () => {
    const src = { x: [new Uint8Array([1])] };
    const copy = cloneResults(src);
    expect(copy).toEqual(src);
    expect(copy.x[0]).not.toBe(src.x[0]);
  });
});
