#!/usr/bin/env node
// run-tests.mjs: runs every suite (ctest, Jest, Playwright) even when one fails, then prints one
// closing line over all of them: "N passed, N failed". Usage: run-tests.mjs [cpp|jest|fuzz|browser|package ...]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, 'test-results');
mkdirSync(results, { recursive: true });
const selected = process.argv.slice(2);
const want = (name) => selected.length === 0 || selected.includes(name);

function run(cmd, args, extraEnv = {}) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], cwd: root, env: { ...process.env, ...extraEnv }, encoding: 'utf8', maxBuffer: 64 << 20 });
  process.stdout.write(r.stdout ?? '');
  return { status: r.status, stdout: r.stdout ?? '' };
}

function readJson(file) {
  try { return JSON.parse(readFileSync(file, 'utf8')); } catch { return null; }
}

const suites = [];

if (want('cpp')) {
  // ctest's own summary: "100% tests passed, 0 tests failed out of 12"
  const { status, stdout } = run('ctest', ['--test-dir', 'build/host', '--output-on-failure', '-j', '2']);
  const m = /tests passed, (\d+) tests? failed out of (\d+)/.exec(stdout);
  const failed = m ? Number(m[1]) : 1;
  const total = m ? Number(m[2]) : 1;
  suites.push({ name: 'ctest', passed: total - failed, failed: status === 0 ? failed : Math.max(failed, 1) });
}

if (want('jest')) {
  const out = path.join(results, 'jest.json');
  rmSync(out, { force: true });
  const { status } = run('node', ['node_modules/jest/bin/jest.js', '--json', `--outputFile=${out}`],
    { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules`.trim() });
  const j = readJson(out);
  const passed = j?.numPassedTests ?? 0;
  const failed = (j?.numFailedTests ?? 0) + (j?.numRuntimeErrorTestSuites ?? 0);
  suites.push({ name: 'jest', passed, failed: status === 0 ? failed : Math.max(failed, 1) });
}

if (want('fuzz')) {
  // libFuzzer + ASan + UBSan (tests/fuzz): the five npm-test targets, 20 s each, after replaying
  // every checked-in reproducer. One result per target.
  const out = path.join(results, 'fuzz.json');
  rmSync(out, { force: true });
  const { status } = run('node', ['scripts/fuzz.mjs', '--group', 'test', '--seconds', '20', '--json', out]);
  const j = readJson(out) ?? [];
  const failed = j.filter((t) => t.finding || t.regressionFailures.length).length;
  suites.push({ name: 'fuzz', passed: j.length - failed, failed: status === 0 ? failed : Math.max(failed, 1) });
}

if (want('browser')) {
  const out = path.join(results, 'playwright.json');
  rmSync(out, { force: true });
  const { status } = run('node', ['node_modules/@playwright/test/cli.js', 'test', '-c', 'tests/browser/playwright.config.js'],
    { PLAYWRIGHT_JSON_OUTPUT_NAME: out });
  const j = readJson(out);
  const passed = j?.stats?.expected ?? 0;
  const failed = (j?.stats?.unexpected ?? 0) + (j?.stats?.flaky ?? 0);
  suites.push({ name: 'playwright', passed, failed: status === 0 ? failed : Math.max(failed, 1) });
}

if (want('package')) {
  // tests/package: the packed tarball in Node, a Vite app, a plain ESM page, strict CSP, and
  // Chromium, Firefox, WebKit (node:test; TAP ends with "# pass N" / "# fail N").
  const { status, stdout } = run('node', ['--test', '--test-concurrency=1', '--test-reporter=tap', 'tests/package/']);
  const count = (key) => Number(new RegExp(`^# ${key} (\\d+)$`, 'm').exec(stdout)?.[1] ?? 0);
  const failed = count('fail') + count('cancelled');
  suites.push({ name: 'package', passed: count('pass'), failed: status === 0 ? failed : Math.max(failed, 1) });
}

for (const s of suites) console.log(`[tests] ${s.name}: ${s.passed} passed, ${s.failed} failed`);
const passed = suites.reduce((a, s) => a + s.passed, 0);
const failed = suites.reduce((a, s) => a + s.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
// A run that executed no test is a failure, not a pass.
process.exit(failed === 0 && passed > 0 ? 0 : 1);
