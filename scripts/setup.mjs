#!/usr/bin/env node
// setup.mjs: installs what the build and the tests need, only when it is missing, so that
// `npm start` and `npm test` work on a fresh Debian 12 machine that has only Node and npm.
// Uses Node built-ins only: it runs before `npm ci`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Debian package → a file that proves it is installed.
const DEBIAN_PACKAGES = {
  emscripten: '/usr/bin/em++',
  'libhalide14-0-dev': '/usr/include/halide14/Halide.h',
  'libstb-dev': '/usr/include/stb/stb_image_write.h',
  cmake: '/usr/bin/cmake',
  'ninja-build': '/usr/bin/ninja',
  'g++': '/usr/bin/g++',
  chromium: '/usr/bin/chromium',
  python3: '/usr/bin/python3',
  'python3-pil': '/usr/lib/python3/dist-packages/PIL/__init__.py',
  'python3-numpy': '/usr/lib/python3/dist-packages/numpy/__init__.py',
  'python3-opencv': '/usr/lib/python3/dist-packages/cv2/__init__.py',
  'python3-skimage': '/usr/lib/python3/dist-packages/skimage/__init__.py',
};

function log(msg) { console.log(`[setup] ${msg}`); }

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with exit code ${r.status}`);
}

function installDebianPackages() {
  const missing = Object.entries(DEBIAN_PACKAGES).filter(([, file]) => !existsSync(file)).map(([pkg]) => pkg);
  if (missing.length === 0) return;
  log(`installing Debian packages: ${missing.join(' ')}`);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = isRoot ? [] : ['sudo'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (...args) => run(sudo[0] ?? 'apt-get', sudo.length ? ['apt-get', ...args] : args, { env });
  apt('update', '-qq');
  apt('install', '-y', '-qq', ...missing);
}

function installNpmPackages() {
  const lock = path.join(root, 'package-lock.json');
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) {
    // npm writes node_modules/.package-lock.json on install; same packages → nothing to do.
    const want = JSON.parse(readFileSync(lock, 'utf8')).packages ?? {};
    const have = JSON.parse(readFileSync(installed, 'utf8')).packages ?? {};
    const same = Object.keys(want).filter((k) => k !== '').every((k) => have[k]?.version === want[k].version);
    if (same) return;
  }
  log('npm ci');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

try {
  installDebianPackages();
  installNpmPackages();
  // em++ runs Debian's acorn-based optimiser through node and needs Debian's node modules.
  execFileSync('/usr/bin/em++', ['--version'], { stdio: 'ignore', env: { ...process.env, NODE_PATH: '/usr/share/nodejs' } });
} catch (err) {
  console.error(`[setup] ${err.message}`);
  process.exit(1);
}
