// SPDX-License-Identifier: MIT
// The service runtime in real Chromium workers: the concurrency bound under 100 calls, a timeout
// that leaves other calls alone, abort, the pixel limit, a worker killed mid-call, and the st
// fallback (with its logged reason) on a page without COOP/COEP.
import { test, expect } from '@playwright/test';
import { ISOLATED_ORIGIN, PLAIN_ORIGIN, openHarness, disposeService } from './helpers.js';

test.afterEach(async ({ page }) => { await disposeService(page); });

/** Creates window.svc with a recording logger (window.logs). */
async function start(page, options, origin = ISOLATED_ORIGIN) {
  await openHarness(page, origin, { build: 'st', workers: 1 }); // loads the harness; replaced below
  return page.evaluate(async (opts) => {
    await window.svc.dispose();
    window.logs = [];
    const log = (level) => (m) => window.logs.push(`${level} ${m}`);
    window.svc = await pp.ImageProcessingService.create({ ...opts, logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') } });
    return JSON.parse(JSON.stringify(await window.svc.capabilities()));
  }, options);
}

test('100 calls with maxConcurrentOperations 3: never more than 3 in flight, all resolve', async ({ page }) => {
  await start(page, { build: 'st', workers: 4, maxConcurrentOperations: 3 });
  const res = await page.evaluate(async () => {
    let peakSampled = 0;
    const timer = setInterval(async () => { peakSampled = Math.max(peakSampled, (await svc.stats()).running); }, 1);
    const calls = Array.from({ length: 100 }, (_, i) =>
      svc.generateVariations(h.synthetic(48, 32, i + 1), [{ id: 't', type: 'resize', width: 8 }]).then((o) => o.t instanceof Uint8Array));
    const ok = await Promise.all(calls);
    clearInterval(timer);
    const stats = await svc.stats();
    return { resolved: ok.filter(Boolean).length, peakSampled, stats };
  });
  expect(res.resolved).toBe(100);
  expect(res.stats.peakRunning).toBeLessThanOrEqual(3);
  expect(res.stats.peakRunning).toBeGreaterThanOrEqual(2);
  expect(res.peakSampled).toBeLessThanOrEqual(3);
  expect(res.stats).toMatchObject({ queued: 0, running: 0 });
  expect(res.stats.workers).toBeLessThanOrEqual(3); // no more workers than calls in flight
});

test('a timeout on a slow call rejects TimeoutError while other calls succeed', async ({ page }) => {
  await start(page, { build: 'st', workers: 2 });
  const res = await page.evaluate(async () => {
    const slow = svc.generateVariations(h.synthetic(2400, 1600), [{ id: 'b', type: 'filter', filter: 'denoise', sigmaSpatial: 6, sigmaRange: 50 }], { timeoutMs: 300 })
      .then(() => ({ ok: true }), (e) => h.describeError(e));
    const fast = await Promise.all([1, 2, 3, 4].map((i) => svc.generateVariations(h.synthetic(64, 64, i), [{ id: 't', type: 'resize', width: 10 }])));
    const after = await svc.generateVariations(h.synthetic(64, 64, 9), [{ id: 't', type: 'resize', width: 10 }]);
    return { slow: await slow, fast: fast.length, after: after.t instanceof Uint8Array, stats: await svc.stats(), logs };
  });
  expect(res.slow).toMatchObject({ name: 'TimeoutError', code: 'TIMEOUT', operation: 'generateVariations', isImageProcessingError: true });
  expect(res.fast).toBe(4);
  expect(res.after).toBe(true);
  expect(res.stats.timedOut).toBe(1);
  expect(res.logs.join('\n')).toMatch(/timed out after 300 ms; worker #\d+ is replaced/);
});

test('abort: a running call rejects AbortError and the next call succeeds', async ({ page }) => {
  await start(page, { build: 'st', workers: 1 });
  const res = await page.evaluate(async () => {
    const controller = new AbortController();
    const running = svc.generateVariations(h.synthetic(2400, 1600), [{ id: 'b', type: 'filter', filter: 'denoise', sigmaSpatial: 6, sigmaRange: 50 }], { signal: controller.signal })
      .then(() => ({ ok: true }), (e) => h.describeError(e));
    setTimeout(() => controller.abort(), 100);
    const error = await running;
    const next = await svc.generateVariations(h.synthetic(64, 64), [{ id: 't', type: 'resize', width: 10 }]);
    return { error, next: next.t instanceof Uint8Array };
  });
  expect(res.error).toMatchObject({ name: 'AbortError', code: 'ABORTED' });
  expect(res.next).toBe(true);
});

test('an image over the pixel limit is refused from its header with its dimensions', async ({ page }) => {
  await start(page, { build: 'st', workers: 1, maxInputPixels: 10_000 });
  const res = await page.evaluate(async () => {
    const png = await h.encodePng(h.synthetic(200, 100));
    return h.settle(svc.generateVariations(png, [{ id: 't', type: 'resize', width: 10 }]));
  });
  expect(res.ok).toBe(false);
  expect(res.error).toMatchObject({ name: 'ResourceLimitError', code: 'IMAGE_TOO_LARGE', details: { width: 200, height: 100, maxInputPixels: 10_000 } });
});

test('a worker killed mid-call: the call rejects, the next succeeds', async ({ page }) => {
  await start(page, { build: 'mt' });
  const res = await page.evaluate(async () => {
    const running = svc.generateVariations(h.synthetic(2400, 1600), [{ id: 'b', type: 'filter', filter: 'denoise', sigmaSpatial: 6, sigmaRange: 50 }])
      .then(() => ({ ok: true }), (e) => h.describeError(e));
    await new Promise((r) => setTimeout(r, 150));
    await svc[Symbol.for('pixelpipe.debug')].killWorker(0);
    const error = await running;
    const next = await svc.generateVariations(h.synthetic(64, 64), [{ id: 't', type: 'resize', width: 10 }]);
    return { error, next: next.t instanceof Uint8Array, stats: await svc.stats() };
  });
  expect(res.error).toMatchObject({ name: 'ImageProcessingError', code: 'WORKER_CRASHED' });
  expect(res.next).toBe(true);
  expect(res.stats.crashed).toBe(1);
});

test('st fallback on a page without COOP/COEP, with the reason logged', async ({ page }) => {
  const caps = await start(page, {}, PLAIN_ORIGIN);
  expect(caps.build).toBe('st');
  expect(caps.reason).toMatch(/cross-origin isolated/);
  const logs = await page.evaluate(() => window.logs);
  expect(logs.join('\n')).toMatch(/info pixelpipe: st engine, \d+ worker\(s\) × 1 thread\(s\) .*fallback: the page is not cross-origin isolated/);
  const ok = await page.evaluate(async () => (await svc.generateVariations(h.synthetic(64, 64), [{ id: 't', type: 'resize', width: 10 }])).t instanceof Uint8Array);
  expect(ok).toBe(true);
});

test('st fallback when the threaded build loads but its threads do not start in time', async ({ page }) => {
  // The page is cross-origin isolated, so mt is chosen; its pthread pool cannot be up within
  // 1 ms, which is what a blocked or failing pthread worker looks like to the loader.
  const caps = await start(page, { threadStartTimeoutMs: 1 });
  expect(caps.build).toBe('st');
  expect(caps.reason).toMatch(/threaded build failed to load: its threads did not start within 1 ms/);
  const logs = await page.evaluate(() => window.logs);
  expect(logs.join('\n')).toMatch(/fallback: threaded build failed to load/);
  const ok = await page.evaluate(async () => (await svc.generateVariations(h.synthetic(64, 64), [{ id: 't', type: 'resize', width: 10 }])).t instanceof Uint8Array);
  expect(ok).toBe(true);
});
