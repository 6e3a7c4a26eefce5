// SPDX-License-Identifier: MIT
// IndexedDBCache in real Chromium with the real IndexedDB: persistence across a reload, LRU
// eviction under the size cap, a quota error (real, via the DevTools quota override), a corrupt
// entry, a closed database, private-mode-like refusal, and two tabs sharing the cache. In every
// failure the operation itself succeeds: the cache turns into a logged miss and keeps working.
import { test, expect } from '@playwright/test';
import { ISOLATED_ORIGIN, openHarness, disposeService } from './helpers.js';

test.afterEach(async ({ page }) => { await disposeService(page); });

const CONFIG = [{ id: 't', type: 'resize', width: 40 }, { id: 'g', type: 'color_transform', transform: 'grayscale' }];

/** Opens the harness and creates window.svc with an IndexedDBCache named `db` and a recording logger. */
async function start(page, db, cacheOptions = {}) {
  await openHarness(page, ISOLATED_ORIGIN, { build: 'st', workers: 1 });
  await page.evaluate(async ({ db, cacheOptions }) => {
    await window.svc.dispose();
    window.logs = [];
    const log = (level) => (m) => window.logs.push(`${level} ${m}`);
    window.cache = new pp.IndexedDBCache({ name: db, ...cacheOptions });
    window.svc = await pp.ImageProcessingService.create({
      build: 'st', workers: 1, cache: window.cache,
      logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    });
    window.run = async (seed = 1, options = {}) => {
      const out = await svc.generateVariations(await h.encodePng(h.synthetic(120, 80, seed)), CONFIG_IN_PAGE, options);
      return { t: out.t.byteLength, g: out.g.byteLength };
    };
  }, { db, cacheOptions });
  await page.evaluate((config) => { window.CONFIG_IN_PAGE = config; }, CONFIG);
}

const hits = (page) => page.evaluate(async () => (await svc.stats()).cacheHits);

test('entries survive a page reload', async ({ page }) => {
  const db = `reload-${Date.now()}`;
  await start(page, db);
  const first = await page.evaluate(() => run(1, { cacheKey: 'photo' }));
  expect(await hits(page)).toBe(0);
  await page.reload();
  await start(page, db);
  const second = await page.evaluate(() => run(1, { cacheKey: 'photo' }));
  expect(second).toEqual(first);
  expect(await hits(page)).toBe(1);
  expect(await page.evaluate(() => logs.join('\n'))).toMatch(/cache hit \('photo'\)/);
});

test('the total size cap evicts the least recently used entry', async ({ page }) => {
  await start(page, `evict-${Date.now()}`, { maxBytes: 2500 });
  const res = await page.evaluate(async () => {
    const c = new pp.IndexedDBCache({ name: cache.name, maxBytes: 2500 });
    await c.set('a', new Uint8Array(1000));
    await c.set('b', new Uint8Array(1000));
    await new Promise((r) => setTimeout(r, 5));
    await c.get('a'); // a is now more recent than b
    await new Promise((r) => setTimeout(r, 5));
    await c.set('c', new Uint8Array(1000));
    return { a: Boolean(await c.get('a')), b: Boolean(await c.get('b')), c: Boolean(await c.get('c')), usage: await c.usage() };
  });
  expect(res).toMatchObject({ a: true, b: false, c: true });
  expect(res.usage.bytes).toBeLessThanOrEqual(2500);
});

test('a quota error never fails the operation: logged, not cached, and the cache recovers', async ({ page }) => {
  await start(page, `quota-${Date.now()}`);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: ISOLATED_ORIGIN, quotaSize: 1 });
  const res = await page.evaluate(async () => {
    const out = await run(2);
    return { out, logs: logs.filter((l) => l.startsWith('warn')) };
  });
  expect(res.out.t).toBeGreaterThan(0);
  expect(res.logs.join('\n')).toMatch(/cache set failed, result not cached \(CACHE_QUOTA_EXCEEDED/);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: ISOLATED_ORIGIN }); // back to normal
  await page.evaluate(() => run(2));
  await page.evaluate(() => run(2));
  expect(await hits(page)).toBe(1);
});

