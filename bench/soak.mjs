// soak.mjs: 1,000 mixed calls through one service in Node (real workers, real wasm), printing the
// module memory of every worker (memoryStats().heapBytes and storedImageBytes via stats()) at the
// start, after 10 calls and at the end. The heap must not grow after the first few calls.
//   node bench/soak.mjs [--calls 1000] [--build mt|st] [--workers N] [--no-timeouts]
// (each timed-out call replaces its worker; --no-timeouts keeps one worker for the whole run)
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ImageProcessingService } from '../js/index.js';

const { values } = parseArgs({ options: { calls: { type: 'string', default: '1000' }, build: { type: 'string', default: 'auto' }, workers: { type: 'string' }, 'no-timeouts': { type: 'boolean', default: false } } });
const CALLS = Number(values.calls);
const testdata = (rel) => new Uint8Array(readFileSync(fileURLToPath(new URL(`../../shared/testdata/${rel}`, import.meta.url))));

const images = ['photos/kodim23.png', 'photos/kodim04.png', 'photos/harvesters.jpeg', 'photos/camera.png', 'photos/coffee.png'].map(testdata);
const bad = [new TextEncoder().encode('not an image'), images[0].slice(0, 4000)];
const configs = [
  [{ id: 'thumb', type: 'resize', width: 160, height: 160, maintainAspectRatio: true }],
  [{ id: 'gray', type: 'color_transform', transform: 'grayscale', format: 'jpeg', quality: 80 }],
  [{ id: 'blur', type: 'filter', filter: 'gaussian_blur', radius: 3, format: 'raw' }],
  [{ id: 'a', type: 'resize', width: 64 }, { id: 'b', steps: [{ type: 'resize', width: 200 }, { type: 'color_transform', transform: 'grayscale' }] }],
];

const service = await ImageProcessingService.create({ build: values.build, ...(values.workers ? { workers: Number(values.workers) } : {}) });
const caps = await service.capabilities();
const mb = (n) => (n / 2 ** 20).toFixed(1);
async function report(label, done) {
  const s = await service.stats();
  const workers = s.perWorker.map((w) => `#${w.id} heap ${mb(w.memory?.heapBytes ?? 0)} MiB, stored ${w.memory?.storedImages ?? 0} image(s) ${mb(w.memory?.storedImageBytes ?? 0)} MiB`).join('; ');
  console.log(`${label.padEnd(12)} calls ${String(done).padStart(4)}  ${workers}  (started ${s.started}, recycled ${s.recycled}, crashed ${s.crashed})`);
  return s;
}

console.log(`pixelpipe soak: ${CALLS} mixed calls, ${caps.build} build, ${caps.workers} worker(s) × ${caps.threads} thread(s)`);
const start = await report('start', 0);
let ok = 0;
let failed = 0;
let timedOut = 0;
let aborted = 0;
const t0 = performance.now();
let after10;
let peakHeap = 0; // the largest heap any worker reported after any call
for (let i = 0; i < CALLS; i += 1) {
  const kind = i % 20;
  let promise;
  if (kind === 7) promise = service.generateVariations(bad[i % 2], configs[0]); // a bad image
  else if (kind === 13) {
    const c = new AbortController();
    promise = service.generateVariations(images[i % images.length], configs[2], { signal: c.signal });
    c.abort(); // aborted before or while queued
  } else if (kind === 19 && i % 100 === 19 && !values['no-timeouts']) promise = service.generateVariations(images[2], [{ id: 'slow', type: 'filter', filter: 'gaussian_blur', radius: 60 }], { timeoutMs: 1 });
  else promise = service.generateVariations(images[i % images.length], configs[i % configs.length]);
  try {
    await promise;
    ok += 1;
  } catch (error) {
    if (error.code === 'TIMEOUT') timedOut += 1;
    else if (error.code === 'ABORTED') aborted += 1;
    else failed += 1;
  }
  if (i + 1 === 10) after10 = await report('after 10', 10);
  for (const w of (await service.stats()).perWorker) peakHeap = Math.max(peakHeap, w.memory?.heapBytes ?? 0);
}
const seconds = (performance.now() - t0) / 1000;
const end = await report('end', CALLS);
console.log(`results: ${ok} ok, ${failed} typed failures (bad input), ${aborted} aborted, ${timedOut} timed out, in ${seconds.toFixed(1)} s`);
const heap = (s) => s.perWorker.reduce((n, w) => n + (w.memory?.heapBytes ?? 0), 0);
console.log(`total heap: start ${mb(heap(start))} MiB, after 10 ${mb(heap(after10))} MiB, end ${mb(heap(end))} MiB; largest heap of any worker after any call ${mb(peakHeap)} MiB`);
await service.dispose();
