#!/usr/bin/env node
// fuzz.mjs: builds the libFuzzer targets (tests/fuzz, clang + ASan + UBSan, build/fuzz) and runs
// each for a bounded time. Usage:
//   node scripts/fuzz.mjs [--seconds 60] [--group all|test] [--targets fuzz_decode,fuzz_font]
//                         [--max-len N] [--no-build] [--json test-results/fuzz.json]
// --max-len N: libFuzzer's -max_len, and only seeds of at most N bytes join the corpus (small
// inputs decode faster: more executions per second for the decoders).
// --group test = the five targets `npm test` runs (20 s each, scripts/run-tests.mjs).
// Per target: first every checked-in reproducer under tests/fuzz/regressions/<target>/ is replayed
// (each must pass now that its bug is fixed), then libFuzzer mutates a corpus kept in
// build/fuzz/corpus/<target> (seeded from ../shared/testdata at run time, never committed) with
// the target's dictionary. Crashes, leaks, UBSan reports and timeouts land in
// build/fuzz/findings/<target>/; minimise one with `<binary> -minimize_crash=1 -runs=10000 <file>`.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fuzzDir = path.join(root, 'tests', 'fuzz');
const build = path.join(root, 'build', 'fuzz');
const testdata = process.env.PIXELPIPE_TESTDATA ?? path.resolve(root, '..', 'shared', 'testdata');

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const seconds = Number(opt('seconds', 60));
const group = opt('group', 'all');
const jsonOut = opt('json', null);
const maxLen = opt('max-len', null) === null ? null : Number(opt('max-len'));

// The npm-test group: the sniffing decoder, the engine entry point, fonts, ICC and EXIF.
const TEST_GROUP = ['fuzz_decode', 'fuzz_variations', 'fuzz_font', 'fuzz_icc', 'fuzz_exif'];

// Seeds and dictionary per target. Structured targets (engine, encoders) start from an empty
// corpus: their bytes are a FuzzedDataProvider stream, not a file format.
const ext = (...e) => (f) => e.includes(path.extname(f).toLowerCase());
const IMAGE_DIRS = ['formats', 'malformed', 'pngsuite'];
const TARGETS = {
  fuzz_decode: { seeds: [IMAGE_DIRS, () => true], dicts: ['jpeg', 'png', 'gif', 'webp', 'stb'] },
  fuzz_decode_jpeg: { seeds: [IMAGE_DIRS, ext('.jpg', '.jpeg')], dicts: ['jpeg', 'exif'] },
  fuzz_decode_png: { seeds: [IMAGE_DIRS, ext('.png')], dicts: ['png'] },
  fuzz_decode_gif: { seeds: [IMAGE_DIRS, ext('.gif')], dicts: ['gif'] },
  fuzz_decode_webp: { seeds: [IMAGE_DIRS, ext('.webp')], dicts: ['webp'] },
  fuzz_decode_stb: { seeds: [IMAGE_DIRS, ext('.bmp', '.psd', '.pgm', '.ppm', '.pnm', '.hdr', '.tga')], dicts: ['stb'] },
  fuzz_exif: { seeds: [IMAGE_DIRS, ext('.jpg', '.jpeg')], dicts: ['exif'] },
  fuzz_icc: { seeds: 'icc', dicts: ['icc'] },
  fuzz_font: { seeds: 'fonts', dicts: ['font'] },
  fuzz_variations: { dicts: ['steps'] },
  fuzz_analyze: {},
  fuzz_composite: { dicts: ['steps'] },
  fuzz_palette: {},
  fuzz_encode: { dicts: ['steps'] },
  fuzz_svg_trace: {},
  fuzz_xmp: { seeds: [IMAGE_DIRS, ext('.jpg', '.jpeg')], dicts: ['xmp'] },
};
// Seeds bigger than this only slow every mutation down (libFuzzer's -max_len follows the seeds).
const MAX_SEED_BYTES = Math.min(256 * 1024, maxLen ?? Infinity);

