// SPDX-License-Identifier: MIT
// Playwright config for the browser tests (run from the repo root):
//   npx playwright test -c tests/browser/playwright.config.js
// Two static servers (web-demo/serve.mjs) serve the repo root:
//   ISOLATED  (COOP/COEP, crossOriginIsolated → the threaded `mt` build) on PIXELPIPE_TEST_PORT (8141)
//   PLAIN     (no COOP/COEP → the single-threaded `st` fallback)         on PIXELPIPE_TEST_PORT + 1
// Chromium is the system one (/usr/bin/chromium): Playwright never downloads a browser here.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { ISOLATED_PORT, PLAIN_PORT, REPO_ROOT, CHROMIUM_ARGS, CHROMIUM_PATH } from './env.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  testDir: here,
  testMatch: '**/*.spec.js',
  // The wasm engine spins up workers + pthreads: one test at a time on a 2-core machine.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  outputDir: path.join(REPO_ROOT, 'test-results', 'browser-artifacts'),
  reporter: [
    ['list'],
    ['json', { outputFile: path.join(REPO_ROOT, 'test-results', 'playwright.json') }],
  ],
  use: {
    browserName: 'chromium',
    headless: true,
    baseURL: `http://127.0.0.1:${ISOLATED_PORT}`,
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    actionTimeout: 30_000,
    navigationTimeout: 30_000,
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  webServer: [
    {
      command: `node web-demo/serve.mjs ${ISOLATED_PORT}`,
      cwd: REPO_ROOT,
      url: `http://127.0.0.1:${ISOLATED_PORT}/package.json`,
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
      stdout: 'ignore',
    },
    {
      command: `node web-demo/serve.mjs ${PLAIN_PORT} --no-isolation`,
      cwd: REPO_ROOT,
      url: `http://127.0.0.1:${PLAIN_PORT}/package.json`,
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
      stdout: 'ignore',
    },
  ],
});
