// SPDX-License-Identifier: MIT
// The demo without a mouse and on a phone: every control is labelled; the keyboard alone loads the
// sample, moves between panels (Tab, arrow keys on the tab list), runs the Analyze panel, moves a
// Composite layer and downloads an Export; at 390 px wide every panel fits without horizontal
// scrolling.
import { test, expect } from '@playwright/test';
import { ISOLATED_ORIGIN } from './env.js';
import { openDemo, expectNoErrors, checkPanelScreenshot } from './demo-helpers.js';

/** Tab (or `key`, e.g. 'Shift+Tab') until `testid` has focus (at most `limit` presses); fails if it never does. */
async function tabTo(page, testid, limit = 40, key = 'Tab') {
  for (let i = 0; i < limit; i++) {
    if (await page.evaluate((id) => document.activeElement?.getAttribute('data-testid') === id, testid)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never reached ${testid}`);
}

test('demo: keyboard alone loads the sample, switches panels and runs Analyze; every control has a label', async ({ page }) => {
  const log = await openDemo(page, { origin: ISOLATED_ORIGIN, build: 'mt', panel: 'variations', photo: null });
  await tabTo(page, 'sample-button');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('result-thumbnail')).toHaveAttribute('data-loaded', 'true', { timeout: 60_000 });

  // the tab list is one Tab stop; arrow keys move along it and select (WAI-ARIA tabs pattern)
  await tabTo(page, 'tab-variations');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('tab-analyze')).toBeFocused();
  await expect(page.getByTestId('tab-analyze')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('analyze-status')).toHaveText(/Analyzed 640×427/, { timeout: 60_000 });

  // into the panel: change the palette size with the keyboard and run again
  await tabTo(page, 'analyze-run', 10);
  await page.keyboard.press('Shift+Tab'); // the palette size box, just before the button
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('analyze-swatch')).toHaveCount(5);

  // every form control on the page, in every panel, has an accessible name
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea, button')]
    .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || (el.tagName === 'BUTTON' && el.textContent.trim())))
    .map((el) => el.outerHTML.slice(0, 80)));
  expect(unlabelled).toEqual([]);
  expectNoErrors(log);
});

test('demo: keyboard alone picks a Composite layer and moves it, then downloads an Export', async ({ page }) => {
  const log = await openDemo(page, { origin: ISOLATED_ORIGIN, build: 'mt', panel: 'composite' });
  await expect(page.getByTestId('composite-status')).toHaveText(/640×400, 4 layers/, { timeout: 60_000 });
  const solid = page.getByTestId('composite-layer-2');
  const x = Number(await solid.getByLabel('x', { exact: true }).inputValue());

  // the layer radios are one Tab stop (the checked one: the last added, the text layer); ArrowUp
  // selects the layer below it, the solid one; then back to the canvas, whose arrow keys move it
  await tabTo(page, 'composite-add-text');
  for (let i = 0; i < 40 && !(await page.evaluate(() => document.activeElement?.name === 'composite-selected')); i++) await page.keyboard.press('Tab');
  await expect(page.getByTestId('composite-layer-3').getByRole('radio')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(solid.getByRole('radio')).toBeChecked();
  await tabTo(page, 'composite-canvas', 40, 'Shift+Tab');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await expect(solid.getByLabel('x', { exact: true })).toHaveValue(String(x + 10));
  await expect(page.getByTestId('composite-status')).toHaveAttribute('data-state', 'done');

  // back to the tab list, along it to Export, into the panel and Enter on the download link
  await tabTo(page, 'tab-composite', 40, 'Shift+Tab');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('tab-export')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('export-download')).toHaveAttribute('aria-disabled', 'false', { timeout: 60_000 });
  await tabTo(page, 'export-download');
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toBe('kodim23.png');
  expectNoErrors(log);
});

test('demo: at a phone width (390 px) every panel fits without horizontal scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const log = await openDemo(page, { origin: ISOLATED_ORIGIN, build: 'mt', panel: 'variations' });
  const panels = { variations: 'status', adjust: 'adjust-status', composite: 'composite-status', analyze: 'analyze-status', palettes: 'palettes-status', export: 'export-status' };
  for (const [panel, status] of Object.entries(panels)) {
    await page.getByTestId(`tab-${panel}`).click();
    await expect(page.getByTestId(status)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: innerWidth }));
    expect(widths.page, `${panel} at 390 px`).toBeLessThanOrEqual(widths.viewport);
    const box = await page.getByTestId(`panel-${panel}`).boundingBox();
    expect(box.x + box.width, panel).toBeLessThanOrEqual(390);
    await checkPanelScreenshot(page, panel, `${panel}-390px`);
  }
  expectNoErrors(log);
});
