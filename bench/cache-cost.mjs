// cache-cost.mjs: the cost of a cache hit versus a miss on the 12-megapixel photo, in Node:
//   miss (cold)   : decode + pipeline + encode in a worker, result stored in the cache
//   miss (warm)   : the same with the decoded image already held by the worker (intermediate cache)
//   hit           : answered from the cache (hash the input + look up + copy), no worker
//   no cache      : the same call with cache: null, for reference
//   node bench/cache-cost.mjs [--runs 5] [--image path]
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ImageProcessingService, MemoryCache } from '../js/index.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, image: { type: 'string' } } });
const RUNS = Number(values.runs);
const file = values.image ?? fileURLToPath(new URL('../../shared/testdata/photos/seeding_by_Clements_Engelhardt.jpg', import.meta.url));
const bytes = new Uint8Array(readFileSync(file));
const CONFIGS = [
  { id: 'thumbnail', type: 'resize', width: 300, height: 300, maintainAspectRatio: true },
  { id: 'web', type: 'resize', width: 1600, format: 'jpeg', quality: 85 },
  { id: 'grayscale', type: 'color_transform', transform: 'grayscale', format: 'jpeg' },
];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = async (fn) => { const t = performance.now(); await fn(); return performance.now() - t; };

const cache = new MemoryCache({ maxBytes: 512 << 20 });
const service = await ImageProcessingService.create({ cache });
const plain = await ImageProcessingService.create({ cache: null, imageCacheBytes: 0 });
const caps = await service.capabilities();
const rows = { 'miss (cold: decode + run)': [], 'miss (decoded image reused)': [], hit: [], 'no cache, no image reuse': [] };
for (let r = 0; r < RUNS; r += 1) {
  await cache.clear();
  await service.invalidate('x').catch(() => {});
  // A fresh copy with one changed trailing byte after EOI = new content hash = a cold decode.
  const cold = bytes.slice();
  const variant = new Uint8Array(cold.length + 1);
  variant.set(cold);
  variant[cold.length] = r;
  rows['miss (cold: decode + run)'].push(await time(() => service.generateVariations(variant, CONFIGS)));
  await cache.clear();
  rows['miss (decoded image reused)'].push(await time(() => service.generateVariations(variant, CONFIGS)));
  rows.hit.push(await time(() => service.generateVariations(variant, CONFIGS)));
  rows['no cache, no image reuse'].push(await time(() => plain.generateVariations(variant, CONFIGS)));
}
const stats = await service.stats();
console.log(`${file.split('/').pop()} (${(bytes.length / 2 ** 20).toFixed(1)} MB), ${CONFIGS.length} variants, ${caps.build} ${caps.workers}×${caps.threads}, median of ${RUNS} (ms)`);
for (const [name, xs] of Object.entries(rows)) console.log(`${name.padEnd(30)} ${median(xs).toFixed(1).padStart(8)}   [${xs.map((x) => x.toFixed(0)).join(', ')}]`);
console.log(`hit is ${(median(rows['miss (cold: decode + run)']) / median(rows.hit)).toFixed(0)}× faster than a cold miss; cache hits ${stats.cacheHits}, misses ${stats.cacheMisses}`);
await service.dispose();
await plain.dispose();