test('a corrupt entry is detected by its checksum: a logged miss, deleted, then stored again', async ({ page }) => {
  const db = `corrupt-${Date.now()}`;
  await start(page, db);
  await page.evaluate(() => run(3));
  const res = await page.evaluate(async (db) => {
    // Flip bytes of the stored result behind the cache's back.
    const conn = await new Promise((resolve, reject) => { const r = indexedDB.open(db); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
    const tx = conn.transaction('values', 'readwrite');
    const store = tx.objectStore('values');
    const keys = await new Promise((resolve) => { store.getAllKeys().onsuccess = (e) => resolve(e.target.result); });
    const record = await new Promise((resolve) => { store.get(keys[0]).onsuccess = (e) => resolve(e.target.result); });
    record.value.t[20] ^= 0xff;
    store.put(record, keys[0]);
    await new Promise((resolve) => { tx.oncomplete = resolve; });
    conn.close();
    const out = await run(3);
    const afterMiss = (await svc.stats()).cacheHits;
    await run(3);
    return { out, afterMiss, hits: (await svc.stats()).cacheHits, warn: logs.filter((l) => l.startsWith('warn')).join('\n') };
  }, db);
  expect(res.out.t).toBeGreaterThan(0);
  expect(res.afterMiss).toBe(0);
  expect(res.warn).toMatch(/cache miss \(get failed: CACHE_CORRUPT/);
  expect(res.hits).toBe(1);
});

test('a closed database (deleted by another connection) and a refused open: the operations still work', async ({ page }) => {
  const db = `closed-${Date.now()}`;
  await start(page, db);
  const res = await page.evaluate(async (db) => {
    await run(4);
    // Another connection deletes the database: ours gets versionchange, closes, and reopens later.
    await new Promise((resolve, reject) => { const r = indexedDB.deleteDatabase(db); r.onsuccess = resolve; r.onerror = () => reject(r.error); });
    const afterDelete = await run(4); // miss (the data is gone), stored again in a new database
    await run(4);
    const hitsAfter = (await svc.stats()).cacheHits;
    // Private-mode-like: IndexedDB refuses to open.
    const refusing = new pp.IndexedDBCache({ indexedDB: { open() { throw new DOMException('denied', 'SecurityError'); } } });
    const logs2 = [];
    const log = (m) => logs2.push(m);
    const s2 = await pp.ImageProcessingService.create({ build: 'st', workers: 1, cache: refusing, logger: { debug: log, info: log, warn: log, error: log } });
    const out = await s2.generateVariations(h.synthetic(20, 20), [{ id: 't', type: 'resize', width: 5 }]);
    await s2.dispose();
    return { afterDelete, hitsAfter, available: await refusing.available(), private: out.t instanceof Uint8Array, logs2 };
  }, db);
  expect(res.afterDelete.t).toBeGreaterThan(0);
  expect(res.hitsAfter).toBe(1);
  expect(res.available).toBe(false);
  expect(res.private).toBe(true);
  expect(res.logs2.join('\n')).toMatch(/cache unavailable, running without it \(IndexedDB refused to open: SecurityError/);
});

test('two tabs share the cache consistently, invalidation included', async ({ page, context }) => {
  const db = `tabs-${Date.now()}`;
  const other = await context.newPage();
  try {
    await start(page, db);
    await start(other, db);
    const first = await page.evaluate(() => run(5, { cacheKey: 'shared' }));
    const second = await other.evaluate(() => run(5, { cacheKey: 'shared' }));
    expect(second).toEqual(first);
    expect(await hits(other)).toBe(1);
    expect(await other.evaluate(() => svc.invalidate('shared'))).toBe(1);
    await page.evaluate(() => run(5, { cacheKey: 'shared' }));
    expect(await hits(page)).toBe(0); // tab 1 sees tab 2's invalidation
    await other.evaluate(() => run(5, { cacheKey: 'shared' }));
    expect(await hits(other)).toBe(2); // and tab 2 sees tab 1's new entry
  } finally {
    await disposeService(other);
    await other.close();
  }
});
