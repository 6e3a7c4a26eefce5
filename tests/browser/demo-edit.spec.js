// SPDX-License-Identifier: MIT
// The demo's editing panels end to end, in the threaded build (COOP/COEP page) and the
// single-threaded one (plain page): Variations, Adjust, Composite. Each test checks outputs
// (sizes, content decoded by Chromium), the page's console, and saves a checked panel screenshot
// under test-results/demo/.
import { test, expect } from '@playwright/test';
import { BUILDS, openDemo, expectNoErrors, checkPanelScreenshot, elementStats, MIN_VARIANCE } from './demo-helpers.js';

const W = 768; // photos/kodim23.png: 768×512
const H = 512;

for (const [build, origin] of BUILDS) {
  test(`demo ${build}: Variations runs the configs, shows sizes, times and shared steps, then hits the cache`, async ({ page }) => {
    const log = await openDemo(page, { origin, build, panel: 'variations' });
    const expected = { thumbnail: [300, 300], grayscale: [W, H], blurred: [W, H], sepia_thumb: [300, 300] };
    for (const [id, [w, hgt]] of Object.entries(expected)) {
      const card = page.getByTestId(`result-${id}`);
      await expect(card).toHaveAttribute('data-loaded', 'true', { timeout: 60_000 });
      expect([Number(await card.getAttribute('data-width')), Number(await card.getAttribute('data-height'))]).toEqual([w, hgt]);
      await expect(page.getByTestId(`result-meta-${id}`)).toContainText(/\d+(\.\d+)? (B|KB|MB) · \d+(\.\d)? ms/);
      const stats = await elementStats(page.getByTestId(`result-img-${id}`));
      expect(stats.variance, `${id} has content`).toBeGreaterThan(MIN_VARIANCE);
    }
    await expect(page.getByTestId('result-meta-sepia_thumb')).toContainText('JPEG');
    // sepia_thumb starts with the thumbnail's resize: the engine reuses it, and the panel says so
    await expect(page.getByTestId('shared-steps')).toContainText('sepia_thumb reused 1 step');
    await expect(page.getByTestId('result-meta-sepia_thumb')).toContainText('1 shared step');
    await checkPanelScreenshot(page, 'variations', `variations-${build}`);

    // The same call again comes from the cache, and the header counts it.
    await page.getByTestId('variations-run').click();
    await expect(page.getByTestId('cache')).toHaveAttribute('data-hits', '1');
    await expect(page.getByTestId('result-meta-thumbnail')).toContainText('cache hit');

    // An edited config with a bad value: a typed error in the panel, the old results stay.
    await page.getByTestId('config').fill(JSON.stringify([{ id: 'x', type: 'filter', filter: 'gaussian_blur', radius: -3 }]));
    await page.getByTestId('variations-run').click();
    await expect(page.getByTestId('variations-error')).toHaveText(/^InvalidConfigurationError \[[A-Z_]+\]: .*variationConfigs\[0\]/);
    await expect(page.getByTestId('result-thumbnail')).toBeVisible();
    expectNoErrors(log);
  });

  test(`demo ${build}: Adjust builds every transform and filter from the catalogue, previews on the proxy, renders the full image on release`, async ({ page }) => {
    const log = await openDemo(page, { origin, build, panel: 'adjust' });
    const after = page.getByTestId('adjust-after');
    await expect(after).toHaveAttribute('data-res', 'full', { timeout: 60_000 });
    await expect(after).toHaveAttribute('data-width', String(W));
    await expect(page.getByTestId('adjust-before')).toHaveAttribute('data-width', String(W));
    // every choice of both families is offered
    const expectedChoices = await page.evaluate(() => {
      const ops = window.pixelpipeDemo.engine.catalogue.operations;
      return Object.keys(ops.color_transform.choices).length + Object.keys(ops.filter.choices).length;
    });
    expect(await page.getByTestId('adjust-add').locator('option').count()).toBe(expectedChoices);
    expect(expectedChoices).toBeGreaterThan(20);

    // saturate 1.6 + vignette: the corners get darker than the original's
    const before = await elementStats(page.getByTestId('adjust-before'));
    const full = await elementStats(after);
    expect(full.variance).toBeGreaterThan(MIN_VARIANCE);
    expect(full.mean).toBeLessThan(before.mean - 2);

    // dragging a slider (input events) renders the proxy; releasing it (change) the full image
    const strength = page.getByTestId('adjust-step-vignette').locator('input[type=range]').first();
    await strength.evaluate((el) => { el.value = '0.9'; el.dispatchEvent(new Event('input', { bubbles: true })); });
    await expect(after).toHaveAttribute('data-res', 'proxy');
    expect(Number(await after.getAttribute('data-width'))).toBeLessThanOrEqual(480);
    await strength.evaluate((el) => el.dispatchEvent(new Event('change', { bubbles: true })));
    await expect(after).toHaveAttribute('data-res', 'full');
    await expect(after).toHaveAttribute('data-width', String(W));

    // add a filter from the list
    await page.getByTestId('adjust-add').selectOption('filter:gaussian_blur');
    await page.getByTestId('adjust-add-button').click();
    await expect(page.getByTestId('adjust-step-gaussian_blur')).toBeVisible();
    await expect(page.getByTestId('adjust-status')).toHaveText(/Full image 768×512/);
    await page.getByTestId('adjust-split').fill('30');
    await checkPanelScreenshot(page, 'adjust', `adjust-${build}`);
    expectNoErrors(log);
  });

  test(`demo ${build}: Composite draws image, gradient, solid and text layers; dragging moves a layer`, async ({ page }) => {
    const log = await openDemo(page, { origin, build, panel: 'composite' });
    const canvas = page.getByTestId('composite-canvas');
    await expect(page.getByTestId('composite-status')).toHaveText(/640×400, 4 layers/, { timeout: 60_000 });
    await expect(canvas).toHaveAttribute('data-width', '640');
    expect((await elementStats(canvas)).variance).toBeGreaterThan(MIN_VARIANCE);

    // drag the solid layer (layer 3: x 80, y 40, 160×120) by +100, +60 canvas pixels
    const pixel = () => canvas.evaluate((c) => [...c.getContext('2d').getImageData(100, 60, 1, 1).data]); // inside the old box only
    const covered = await pixel();
    const box = await canvas.boundingBox();
    const scale = box.width / 640;
    const at = (x, y) => [box.x + x * scale, box.y + y * scale];
    await page.mouse.move(...at(160, 100));
    await page.mouse.down();
    await page.mouse.move(...at(210, 130), { steps: 4 });
    await page.mouse.move(...at(260, 160), { steps: 4 });
    await page.mouse.up();
    const solid = page.getByTestId('composite-layer-2');
    await expect(solid.getByLabel('x', { exact: true })).toHaveValue(/^1[89]\d$/); // 80 + 100 (± rounding)
    await expect(solid.getByLabel('y', { exact: true })).toHaveValue(/^(9\d|10\d)$/); // 40 + 60
    // re-rendered: the multiplied orange no longer covers (100, 60)
    await expect.poll(async () => (await pixel()).some((v, i) => Math.abs(v - covered[i]) > 10)).toBe(true);

    // the dragged layer is selected: arrow keys on the canvas move it (10 px, Shift: 1 px)
    const x = Number(await solid.getByLabel('x', { exact: true }).inputValue());
    await canvas.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowLeft');
    await expect(solid.getByLabel('x', { exact: true })).toHaveValue(String(x + 9));

    // opacity and blend mode per layer; a new text layer
    await solid.getByLabel('blendMode').selectOption('screen');
    await page.getByTestId('composite-add-text').click();
    await expect(page.getByTestId('composite-status')).toHaveText(/5 layers/);
    await checkPanelScreenshot(page, 'composite', `composite-${build}`);
    expectNoErrors(log);
  });
}
