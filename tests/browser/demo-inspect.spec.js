// SPDX-License-Identifier: MIT
// The demo's inspecting panels end to end, in the threaded (COOP/COEP) and single-threaded
// builds: Analyze, Palettes, Export. Outputs checked for size and content (decoded by Chromium),
// the console for errors, and a checked panel screenshot saved under test-results/demo/.
import { test, expect } from '@playwright/test';
import { BUILDS, openDemo, expectNoErrors, checkPanelScreenshot, elementStats, MIN_VARIANCE } from './demo-helpers.js';

/**
 * The Analyze overlay with and without its saliency heat map: the mean RGB change at the centres of
 * the map's high cells (≥ 128 of 255) and of its low cells (≤ 25). The map comes from the public
 * API (analyzeImage with saliencyMap: true on the page's image handle), the pixels from the canvas.
 * Leaves the toggle off.
 */
async function saliencyOverlayChange(page, overlay) {
  const map = await page.evaluate(async () => {
    const { engine, image } = window.pixelpipeDemo;
    const { composition } = await engine.service.analyzeImage(image.handle, ['composition'], { saliencyMap: true });
    return { ...composition.saliencyMap, data: [...composition.saliencyMap.data] };
  });
  const sample = () => overlay.evaluate((c, m) => {
    const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    return m.data.map((_, i) => {
      const x = Math.floor(((i % m.width) + 0.5) * (c.width / m.width));
      const y = Math.floor((Math.floor(i / m.width) + 0.5) * (c.height / m.height));
      return [...px.slice(4 * (y * c.width + x), 4 * (y * c.width + x) + 3)];
    });
  }, map);
  const toggle = page.locator('#analyze-saliency');
  await expect(toggle).toBeChecked();
  const on = await sample();
  await toggle.uncheck();
  const off = await sample();
  const meanChange = (keep) => {
    const cells = map.data.map((v, i) => [v, i]).filter(([v]) => keep(v)).map(([, i]) => i);
    expect(cells.length).toBeGreaterThan(0);
    return cells.reduce((s, i) => s + on[i].reduce((t, v, k) => t + Math.abs(v - off[i][k]), 0) / 3, 0) / cells.length;
  };
  return { high: meanChange((v) => v >= 128), low: meanChange((v) => v <= 25) };
}

