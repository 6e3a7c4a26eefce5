// package.test.mjs: the package as users install it. `npm pack` the repository, install the
// tarball offline into a temporary app (Vite comes from the project's node_modules: nothing is
// fetched), then run every method's example (examples.js) in:
//   Node (the "node" entry) · a zero-config `vite build` served with and without COOP/COEP, in
//   Chromium · a plain ESM page with an import map · the Vite app under a strict CSP · the Vite
//   app and the ESM page in Firefox (firefox-esr) and WebKit (MiniBrowser)
// and require every run to produce byte-identical results to Node's.
// Run: node --test --test-concurrency=1 tests/package/   (scripts/run-tests.mjs package)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startServer } from '../../web-demo/serve.mjs';
import { missingBrowser, runInChromium, runInFirefox, runInWebKit } from './browsers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const testdata = process.env.PIXELPIPE_TESTDATA || path.resolve(repo, '..', 'shared', 'testdata');
const INPUT = path.join(testdata, 'photos', 'coffee.png'); // 600×400 RGB (PROVENANCE.md)
const CSP = "script-src 'self' 'wasm-unsafe-eval'";
const PAGE_TIMEOUT_MS = 90_000;

let dir; // temp: the tarball and the app
let app;
const servers = [];
let nodeRun; // Node's outcome: the reference every browser run must equal
let packed; // the tarball's file list

const sh = (cmd, args, cwd, timeout = 180_000) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout });

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'pixelpipe-package-'));
  app = path.join(dir, 'app');
  const [{ filename, files }] = JSON.parse(sh('npm', ['pack', '--json', '--pack-destination', dir], repo));
  packed = files.map((f) => f.path);
  cpSync(path.join(here, 'app'), app, { recursive: true });
  cpSync(path.join(here, 'examples.js'), path.join(app, 'examples.js'));
  writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  sh('npm', ['install', '--offline', '--no-audit', '--no-fund', path.join(dir, path.basename(filename))], app);
  // Vite as the project pins it (package-lock): linked, never fetched. After the install, which
  // would remove a link it did not make.
  symlinkSync(path.join(repo, 'node_modules', 'vite'), path.join(app, 'node_modules', 'vite'));
  mkdirSync(path.join(app, 'public'));
  cpSync(INPUT, path.join(app, 'public', 'input.png'));
  cpSync(INPUT, path.join(app, 'input.png')); // for the unbundled page, served from the app folder
});

