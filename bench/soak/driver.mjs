// SPDX-License-Identifier: MIT
// driver.mjs: one build's soak in Chromium (bench/soak.mjs runs it per build and prints the
// summary; tests/browser/soak.spec.js runs a short one). The inputs are made here, the calls are
// bench/soak/calls.js (in the page), and the checks are defined here, so there is one definition of
// what a passing soak is.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TESTDATA = process.env.PIXELPIPE_TESTDATA || path.resolve(ROOT, '..', 'shared', 'testdata');
export const WARMUP = 0.1; // fraction of the calls before memory is expected to be flat
export const FLAT = 1.1; // last quarter's max ≤ FLAT × first quarter's max
export const mib = (n) => (n / 2 ** 20).toFixed(1);

/** Small inputs (longest side 256-512 px) made with sharp into build/soak-inputs, plus the malformed files. */
export async function prepareInputs() {
  const dir = path.join(ROOT, 'build', 'soak-inputs');
  fs.mkdirSync(path.join(dir, 'malformed'), { recursive: true });
  const photo = (name) => sharp(path.join(TESTDATA, 'photos', name)).rotate();
  const encoded = [
    ['kodim23-384.png', photo('kodim23.png').resize(384).png()],
    ['harvesters-512.jpg', photo('harvesters.jpeg').resize(512, 512, { fit: 'inside' }).jpeg({ quality: 85 })],
    ['ladybird-320.webp', photo('LadyBird.jpg').resize(320).webp({ quality: 80 })],
    ['camera-256.png', photo('camera.png').resize(256)],
  ];
  for (const [file, pipeline] of encoded) {
    if (!fs.existsSync(path.join(dir, file))) await pipeline.toFile(path.join(dir, file));
  }
  const rawFile = 'coffee-300x200.rgba';
  const { data, info } = await photo('coffee.png').resize(300, 200).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  fs.writeFileSync(path.join(dir, rawFile), data);
  const malformed = fs.readdirSync(path.join(TESTDATA, 'malformed')).sort();
  for (const f of malformed) fs.copyFileSync(path.join(TESTDATA, 'malformed', f), path.join(dir, 'malformed', f));
  return {
    encoded: encoded.map(([f]) => f),
    raw: [{ file: rawFile, width: info.width, height: info.height }],
    malformed: malformed.map((f) => `malformed/${f}`),
  };
}

/**
 * The worker that served the most tasks (aborts and timeouts of running calls replace workers, so
 * each lives a few hundred calls): its allocated bytes when first and last sampled, the closest
 * look at one heap over time.
 */
function longestLived(samples) {
  const seen = new Map();
  for (const s of samples) {
    for (const w of s.perWorker) {
      const e = seen.get(w.id) ?? { id: w.id, first: w, last: w };
      e.last = w;
      seen.set(w.id, e);
    }
  }
  const [best] = [...seen.values()].sort((a, b) => b.last.tasks - a.last.tasks);
  return best && { id: best.id, tasks: best.last.tasks, firstTasks: best.first.tasks, firstMallocBytes: best.first.mallocBytes, lastMallocBytes: best.last.mallocBytes };
}

/** The largest value of the first and of the last quarter of the samples after the warm-up. */
function flatness(samples, calls, value) {
  const after = samples.filter((s) => s.calls > calls * WARMUP);
  const q = Math.max(1, Math.floor(after.length / 4));
  const first = Math.max(...after.slice(0, q).map(value));
  const last = Math.max(...after.slice(-q).map(value));
  return { first, last, ratio: last / first, flat: first > 0 && last <= FLAT * first };
}

/**
 * Soaks one build: `calls` calls on a fresh page of `origin` (which serves the repo root), sampled
 * every `every`; resolves with the samples, the outcome counts, the unexpected answers and the
 * checks (see soak.mjs). `log` receives the progress table's lines.
 */