for (const [build, origin] of BUILDS) {
  test(`demo ${build}: Analyze plots the histogram, palette, saliency/thirds/subject/smart-crop overlay and quality gauges`, async ({ page }) => {
    const log = await openDemo(page, { origin, build, panel: 'analyze', photo: 'photos/harvesters.jpeg', query: 'progressDelay=0' }); // 1165×859 JPEG
    await expect(page.getByTestId('analyze-status')).toHaveText(/Analyzed 1165×859/, { timeout: 60_000 });
    expect((await elementStats(page.getByTestId('analyze-histogram'))).variance).toBeGreaterThan(MIN_VARIANCE);
    // the overlay shows the image at 640 px wide (aspect kept), with the boxes drawn over it
    const overlay = page.getByTestId('analyze-overlay');
    await expect(overlay).toHaveAttribute('data-width', '640');
    expect(Math.abs(Number(await overlay.getAttribute('data-height')) - 640 * 859 / 1165)).toBeLessThanOrEqual(1);
    expect((await elementStats(overlay)).variance).toBeGreaterThan(MIN_VARIANCE);
    // the saliency heat map (toggle, on by default) changes the image where the map is high and
    // leaves it nearly as it is where the map is low (measured, mt, harvesters: 33.4 vs 3.7 levels)
    const { high, low } = await saliencyOverlayChange(page, overlay);
    test.info().annotations.push({ type: 'measured', description: `${build}: heat overlay mean change ${high.toFixed(1)} (map ≥ 128) vs ${low.toFixed(1)} (map ≤ 25)` });
    expect(high).toBeGreaterThan(20);
    expect(low).toBeLessThan(high / 4);
    // six swatches (the default paletteSize) whose widths follow the proportions
    const swatches = page.getByTestId('analyze-swatch');
    await expect(swatches).toHaveCount(6);
    const grows = await swatches.evaluateAll((els) => els.map((e) => Number(e.style.flexGrow)));
    expect(grows.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);
    // every quality part has a gauge; JPEG input has the blockiness part
    for (const part of ['overallScore', 'sharpness', 'noise', 'exposure', 'contrast', 'entropy', 'jpegBlockiness', 'resolution', 'score', 'ruleOfThirds']) {
      const value = Number(await page.getByTestId(`gauge-${part}`).locator('meter').getAttribute('value'));
      expect(value, part).toBeGreaterThanOrEqual(0);
      expect(value, part).toBeLessThanOrEqual(1);
    }
    // with progressDelay=0 every call shows the indicator, however fast this machine runs analyze
    expect(Number(await page.getByTestId('busy').getAttribute('data-shown'))).toBeGreaterThanOrEqual(1);
    await checkPanelScreenshot(page, 'analyze', `analyze-${build}`);
    expectNoErrors(log);
  });

  test(`demo ${build}: Palettes turns a theme into palettes with roles and contrast, applied to the image`, async ({ page }) => {
    const log = await openDemo(page, { origin, build, panel: 'palettes' });
    await expect(page.getByTestId('palettes-status')).toHaveText(/3 palettes/, { timeout: 60_000 });
    for (let i = 0; i < 3; i++) {
      const card = page.getByTestId(`palette-${i}`);
      await expect(card.getByTestId('palette-color').filter({ hasText: /^background #/ })).toHaveCount(1);
      await expect(card.getByTestId('palette-color').filter({ hasText: /^text #/ })).toHaveCount(1);
      // the contrast shown is the text colour on the background: recompute WCAG from the page's colours
      const contrast = page.getByTestId(`palette-contrast-${i}`);
      const shown = Number((await contrast.textContent()).match(/([\d.]+):1/)[1]);
      const measured = await contrast.evaluate((el) => {
        const cs = getComputedStyle(el);
        const lin = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
        const L = (css) => { const [r, g, b] = css.match(/\d+/g).map(Number); return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b); };
        const [a, b] = [L(cs.color), L(cs.backgroundColor)].sort((x, y) => y - x);
        return (a + 0.05) / (b + 0.05);
      });
      expect(Math.abs(shown - measured)).toBeLessThan(0.05);
      const img = page.getByTestId(`palette-img-${i}`);
      await expect(img).toHaveAttribute('data-loaded', 'true');
      expect([await img.getAttribute('data-width'), await img.getAttribute('data-height')]).toEqual(['768', '512']);
      expect((await elementStats(img)).variance).toBeGreaterThan(MIN_VARIANCE);
    }
    // another theme, fewer palettes, and an unknown word listed as not understood
    await page.getByTestId('palettes-theme').fill('deep ocean blues with a hint of coral zzqx');
    await page.getByLabel('Number of palettes').fill('2');
    await page.getByTestId('palettes-run').click();
    await expect(page.getByTestId('palettes-status')).toHaveText(/2 palettes for “deep ocean/);
    await expect(page.getByTestId('palette-0')).toContainText('not understood: zzqx');
    await checkPanelScreenshot(page, 'palettes', `palettes-${build}`);
    expectNoErrors(log);
  });

  test(`demo ${build}: Export writes the chosen format with its options, updates the size, downloads the file`, async ({ page }) => {
    const log = await openDemo(page, { origin, build, panel: 'export' });
    const size = page.getByTestId('export-size');
    await expect(size).toHaveText(/^png · 768×512 · [\d.]+ KB/, { timeout: 60_000 });
    const pngBytes = Number(await size.getAttribute('data-bytes'));
    expect(pngBytes).toBeGreaterThan(50_000); // a 768×512 photo as lossless PNG

    // jpeg: its own options appear (quality, from the format catalogue); the readout follows them
    await page.getByTestId('export-format').selectOption('jpeg');
    await expect(size).toHaveText(/^jpeg · 768×512/);
    await expect(page.getByTestId('export-options').getByLabel('quality value')).toBeVisible();
    const q80 = Number(await size.getAttribute('data-bytes'));
    expect(q80).toBeLessThan(pngBytes);
    await page.getByTestId('export-options').getByLabel('quality value').fill('30');
    await expect.poll(async () => Number(await size.getAttribute('data-bytes'))).toBeLessThan(q80);
    await page.getByTestId('export-options').getByLabel('maxWidth value').fill('300');
    await expect(size).toHaveText(/^jpeg · 300×200/);
    const img = page.getByTestId('export-img');
    expect((await elementStats(img)).variance).toBeGreaterThan(MIN_VARIANCE);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
    expect(download.suggestedFilename()).toBe('kodim23.jpg');
    const file = await download.path();
    const bytes = (await import('node:fs')).readFileSync(file);
    expect(bytes.length).toBe(Number(await size.getAttribute('data-bytes')));
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]);
    await checkPanelScreenshot(page, 'export', `export-${build}`);

    // an unreachable byte budget: a readable typed error in the panel, not an empty one
    await page.getByTestId('export-options').getByLabel('targetSizeBytes value').fill('100');
    await expect(page.getByTestId('export-error')).toHaveText(/^\w+Error \[TARGET_SIZE_UNREACHABLE\]: .+/);
    await expect(size).toHaveText('no file');
    expectNoErrors(log);
  });
}