function sh(cmd, cmdArgs, options = {}) {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, encoding: 'utf8', maxBuffer: 256 << 20, ...options });
  if (r.error) throw r.error;
  return r;
}

function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(path.join(dir, d.name)) : [path.join(dir, d.name)]);
}

// The ICC profiles inside the test JPEGs (APP2 "ICC_PROFILE" chunk 1) plus Debian's ghostscript
// profiles: the bytes fuzz_icc wraps into a segment itself.
function iccSeeds() {
  const out = walk('/usr/share/color/icc').filter(ext('.icc'));
  for (const file of IMAGE_DIRS.flatMap((d) => walk(path.join(testdata, d))).filter(ext('.jpg', '.jpeg'))) {
    const b = readFileSync(file);
    for (let p = 2; p + 4 <= b.length && b[p] === 0xff && b[p + 1] !== 0xda;) {
      const len = b.readUInt16BE(p + 2);
      if (b[p + 1] === 0xe2 && b.subarray(p + 4, p + 16).toString('latin1') === 'ICC_PROFILE\0') {
        out.push({ name: `${path.basename(file)}.icc`, bytes: b.subarray(p + 18, p + 2 + len) });
      }
      p += 2 + len;
    }
  }
  return out;
}

function seedFiles(spec) {
  if (!spec.seeds) return [];
  if (spec.seeds === 'icc') return iccSeeds();
  if (spec.seeds === 'fonts') return walk('/usr/share/fonts/truetype').filter(ext('.ttf', '.otf'));
  const [dirs, keep] = spec.seeds;
  return dirs.flatMap((d) => walk(path.join(testdata, d))).filter(keep);
}

function prepareCorpus(name, spec) {
  const dir = path.join(build, 'corpus', name);
  mkdirSync(dir, { recursive: true });
  for (const seed of seedFiles(spec)) {
    const dest = path.join(dir, `seed-${typeof seed === 'string' ? path.basename(seed) : seed.name}`);
    if (existsSync(dest)) continue;
    if (typeof seed === 'string') {
      if (statSync(seed).size <= MAX_SEED_BYTES) copyFileSync(seed, dest);
    } else if (seed.bytes.length > 0 && seed.bytes.length <= MAX_SEED_BYTES) {
      writeFileSync(dest, seed.bytes);
    }
  }
  return dir;
}

