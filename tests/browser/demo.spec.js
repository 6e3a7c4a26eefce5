// SPDX-License-Identifier: MIT
// The demo page end to end: upload a real photo, three results appear, the build is shown.
import { test, expect } from '@playwright/test';
import { ISOLATED_ORIGIN, PLAIN_ORIGIN, testFilePath, watchConsole } from './helpers.js';

const PHOTO = 'photos/harvesters.jpeg'; // 1165×859

async function expectThreeResults(page) {
  for (const id of ['thumbnail', 'grayscale', 'blurred']) {
    const card = page.getByTestId(`result-${id}`);
    await expect(card).toHaveAttribute('data-loaded', 'true', { timeout: 60_000 });
    await expect(page.getByTestId(`result-img-${id}`)).toBeVisible();
    await expect(page.getByTestId(`result-meta-${id}`)).toContainText(/\d+(\.\d+)? (B|KB|MB)/);
    await expect(page.getByTestId(`result-meta-${id}`)).toContainText(/\d+ ms/);
  }
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('error')).toBeHidden();
}

test('demo: upload a photo, three variations appear, the mt build is shown', async ({ page }) => {
  const log = watchConsole(page);
  await page.goto(ISOLATED_ORIGIN + '/');
  // / redirects to the demo; the demo then names its open panel in the hash (#variations).
  await expect(page).toHaveURL(/\/web-demo\/(#[a-z]+)?$/);
  await expect(page.getByTestId('build'), log.join('\n')).toHaveText('mt');
  await expect(page.getByTestId('threads')).toHaveText(/^\d+$/);

  await page.getByTestId('file-input').setInputFiles(testFilePath(PHOTO));
  await expectThreeResults(page);

  const thumb = page.getByTestId('result-thumbnail');
  expect(Number(await thumb.getAttribute('data-width'))).toBe(300);
  // maintainAspectRatio: true = fit 'contain' (js/catalogue/operations.js): letterboxed to exactly 300×300.
  expect(Number(await thumb.getAttribute('data-height'))).toBe(300);
  expect(await page.getByTestId('result-grayscale').getAttribute('data-width')).toBe('1165');
  expect(await page.getByTestId('result-blurred').getAttribute('data-height')).toBe('859');
  expect(Number(await thumb.getAttribute('data-bytes'))).toBeGreaterThan(1000);
});

test('demo: the generated sample works on a page without COOP/COEP (st build)', async ({ page }) => {
  await page.goto(PLAIN_ORIGIN + '/web-demo/');
  await expect(page.getByTestId('build')).toHaveText('st');
  await page.getByTestId('sample-button').click();
  await expectThreeResults(page);
});

test('demo: a broken file shows the error class and message in the page', async ({ page }) => {
  await page.goto(ISOLATED_ORIGIN + '/web-demo/');
  await expect(page.getByTestId('build')).toHaveText('mt');
  await page.getByTestId('file-input').setInputFiles({ name: 'broken.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not really a jpeg') });
  const err = page.getByTestId('error');
  await expect(err).toBeVisible();
  await expect(err).toHaveText(/^\w*Error( \[[A-Z_]+\])?: .+/);
  // and it recovers
  await page.getByTestId('file-input').setInputFiles(testFilePath(PHOTO));
  await expectThreeResults(page);
});

test('demo: dropping a file on the drop zone runs it', async ({ page }) => {
  await page.goto(ISOLATED_ORIGIN + '/web-demo/');
  await expect(page.getByTestId('build')).toHaveText('mt');
  const b64 = (await import('node:fs')).readFileSync(testFilePath('photos/camera.png')).toString('base64');
  const dt = await page.evaluateHandle((data) => {
    const bin = atob(data);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    const t = new DataTransfer();
    t.items.add(new File([bytes], 'camera.png', { type: 'image/png' }));
    return t;
  }, b64);
  await page.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer: dt });
  await expectThreeResults(page);
  expect(await page.getByTestId('result-grayscale').getAttribute('data-width')).toBe('512');
});
