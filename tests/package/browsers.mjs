// browsers.mjs: open a URL in one of three engines, wait for window.__pixelpipeResult, close.
//   chromium  Debian's chromium through playwright-core (toolchain.md §2)
//   firefox   Debian's firefox-esr through puppeteer-core over WebDriver BiDi (§11)
//   webkit    WebKitGTK's MiniBrowser through WebKitWebDriver (plain W3C WebDriver over HTTP),
//             under xvfb-run: MiniBrowser has no headless mode (§11)
// Each returns { result, console: string[] } (Chromium also `requests`: every URL fetched).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';

export const BROWSERS = {
  chromium: '/usr/bin/chromium',
  firefox: '/usr/bin/firefox-esr',
  webkit: '/usr/bin/WebKitWebDriver',
};
const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
const RESULT = 'window.__pixelpipeResult';

/** Missing executables, so a test can say what setup.mjs should have installed. */
export function missingBrowser(name) {
  const need = name === 'webkit' ? [BROWSERS.webkit, MINIBROWSER, '/usr/bin/xvfb-run'] : [BROWSERS[name]];
  return need.filter((f) => !existsSync(f));
}

export async function runInChromium(url, timeoutMs) {
  const browser = await chromium.launch({ executablePath: BROWSERS.chromium, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const log = [];
    const requests = []; // every URL fetched, workers' included (which build was downloaded)
    page.context().on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => log.push(`[${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => log.push(`[pageerror] ${e.message}`));
    await page.goto(url);
    // A function, not a string: a string predicate is eval'd in the page, which a strict CSP forbids.
    await page.waitForFunction(() => window.__pixelpipeResult !== undefined, undefined, { timeout: timeoutMs });
    return { result: await page.evaluate(RESULT), console: log, requests };
  } finally {
    await browser.close();
  }
}

export async function runInFirefox(url, timeoutMs) {
  const profile = mkdtempSync(path.join(tmpdir(), 'pixelpipe-ff-'));
  const browser = await puppeteer.launch({
    browser: 'firefox', executablePath: BROWSERS.firefox, headless: true, protocol: 'webDriverBiDi', userDataDir: profile,
  });
  try {
    const page = await browser.newPage();
    const log = [];
    page.on('console', (m) => log.push(`[${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => log.push(`[pageerror] ${e.message}`));
    await page.goto(url);
    await page.waitForFunction(RESULT, { timeout: timeoutMs, polling: 250 });
    return { result: await page.evaluate(RESULT), console: log };
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

export async function runInWebKit(url, timeoutMs) {
  const port = 4444 + Math.floor(Math.random() * 1000);
  const driver = spawn('xvfb-run', ['-a', BROWSERS.webkit, `--port=${port}`], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  driver.stderr.on('data', (d) => { stderr += d; });
  const base = `http://127.0.0.1:${port}`;
  const call = async (method, route, body) => {
    const response = await fetch(base + route, { method, headers: { 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
    const json = await response.json();
    if (!response.ok) throw new Error(`WebDriver ${route}: ${JSON.stringify(json.value)}`);
    return json.value;
  };
  let session;
  try {
    await until(() => fetch(`${base}/status`).then((r) => r.ok, () => false), 20_000, () => `WebKitWebDriver did not start: ${stderr}`);
    ({ sessionId: session } = await call('POST', '/session', {
      capabilities: { alwaysMatch: { browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } } },
    }));
    await call('POST', `/session/${session}/url`, { url });
    let result;
    await until(async () => {
      result = await call('POST', `/session/${session}/execute/sync`, { script: `return ${RESULT} ?? null;`, args: [] });
      return result !== null;
    }, timeoutMs, () => 'no result from the page in time');
    return { result, console: [] }; // WebDriver classic exposes no console log
  } finally {
    if (session) await call('DELETE', `/session/${session}`).catch(() => {});
    try { process.kill(-driver.pid); } catch { /* already gone */ }
  }
}

async function until(check, timeoutMs, message) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(message());
}