after(async () => {
  await Promise.all(servers.map((s) => s.close()));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Serves `root`; resolves to the URL of `page` there (the server sends `/` to the demo). */
async function serve(root, { isolated, headers, page = 'index.html' } = {}) {
  const server = await startServer({ port: 0, root, isolated, headers });
  servers.push(server);
  return server.url + page;
}

/** A browser run must finish, without CSP violations, and equal Node's results byte for byte. */
function checkRun(name, { result, console: log }, expectBuild) {
  assert.ok(result, `${name}: no result`);
  assert.equal(result.error, undefined, `${name}: ${result.error}\nconsole:\n${log.join('\n')}`);
  assert.deepEqual(result.violations, [], `${name}: CSP violations`);
  assert.equal(result.engine.build, expectBuild, `${name}: ran ${result.engine.build} (${result.engine.reason ?? ''})`);
  assert.equal(result.engine.simd, true);
  assert.deepEqual(result.results, nodeRun.results, `${name}: results differ from Node's`);
  // The report names the build each engine ran and why (test output, README "Browser support").
  console.log(`# ${name}: ${JSON.stringify({ ...result.engine, crossOriginIsolated: result.crossOriginIsolated })}`);
}

test('the tarball ships both entries, both builds of both flavours, the types and the CLI; no sources', () => {
  for (const file of ['js/index.js', 'js/index.node.js', 'js/pool/worker-entry.js', 'js/pool/worker-entry.node.js',
    'js/types/index.d.ts', 'bin/pixelpipe.js', 'dist/node/pixelpipe-mt.cjs', 'dist/node/pixelpipe-st.cjs', 'dist/node/package.json',
    'dist/web/pixelpipe-mt.mjs', 'dist/web/pixelpipe-mt.wasm', 'dist/web/pixelpipe-mt.worker.js', 'dist/web/pixelpipe-st.mjs',
    'dist/web/pixelpipe-st.wasm', 'dist/web/pixelpipe-mt.deferred.wasm', 'dist/web/pixelpipe-st.deferred.wasm',
    'dist/fonts/DejaVuSans.ttf']) {
    assert.ok(packed.includes(file), `${file} is packed`);
  }
  assert.deepEqual(packed.filter((f) => /^(tests|src|halide_generators|scripts|bench)\//.test(f)), []);
  assert.match(sh(path.join(app, 'node_modules', '.bin', 'pixelpipe'), ['--help'], app), /pixelpipe variations <image>/);
});

test('Node: the "node" entry runs every example on the threaded build', () => {
  nodeRun = JSON.parse(sh(process.execPath, ['node-run.mjs', path.join(app, 'input.png')], app, 120_000));
  assert.equal(nodeRun.engine.build, 'mt');
  assert.deepEqual(Object.keys(nodeRun.results).sort(), [
    'analyzeImage', 'applyColorTransformations', 'createComposite', 'generateAndApplyPalette.colors',
    'generateAndApplyPalette.images', 'generateVariations.blurred', 'generateVariations.grayscale',
    'generateVariations.thumbnail', 'processForExport']);
  console.log(`# node: ${JSON.stringify(nodeRun.engine)}`);
});

test('zero-config vite build: copies both builds as assets, bundles neither glue', () => {
  sh(process.execPath, [path.join('node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], app);
  const assets = readdirSync(path.join(app, 'dist', 'assets'));
  for (const re of [/^pixelpipe-mt-.+\.wasm$/, /^pixelpipe-st-.+\.wasm$/, /^pixelpipe-mt-.+\.mjs$/, /^pixelpipe-st-.+\.mjs$/, /^pixelpipe-mt\.worker-.+\.js$/,
    /^pixelpipe-mt\.deferred-.+\.wasm$/, /^pixelpipe-st\.deferred-.+\.wasm$/]) {
    assert.ok(assets.some((a) => re.test(a)), `${re} among ${assets}`);
  }
  // The glue (emscripten's factory, EXPORT_NAME createPixelpipe) stays in its own asset: the
  // page's and the worker's bundles must not contain either build's copy.
  for (const bundle of assets.filter((a) => /^(index|worker-entry)-.+\.js$/.test(a))) {
    assert.equal(readFileSync(path.join(app, 'dist', 'assets', bundle), 'utf8').includes('createPixelpipe'), false, bundle);
  }
});

test('Vite app in Chromium, cross-origin isolated: mt', async () => {
  const url = await serve(path.join(app, 'dist'), { isolated: true });
  checkRun('chromium vite isolated', await runInChromium(url, PAGE_TIMEOUT_MS), 'mt');
});

test('Vite app in Chromium, not isolated: st, and the mt files are never downloaded', async () => {
  const url = await serve(path.join(app, 'dist'), { isolated: false });
  const run = await runInChromium(url, PAGE_TIMEOUT_MS);
  checkRun('chromium vite plain', run, 'st');
  assert.match(run.result.engine.reason, /not cross-origin isolated/);
  assert.deepEqual(run.requests.filter((u) => u.includes('pixelpipe-mt')), []);
  assert.ok(run.requests.some((u) => /pixelpipe-st-.+\.wasm$/.test(u)), 'the st wasm was fetched');
});

// README "Quick start: Vite": the dev server needs only COOP/COEP in server.headers (no
// optimizeDeps exclusion, no worker format). This is that configuration, passed inline so the
// zero-config build above stays zero-config; Vite's dep optimizer pre-bundles the package as it
// would for any user. (Before js/wasm/engine-web.js marked the pthread script as a classic worker,
// the dev server prepended an import to it and the mt engine failed to start.)
const COOP_COEP = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

test('Vite dev server (createServer, COOP/COEP in server.headers) in Chromium: mt', async () => {
  const { createServer } = await import(pathToFileURL(path.join(app, 'node_modules', 'vite', 'dist', 'node', 'index.js')).href);
  const server = await createServer({
    root: app, configFile: false, logLevel: 'warn', clearScreen: false,
    server: { host: '127.0.0.1', port: 0, headers: COOP_COEP },
  });
  try {
    await server.listen();
    const url = server.resolvedUrls.local[0];
    const run = await runInChromium(url, PAGE_TIMEOUT_MS);
    checkRun('chromium vite dev server', run, 'mt');
    // the dev server's page (its client is injected only in dev), not the build
    assert.ok(run.requests.some((u) => u.endsWith('/@vite/client')), 'the page came from the dev server');
  } finally {
    await server.close();
  }
});

test('plain ESM page with an import map in Chromium: mt', async () => {
  const url = await serve(app, { isolated: true, page: 'esm.html' });
  checkRun('chromium esm', await runInChromium(url, PAGE_TIMEOUT_MS), 'mt');
});

test(`strict CSP (${CSP}) in Chromium: mt, no violation`, async () => {
  const url = await serve(path.join(app, 'dist'), { isolated: true, headers: { 'Content-Security-Policy': CSP } });
  checkRun('chromium csp', await runInChromium(url, PAGE_TIMEOUT_MS), 'mt');
});

test('Firefox (firefox-esr over WebDriver BiDi), cross-origin isolated', async () => {
  assert.deepEqual(missingBrowser('firefox'), [], 'install firefox-esr (scripts/setup.mjs)');
  const url = await serve(path.join(app, 'dist'), { isolated: true });
  checkRun('firefox vite isolated', await runInFirefox(url, PAGE_TIMEOUT_MS), 'mt');
});

test('WebKit (MiniBrowser over WebDriver), cross-origin isolated', async () => {
  assert.deepEqual(missingBrowser('webkit'), [], 'install webkit2gtk-driver and xvfb (scripts/setup.mjs)');
  const url = await serve(path.join(app, 'dist'), { isolated: true });
  const run = await runInWebKit(url, PAGE_TIMEOUT_MS);
  // WebKitGTK 2.50 here has no SharedArrayBuffer even when isolated (toolchain.md §11): st.
  checkRun('webkit vite isolated', run, run.result?.engine?.reason ? 'st' : 'mt');
  assert.ok(run.result.engine.workers <= Math.max(1, Math.floor(run.result.engine.cores / 2)), 'workers capped');
});

// The README's other way in, the plain ESM page with an import map, in the other two engines too.
test('plain ESM page with an import map in Firefox and WebKit', async () => {
  assert.deepEqual([...missingBrowser('firefox'), ...missingBrowser('webkit')], [], 'install firefox-esr, webkit2gtk-driver and xvfb (scripts/setup.mjs)');
  const url = await serve(app, { isolated: true, page: 'esm.html' });
  checkRun('firefox esm', await runInFirefox(url, PAGE_TIMEOUT_MS), 'mt');
  const run = await runInWebKit(url, PAGE_TIMEOUT_MS);
  checkRun('webkit esm', run, run.result?.engine?.reason ? 'st' : 'mt');
});
