#!/usr/bin/env node
// build.mjs: host build (generators, native library, tests) → two emscripten builds (mt, st)
// → dist/{web,node}. Skips everything when no build input changed since the last success.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const build = path.join(root, 'build');
const dist = path.join(root, 'dist');
const INPUTS = ['package.json', 'CMakeLists.txt', 'cmake', 'halide_generators', 'src', 'tests/cpp', 'tests/oracle', 'scripts/build.mjs',
  'scripts/split-wasm.mjs', 'scripts/lib/wasm-names.mjs'];
// Each build in each flavour: glue, core and deferred wasm (scripts/split-wasm.mjs), mt's pthread script.
const OUTPUTS = [...['web', 'node'].flatMap((env) => ['mt', 'st'].flatMap((b) => [
  `${env}/pixelpipe-${b}.${env === 'web' ? 'mjs' : 'cjs'}`, `${env}/pixelpipe-${b}.wasm`, `${env}/pixelpipe-${b}.deferred.wasm`,
  ...(b === 'mt' ? [`${env}/pixelpipe-mt.worker.js`] : [])])), 'node/package.json', 'fonts/DejaVuSans.ttf'];
// createComposite's default text font (Debian fonts-dejavu-core; DejaVu fonts licence), shipped
// beside the builds and fetched only when a text layer has no font of its own.
const DEFAULT_FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const env = { ...process.env, NODE_PATH: '/usr/share/nodejs' };
const jobs = process.env.PIXELPIPE_JOBS ?? '2';

function log(msg) { console.log(`[build] ${msg}`); }

function run(cmd, args) {
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, env });
  if (r.status !== 0) {
    console.error(`[build] failed: ${cmd} ${args.join(' ')}`);
    process.exit(r.status ?? 1);
  }
  return Date.now() - t0;
}

function hashInputs() {
  const h = createHash('sha256');
  const visit = (rel) => {
    const abs = path.join(root, rel);
    if (!existsSync(abs)) return;
    if (statSync(abs).isDirectory()) {
      for (const name of readdirSync(abs).sort()) {
        if (name !== '__pycache__') visit(path.join(rel, name));
      }
    } else {
      h.update(rel).update('\0').update(readFileSync(abs)).update('\0');
    }
  };
  INPUTS.forEach(visit);
  return h.digest('hex');
}

// Generated JS data (git-ignored copies of Debian packages' data): the colour-name lexicon.
run('node', ['scripts/gen-palette-lexicon.mjs']);

const stampFile = path.join(build, 'inputs.sha256');
const digest = hashInputs();
const upToDate = existsSync(stampFile) && readFileSync(stampFile, 'utf8') === digest &&
  OUTPUTS.every((f) => existsSync(path.join(dist, f))) && existsSync(path.join(build, 'host/src/pixelpipe_native'));
if (upToDate && !process.argv.includes('--force')) {
  log('up to date (no build input changed)');
  process.exit(0);
}

const t0 = Date.now();
const host = path.join(build, 'host');
run('cmake', ['-S', root, '-B', host, '-G', 'Ninja', '-DCMAKE_BUILD_TYPE=Release', '-Wno-dev']);
run('cmake', ['--build', host, '-j', jobs]);

for (const variant of ['mt', 'st']) {
  const dir = path.join(build, `wasm-${variant}`);
  run('emcmake', ['cmake', '-S', root, '-B', dir, '-G', 'Ninja', '-DCMAKE_BUILD_TYPE=Release', '-Wno-dev',
    `-DPIXELPIPE_THREADS=${variant === 'mt' ? 'ON' : 'OFF'}`,
    `-Dpixelpipe-halide_generators_ROOT=${host}`,
    // emcmake confines find_package to its sysroot: point it at Debian's HalideHelpers.
    '-DHalideHelpers_DIR=/usr/lib/x86_64-linux-gnu/cmake/HalideHelpers14']);
  run('cmake', ['--build', dir, '-j', jobs]);
  for (const envName of ['web', 'node']) {
    mkdirSync(path.join(dist, envName), { recursive: true });
    cpSync(path.join(dir, 'dist', envName), path.join(dist, envName), { recursive: true });
  }
}
// The package is "type": "module"; Node must treat the emscripten CommonJS output (and its
// .worker.js) as CommonJS.
writeFileSync(path.join(dist, 'node', 'package.json'), '{ "type": "commonjs" }\n');
mkdirSync(path.join(dist, 'fonts'), { recursive: true });
cpSync(DEFAULT_FONT, path.join(dist, 'fonts', 'DejaVuSans.ttf'));
writeFileSync(stampFile, digest);
log(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
