#!/usr/bin/env node
// setup.mjs: installs what the build and the tests need, only when it is missing, so that
// `npm start` and `npm test` work on a fresh Debian 12 machine that has only Node and npm.
// Uses Node built-ins only: it runs before `npm ci`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Debian packages the build and the tests need (python3-* are the tests' independent oracles;
// binaryen's wasm-split, an emscripten dependency, is also called by scripts/split-wasm.mjs).
const DEBIAN_PACKAGES = ['emscripten', 'binaryen', 'libhalide14-0-dev', 'libstb-dev', 'cmake', 'ninja-build', 'g++', 'chromium',
  'dpkg-dev', 'python3', 'python3-pil', 'python3-numpy', 'python3-opencv', 'python3-skimage',
  // the native CLI reads JSON requests (composite); the default text font (DejaVu Sans, shipped
  // as dist/fonts/ and loaded only when a text layer needs it)
  'nlohmann-json3-dev', 'fonts-dejavu-core',
  // the colour-name lexicon (CSS named colours + the XKCD survey) is generated from its data
  'python3-matplotlib',
  // the package tests' other two engines: Firefox (over WebDriver BiDi) and WebKit (WebKitGTK's
  // WebKitWebDriver + MiniBrowser, which needs an X server: xvfb-run)
  'firefox-esr', 'webkit2gtk-driver', 'xvfb',
  // the fuzz targets (tests/fuzz, scripts/fuzz.mjs): clang with libFuzzer, ASan and UBSan
  'clang', 'libclang-rt-14-dev',
  // ICC profiles the colour-management tests convert with (Adobe RGB, e-sRGB, gray, CMYK: AGPL data, test use only)
  'libgs-common',
  // a font that kerns only through GPOS (Nimbus Sans), for the kerning tests
  'fonts-urw-base35',
  // ExifTool: the independent reader (and writer) of JPEG extended XMP in
  // tests/integration/export-extended-xmp.test.js
  'libimage-exiftool-perl'];

function log(msg) { console.log(`[setup] ${msg}`); }

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with exit code ${r.status}`);
}

function debianPackageInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

function sudoRun(cmd, args, opts = {}) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  return isRoot ? run(cmd, args, { env, ...opts }) : run('sudo', [cmd, ...args], { env, ...opts });
}

function installDebianPackages() {
  const missing = DEBIAN_PACKAGES.filter((pkg) => !debianPackageInstalled(pkg));
  if (missing.length === 0) return;
  log(`installing Debian packages: ${missing.join(' ')}`);
  sudoRun('apt-get', ['update', '-qq']);
  sudoRun('apt-get', ['install', '-y', '-qq', ...missing]);
}

// The codec sources (libdeflate, libjpeg-turbo, libwebp, lcms2) at the versions pinned in
// cmake/debian_source.cmake, downloaded once into build/debian-src (the module unpacks them).
function fetchDebianSources() {
  const module = readFileSync(path.join(root, 'cmake', 'debian_source.cmake'), 'utf8');
  const block = module.match(/set\(PIXELPIPE_DEBIAN_SOURCES([^)]*)\)/)[1];
  const pins = [...block.matchAll(/"([a-z0-9.+-]+)=([^"]+)"/g)].map((m) => ({ pkg: m[1], version: m[2] }));
  const cache = path.join(root, 'build', 'debian-src');
  const dsc = ({ pkg, version }) => path.join(cache, `${pkg}_${version.replace(/^\d+:/, '')}.dsc`);
  const missing = pins.filter((p) => !existsSync(dsc(p)));
  if (missing.length === 0) return;
  const srcList = '/etc/apt/sources.list.d/debian-src.sources';
  if (!existsSync(srcList)) {
    // deb-src twin of Debian 12's deb822 sources file (same mirrors, suites, keys).
    const deb = readFileSync('/etc/apt/sources.list.d/debian.sources', 'utf8');
    log(`enabling deb-src in ${srcList}`);
    const tmp = path.join(root, 'build', 'debian-src.sources');
    mkdirSync(path.dirname(tmp), { recursive: true });
    writeFileSync(tmp, deb.replace(/^Types: deb$/gm, 'Types: deb-src'));
    sudoRun('cp', [tmp, srcList]);
    sudoRun('apt-get', ['update', '-qq']);
  }
  mkdirSync(cache, { recursive: true });
  log(`apt-get source --download-only ${missing.map((p) => `${p.pkg}=${p.version}`).join(' ')}`);
  run('apt-get', ['source', '--download-only', '-qq', ...missing.map((p) => `${p.pkg}=${p.version}`)], { cwd: cache });
}

function installNpmPackages() {
  const lock = path.join(root, 'package-lock.json');
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) {
    // npm writes node_modules/.package-lock.json on install; same packages → nothing to do.
    // Optional packages for other platforms are in the lock but never installed.
    const want = JSON.parse(readFileSync(lock, 'utf8')).packages ?? {};
    const have = JSON.parse(readFileSync(installed, 'utf8')).packages ?? {};
    const same = Object.keys(want).filter((k) => k !== '' && !want[k].optional)
      .every((k) => have[k]?.version === want[k].version);
    if (same) return;
  }
  // The lock lists every platform's optional bindings (jest's @unrs/resolver-binding-*), so
  // `npm ci` accepts it on a fresh machine.
  log('npm ci (locked versions)');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

try {
  installDebianPackages();
  fetchDebianSources();
  installNpmPackages();
  // em++ runs Debian's acorn-based optimiser through node and needs Debian's node modules.
  execFileSync('/usr/bin/em++', ['--version'], { stdio: 'ignore', env: { ...process.env, NODE_PATH: '/usr/share/nodejs' } });
} catch (err) {
  console.error(`[setup] ${err.message}`);
  process.exit(1);
}
