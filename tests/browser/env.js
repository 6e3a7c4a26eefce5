// SPDX-License-Identifier: MIT
// Shared constants for the Playwright config and the specs.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TESTDATA = process.env.PIXELPIPE_TESTDATA || path.resolve(REPO_ROOT, '..', 'shared', 'testdata');

export const ISOLATED_PORT = Number(process.env.PIXELPIPE_TEST_PORT || 8141);
export const PLAIN_PORT = ISOLATED_PORT + 1;
export const ISOLATED_ORIGIN = `http://127.0.0.1:${ISOLATED_PORT}`;
export const PLAIN_ORIGIN = `http://127.0.0.1:${PLAIN_PORT}`;
/** The blank test page that imports /js/index.js and exposes helpers on window. */
export const HARNESS_PATH = '/tests/browser/fixtures/harness.html';

export const CHROMIUM_PATH = process.env.PIXELPIPE_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