// Dictionaries: the committed ones, plus `steps` generated from the catalogue table that C++
// compiles (op ids, format names, parameter keys), so it can never drift from the catalogue.
function dictionary(name, spec) {
  if (!spec.dicts) return null;
  const lines = [];
  for (const d of spec.dicts) {
    if (d === 'steps') {
      const inc = readFileSync(path.join(root, 'src', 'ops', 'catalogue_defaults.generated.inc'), 'utf8');
      const words = new Set();
      for (const m of inc.matchAll(/^\{"([^"]+)", "([^"]+)", [^,]+, "([^"]*)"\}/gm)) {
        words.add(m[1]); words.add(m[2]); if (m[3]) words.add(m[3]);
      }
      lines.push(...[...words].map((w) => `"${w}"`));
    } else {
      lines.push(...readFileSync(path.join(fuzzDir, 'dict', `${d}.dict`), 'utf8').split('\n')
        .filter((l) => l && !l.startsWith('#')).map((l) => l.replace(/^[a-z0-9_]+=/, '')));
    }
  }
  const file = path.join(build, 'dict', `${name}.dict`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

function buildTargets() {
  const host = path.join(root, 'build', 'host');
  if (!existsSync(path.join(host, 'halide_generators', 'pixelpipe_halide_libraries.txt'))) {
    console.log('[fuzz] building the host tree first (its Halide pipelines are linked into the fuzzers)');
    let r = sh('cmake', ['-S', '.', '-B', host, '-G', 'Ninja', '-DCMAKE_BUILD_TYPE=Release', '-Wno-dev'], { stdio: 'inherit' });
    if (r.status === 0) r = sh('cmake', ['--build', host, '--target', 'pixelpipe_core'], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(1);
  }
  const t0 = Date.now();
  let r = sh('cmake', ['-S', fuzzDir, '-B', build, '-G', 'Ninja', '-DCMAKE_C_COMPILER=clang', '-DCMAKE_CXX_COMPILER=clang++',
    '-Wno-dev'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status === 0) r = sh('cmake', ['--build', build], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(1);
  console.log(`[fuzz] build ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

// libFuzzer's final stats: "stat::number_of_executed_units: 12345".
const stat = (text, key) => Number(new RegExp(`stat::${key}:\\s+(\\d+)`).exec(text)?.[1] ?? 0);

function runTarget(name, spec) {
  const binary = path.join(build, name);
  const result = { name, regressions: 0, regressionFailures: [], executions: 0, seconds, finding: null };
  // 1. Replay the reproducers of earlier findings.
  const regressions = walk(path.join(fuzzDir, 'regressions', name));
  for (const file of regressions) {
    const r = sh(binary, ['-rss_limit_mb=2048', '-malloc_limit_mb=512', file]);
    result.regressions += 1;
    if (r.status !== 0) result.regressionFailures.push(`${path.relative(root, file)}\n${r.stderr.slice(-3000)}`);
  }
  // 2. Fuzz. -malloc_limit_mb: see fuzz_common.h's fuzz_limits (no legal allocation comes near it).
  const findings = path.join(build, 'findings', name);
  mkdirSync(findings, { recursive: true });
  const dict = dictionary(name, spec);
  const flags = [`-max_total_time=${seconds}`, '-rss_limit_mb=2048', '-malloc_limit_mb=512', '-timeout=20',
    '-print_final_stats=1', `-artifact_prefix=${findings}/`, ...(dict ? [`-dict=${dict}`] : []), ...(maxLen ? [`-max_len=${maxLen}`] : [])];
  const r = sh(binary, [...flags, prepareCorpus(name, spec)], { timeout: (seconds + 120) * 1000 });
  result.executions = stat(r.stderr, 'number_of_executed_units');
  if (r.status !== 0) {
    const artifact = /Test unit written to (\S+)/.exec(r.stderr)?.[1] ?? '(no artifact)';
    const summary = /SUMMARY: .*|ERROR: libFuzzer: .*|runtime error: .*|untyped or unexplained error: .*/.exec(r.stderr)?.[0] ?? `exit ${r.status}`;
    result.finding = { artifact, summary, log: r.stderr.slice(-6000) };
  }
  return result;
}

if (!args.includes('--no-build')) buildTargets();
const chosen = opt('targets', null)?.split(',') ?? (group === 'test' ? TEST_GROUP : Object.keys(TARGETS));
const results = [];
for (const name of chosen) {
  if (!TARGETS[name]) { console.error(`[fuzz] unknown target ${name}`); process.exit(2); }
  const r = runTarget(name, TARGETS[name]);
  results.push(r);
  const status = r.finding || r.regressionFailures.length ? 'FAIL' : 'ok';
  console.log(`[fuzz] ${name}: ${status}, ${r.executions} executions in ${seconds} s (${Math.round(r.executions / seconds)}/s), `
    + `${r.regressions} regression inputs replayed`);
  for (const f of r.regressionFailures) console.log(`[fuzz]   regression fails again: ${f}`);
  if (r.finding) console.log(`[fuzz]   finding: ${r.finding.summary}\n[fuzz]   input: ${r.finding.artifact}\n${r.finding.log}`);
}
if (jsonOut) writeFileSync(path.resolve(root, jsonOut), JSON.stringify(results, null, 2));
const failed = results.filter((r) => r.finding || r.regressionFailures.length).length;
console.log(`[fuzz] ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
