import { MemoryCache, byteSize } from '../../js/cache/memory-cache.js';
import { IndexedDBCache } from '../../js/cache/idb-cache.js';
import { jest } from '@jest/globals';
import { cacheKey, canonicalJson, sha256Hex, groupPrefix, parseKey } from '../../js/cache/cache-key.js';
import { readCached, writeCached, cloneResults, invalidateGroup, purgeOtherVersions } from '../../js/cache/cached-results.js';

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

  const base = { operation: 'generateVariations', inputHashes: ['aa11'], request: { v: [1] }, version: '0.1.0' };

  test('stable for equal requests, different when input, request, version or operation differ', async () => {
    const key = await cacheKey(base);
    expect(key).toMatch(/^pixelpipe\/0\.1\.0\/-\/[0-9a-f]{64}$/);
    expect(await cacheKey({ ...base, request: { v: [1] } })).toBe(key);
    const others = await Promise.all([
      cacheKey({ ...base, inputHashes: ['aa12'] }),
      cacheKey({ ...base, inputHashes: [...base.inputHashes, 'bb'] }),
      cacheKey({ ...base, request: { v: [2] } }),
      cacheKey({ ...base, version: '0.2.0' }),
      cacheKey({ ...base, operation: 'other' }),
    ]);
    expect(new Set([key, ...others]).size).toBe(6);
    await expect(cacheKey({ ...base, inputHashes: undefined })).rejects.toThrow(TypeError);
  });

  test("the caller's cacheKey names the group; the input is still hashed", async () => {
    const a = await cacheKey({ ...base, group: 'photo-123' });
    const b = await cacheKey({ ...base, inputHashes: ['ff'], group: 'photo-123' });
    expect(a).not.toBe(b);
    expect(a.startsWith(groupPrefix('0.1.0', 'photo-123'))).toBe(true);
    expect(parseKey(a)).toEqual({ version: '0.1.0', group: 'photo-123' });
    expect(parseKey(await cacheKey({ ...base, group: 'a/b c' }))).toEqual({ version: '0.1.0', group: 'a/b c' });
    expect(a.slice(-64)).toBe((await cacheKey(base)).slice(-64)); // same content → same digest, different group
  });
});

describe('invalidation and version purge', () => {
  const results = { t: new Uint8Array([1, 2, 3]) };
  const key = (group, inputHash = 'h', version = '0.1.0') => cacheKey({ operation: 'op', inputHashes: [inputHash], request: {}, version, group });

  test.each([
    ['a cache with keys() (MemoryCache)', () => new MemoryCache()],
    ['a bare get/set/delete/clear cache (index entry)', () => {
      const map = new Map();
      return { get: async (k) => map.get(k), set: async (k, v) => { map.set(k, v); }, delete: async (k) => map.delete(k), clear: async () => map.clear(), map };
    }],
  ])('invalidateGroup drops only that group, with %s', async (name, make) => {
    const cache = make();
    const logger = { warn: jest.fn() };
    const [a1, a2, b1, none] = await Promise.all([key('A', 'x'), key('A', 'y'), key('B', 'x'), key(undefined, 'x')]);
    for (const [k, g] of [[a1, 'A'], [a2, 'A'], [b1, 'B'], [none, undefined]]) await writeCached(cache, k, results, logger, g);
    expect(await invalidateGroup(cache, 'A')).toBe(2);
    expect(await cache.get(a1)).toBeUndefined();
    expect(await cache.get(a2)).toBeUndefined();
    expect(await cache.get(b1)).toBeDefined();
    expect(await cache.get(none)).toBeDefined();
    expect(await invalidateGroup(cache, 'A')).toBe(0);
    expect(logger.warn).not.toHaveBeenCalled();
  });

  test('purgeOtherVersions deletes pixelpipe entries of other versions only', async () => {
    const cache = new MemoryCache();
    const old = await key('A', 'x', '0.0.9');
    const current = await key('A', 'x', '0.1.0');
    await cache.set(old, results);
    await cache.set(current, results);
    await cache.set('someone-else', 1);
    expect(await purgeOtherVersions(cache, '0.1.0')).toBe(1);
    expect(await cache.keys()).toEqual([current, 'someone-else']);
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
