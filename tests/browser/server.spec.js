// SPDX-License-Identifier: MIT
// web-demo/serve.mjs: headers, MIME types, redirect, no traversal; and that the headers really
// make Chromium cross-origin isolated (and that --no-isolation does not).
import http from 'node:http';
import { test, expect } from '@playwright/test';
import { startServer, resolveInside } from '../../web-demo/serve.mjs';
import { ISOLATED_ORIGIN, PLAIN_ORIGIN } from './env.js';

/** Raw GET without URL normalisation (fetch would collapse `..`). */
function rawGet(port, rawPath) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method: 'GET' }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('static server: headers, MIME types, redirect, traversal', async () => {
  const iso = await startServer({ port: 0, isolated: true });
  const plain = await startServer({ port: 0, isolated: false });
  try {
    const root = await rawGet(iso.port, '/');
    expect(root.status).toBe(302);
    expect(root.headers.location).toBe('/web-demo/');

    const page = await rawGet(iso.port, '/web-demo/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(page.headers['cross-origin-embedder-policy']).toBe('require-corp');

    expect((await rawGet(iso.port, '/web-demo/demo.js')).headers['content-type']).toMatch(/^text\/javascript/);
    expect((await rawGet(iso.port, '/web-demo/serve.mjs')).headers['content-type']).toMatch(/^text\/javascript/);
    expect((await rawGet(iso.port, '/node_modules/wasm-vips/lib/vips.wasm')).headers['content-type']).toBe('application/wasm');
    expect((await rawGet(iso.port, '/web-demo')).status).toBe(301);
    expect((await rawGet(iso.port, '/nope.txt')).status).toBe(404);

    for (const p of ['/../../etc/passwd', '/web-demo/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd',
      '/web-demo/..%2f..%2fetc%2fpasswd', '/..%5c..%5cetc/passwd', '/.git/config', '/%00']) {
      const r = await rawGet(iso.port, p);
      expect([400, 403, 404], `${p} → ${r.status}`).toContain(r.status);
    }
    expect(resolveInside('/srv/x', '/a/../../b')).toBeNull();
    expect(resolveInside('/srv/x', '/a/b.js')).toBe('/srv/x/a/b.js');

    const p2 = await rawGet(plain.port, '/web-demo/');
    expect(p2.status).toBe(200);
    expect(p2.headers['cross-origin-opener-policy']).toBeUndefined();
    expect(p2.headers['cross-origin-embedder-policy']).toBeUndefined();
  } finally {
    await iso.close();
    await plain.close();
  }
});

test('COOP/COEP make the page cross-origin isolated; --no-isolation does not', async ({ page }) => {
  await page.goto(ISOLATED_ORIGIN + '/tests/browser/fixtures/harness.html');
  expect(await page.evaluate(() => [self.crossOriginIsolated, typeof SharedArrayBuffer])).toEqual([true, 'function']);
  await page.goto(PLAIN_ORIGIN + '/tests/browser/fixtures/harness.html');
  expect(await page.evaluate(() => [self.crossOriginIsolated, typeof SharedArrayBuffer])).toEqual([false, 'undefined']);
});

test('the canvas oracles themselves behave (grayscale(1) is Rec. 709 luma)', async ({ page }) => {
  // Guards the oracle used by service.spec.js: if Chromium changed its filter maths, this says so
  // instead of blaming pixelpipe.
  await page.goto(ISOLATED_ORIGIN + '/tests/browser/fixtures/harness.html');
  const r = await page.evaluate(() => {
    const src = { width: 3, height: 1, data: new Uint8Array([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255]) };
    return Array.from(h.canvasFilter(src, 'grayscale(1)').data);
  });
  // 0.2126, 0.7152, 0.0722 × 255 = 54.2, 182.4, 18.4 (±2: Skia's fixed-point path)
  const [r0, , , , g1, , , , b2] = r;
  expect(Math.abs(r0 - 54)).toBeLessThanOrEqual(2);
  expect(Math.abs(g1 - 182)).toBeLessThanOrEqual(2);
  expect(Math.abs(b2 - 18)).toBeLessThanOrEqual(2);
});
