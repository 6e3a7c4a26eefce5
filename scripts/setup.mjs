#!/usr/bin/env node
// setup.mjs: installs what the build and the tests need, only when it is missing, so that
// `npm start` and `npm test` work on a fresh Debian 12 machine that has only Node and npm.
// Uses Node built-ins only: it runs before `npm ci`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Debian packages the build and the tests need (python3-* are the tests' independent oracles).
const DEBIAN_PACKAGES = ['emscripten', 'libhalide14-0-dev', 'libstb-dev', 'cmake', 'ninja-build', 'g++', 'chromium',
  'python3', 'python3-pil', 'python3-numpy', 'python3-opencv', 'python3-skimage'];

function log(msg) { console.log(`[setup] ${msg}`); }

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with exit code ${r.status}`);
}

function debianPackageInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

function installDebianPackages() {
  const missing = DEBIAN_PACKAGES.filter((pkg) => !debianPackageInstalled(pkg));
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
  installNpmPackages();
  // em++ runs Debian's acorn-based optimiser through node and needs Debian's node modules.
  execFileSync('/usr/bin/em++', ['--version'], { stdio: 'ignore', env: { ...process.env, NODE_PATH: '/usr/share/nodejs' } });
} catch (err) {
  console.error(`[setup] ${err.message}`);
  process.exit(1);
}