export async function soakBuild(browser, { build, origin, manifest, calls: CALLS, every: EVERY = 250, concurrency = 4, seed = 1, log = () => {} }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const cdp = await context.newCDPSession(page);
  await page.goto(`${origin}bench/soak/page.html`);
  await page.waitForFunction(() => window.soak);
  const info = await page.evaluate((a) => window.soak.init(a), { manifest, build, seed });
  log(`\n${build}: ${info.build} build, ${info.workers} worker(s) × ${info.threads} thread(s), crossOriginIsolated ${info.isolated}`);
  log('  calls  wasm MiB size/allocated  JS heap MiB  workers page/pool/CDP  started  recycled  timedOut  aborted  URLs  s');
  const samples = [];
  const outcomes = {};
  const unexpected = [];
  const t0 = Date.now();
  const sample = async (calls) => {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const { stats, page: counters } = await page.evaluate(() => window.soak.sample());
    const wasm = stats.perWorker.map((w) => w.memory?.heapBytes ?? 0);
    const allocated = stats.perWorker.map((w) => w.memory?.mallocBytes ?? 0);
    const s = {
      calls, seconds: (Date.now() - t0) / 1000, jsHeapBytes: heap.usedSize, wasmBytes: Math.max(0, ...wasm), mallocBytes: Math.max(0, ...allocated),
      perWorker: stats.perWorker.map((w) => ({ id: w.id, tasks: w.tasks, heapBytes: w.memory?.heapBytes ?? 0, mallocBytes: w.memory?.mallocBytes ?? 0 })),
      poolWorkers: stats.workers, pageWorkers: counters.liveWorkers, cdpWorkers: page.workers().length, objectUrls: counters.liveObjectUrls,
      started: stats.started, recycled: stats.recycled, timedOut: stats.timedOut, aborted: stats.aborted, crashed: stats.crashed,
    };
    samples.push(s);
    log(`  ${String(calls).padStart(5)}  ${stats.perWorker.map((w, k) => (w.memory ? `${mib(wasm[k])}/${mib(allocated[k])}` : 'starting')).join(' ').padStart(23)}  ${mib(s.jsHeapBytes).padStart(11)}  `
      + `${`${s.pageWorkers}/${s.poolWorkers}/${s.cdpWorkers}`.padStart(21)}  ${String(s.started).padStart(7)}  ${String(s.recycled).padStart(8)}  `
      + `${String(s.timedOut).padStart(8)}  ${String(s.aborted).padStart(7)}  ${String(s.objectUrls).padStart(4)}  ${s.seconds.toFixed(0)}`);
  };
  await sample(0);
  for (let from = 0; from < CALLS; from += EVERY) {
    const count = Math.min(EVERY, CALLS - from);
    const r = await page.evaluate((a) => window.soak.run(a), { from, count, concurrency });
    for (const [kind, byOutcome] of Object.entries(r.outcomes)) {
      for (const [o, n] of Object.entries(byOutcome)) (outcomes[kind] ??= {})[o] = ((outcomes[kind] ??= {})[o] ?? 0) + n;
    }
    unexpected.push(...r.unexpected);
    await sample(from + count);
  }
  const final = await page.evaluate(() => window.soak.dispose());
  // Terminated workers leave CDP's target list asynchronously.
  const deadline = Date.now() + 10_000;
  while (page.workers().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const after = { pageWorkers: final.liveWorkers, cdpWorkers: page.workers().length, objectUrls: final.liveObjectUrls, ...final };
  await context.close();

  const answered = Object.values(outcomes).reduce((n, o) => n + Object.entries(o).reduce((m, [k, v]) => m + (k === 'unanswered' ? 0 : v), 0), 0);
  const wasm = flatness(samples, CALLS, (s) => s.wasmBytes);
  const malloc = flatness(samples, CALLS, (s) => s.mallocBytes);
  const js = flatness(samples, CALLS, (s) => s.jsHeapBytes);
  const longest = longestLived(samples);
  const checks = {
    everyCallAnswered: answered === CALLS,
    everyAnswerExpected: unexpected.length === 0,
    // The wasm memory SIZE is reported (flatness.wasm) but not judged: it never shrinks inside a
    // worker, so it is the high-water mark of the heaviest call that worker ran, and moves between
    // plateaus as workers are replaced (first soak: 32, ~40, ~47 MiB in both builds). A leak shows
    // in the bytes malloc has handed out and not had back, which is judged.
    wasmAllocatedFlat: malloc.flat,
    jsHeapFlat: js.flat,
    workersMatchPool: samples.every((s) => s.pageWorkers === s.poolWorkers),
    noWorkersAfterDispose: after.pageWorkers === 0 && after.cdpWorkers === 0,
    noObjectUrls: samples.every((s) => s.objectUrls === 0) && after.objectUrls === 0,
    noPageErrors: pageErrors.length === 0,
  };
  return { build, info, seconds: (Date.now() - t0) / 1000, answered, outcomes, unexpected, samples, after, flatness: { wasm, malloc, js }, longest, checks, pageErrors };
}

