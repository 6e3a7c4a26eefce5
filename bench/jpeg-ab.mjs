#!/usr/bin/env node
// jpeg-ab.mjs: does a build change JPEG pixels or JPEG bytes? Decodes every JPEG of the test data
// (full size, and resized with shrink-on-load at 1/2, 1/4, 1/8) and encodes every photo (q85 4:2:0, q90 4:4:4,
// progressive) with two pixelpipe checkouts' dist/node builds (st and mt), and compares: decoded
// RGBA byte for byte (first differing pixel, count, largest difference), JPEG bytes, and where the
// bytes differ each side's PSNR against the source pixels. Written for the libjpeg-turbo Neon →
// wasm SIMD change (cmake/libjpeg_neon_wasm.cmake); works for any A/B of the JPEG codec.
//
//   node bench/jpeg-ab.mjs --a /path/to/checkout-before --b /path/to/checkout-after [--testdata DIR]
//
// Each checkout needs dist/node (node scripts/build.mjs) and node_modules.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(process.argv.slice(2).reduce((acc, v, i, all) =>
  (v.startsWith('--') ? [...acc, [v.slice(2), all[i + 1]]] : acc), []));
const testdata = path.resolve(args.testdata ?? path.join(here, '../../shared/testdata'));
if (!args.a || !args.b) {
  console.error('usage: node bench/jpeg-ab.mjs --a CHECKOUT --b CHECKOUT [--testdata DIR]');
  process.exit(2);
}

function jpegsUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return name === 'malformed' ? [] : jpegsUnder(p);
    return /\.jpe?g$/i.test(name) ? [p] : [];
  });
}

async function services(root) {
  const { ImageProcessingService } = await import(pathToFileURL(path.join(root, 'js/index.node.js')).href);
  return Object.fromEntries(await Promise.all(['st', 'mt'].map(async (build) =>
    [build, await ImageProcessingService.create({ build, workers: 1 })])));
}

/** Decodes (and re-encodes) with one service; errors become { error } so both sides compare. */
async function run(service, bytes, variants) {
  try {
    return await service.generateVariations(bytes, variants);
  } catch (e) {
    return Object.fromEntries(variants.map((v) => [v.id, { error: `${e.name}: ${e.message}` }]));
  }
}

function comparePixels(x, y) {
  if (x.error || y.error) return x.error === y.error ? 'same error' : `errors differ: ${x.error} | ${y.error}`;
  if (x.width !== y.width || x.height !== y.height) return `size ${x.width}x${x.height} vs ${y.width}x${y.height}`;
  let count = 0, max = 0, first = -1;
  for (let i = 0; i < x.data.length; i++) {
    const d = Math.abs(x.data[i] - y.data[i]);
    if (d) { count++; max = Math.max(max, d); if (first < 0) first = i; }
  }
  if (!count) return 'identical';
  const px = first >> 2;
  return `${count} bytes differ, max ${max}, first at (${px % x.width},${Math.floor(px / x.width)})`;
}

function psnr(a, b) {
  let se = 0, n = 0;
  for (let i = 0; i < a.length; i++) { if ((i & 3) !== 3) { se += (a[i] - b[i]) ** 2; n++; } }
  return se ? 10 * Math.log10(255 * 255 / (se / n)) : Infinity;
}

const DECODES = [1, 2, 4, 8].map((s) => ({ id: `d${s}`, s }));
const ENCODES = [
  { id: 'q85', steps: [], format: 'jpeg', quality: 85 },
  { id: 'q90_444', steps: [], format: 'jpeg', quality: 90, formatOptions: { chromaSubsampling: '4:4:4' } },
  { id: 'q80_prog', steps: [], format: 'jpeg', quality: 80, formatOptions: { progressive: true } },
];

const [A, B] = [await services(path.resolve(args.a)), await services(path.resolve(args.b))];
let differing = 0;
try {
  for (const file of jpegsUnder(testdata)) {
    const bytes = new Uint8Array(readFileSync(file));
    const rel = path.relative(testdata, file);
    for (const build of ['st', 'mt']) {
      // shrink-on-load (one factor per call): a resize to 1/(2s) of the width makes the decoder
      // use its DCT scaling by s (js/worker/shrink-on-load.js), the 4x4 and 2x2 IDCTs among them
      const probe = await run(A[build], bytes, [{ id: 'd1', steps: [], format: 'raw' }]);
      const w = probe.d1.width ?? 64;
      const variant = ({ id, s }) => (s === 1 ? { id, steps: [], format: 'raw' }
        : { id, type: 'resize', width: Math.max(1, Math.floor(w / (2 * s))), format: 'raw' });
      const [ra, rb] = [{}, {}];
      for (const d of DECODES) {
        Object.assign(ra, await run(A[build], bytes, [variant(d)]));
        Object.assign(rb, await run(B[build], bytes, [variant(d)]));
      }
      const line = DECODES.map(({ id }) => `${id} ${comparePixels(ra[id], rb[id])}`);
      if (line.some((l) => !/identical|same error/.test(l))) differing++;
      console.log(`${build} ${rel}: ${line.join('; ')}`);
    }
    if (!rel.startsWith('photos')) continue;
    const source = (await run(A.st, bytes, [{ id: 'p', steps: [], format: 'raw' }])).p;
    for (const build of ['st', 'mt']) {
      const [ea, eb] = [await run(A[build], source, ENCODES), await run(B[build], source, ENCODES)];
      for (const { id } of ENCODES) {
        if (ea[id].error || eb[id].error) { console.log(`${build} encode ${rel} ${id}: ${ea[id].error} | ${eb[id].error}`); continue; }
        const same = Buffer.compare(Buffer.from(ea[id]), Buffer.from(eb[id])) === 0;
        let detail = `${ea[id].length} bytes`;
        if (!same) {
          differing++;
          const back = await run(A.st, eb[id], [{ id: 'b', steps: [], format: 'raw' }]);
          const backA = await run(A.st, ea[id], [{ id: 'b', steps: [], format: 'raw' }]);
          detail = `DIFFER: ${ea[id].length} vs ${eb[id].length} bytes, PSNR ${psnr(source.data, backA.b.data).toFixed(3)} vs ${psnr(source.data, back.b.data).toFixed(3)} dB`;
        }
        console.log(`${build} encode ${rel} ${id}: ${same ? 'identical ' : ''}${detail}`);
      }
    }
  }
} finally {
  await Promise.all([...Object.values(A), ...Object.values(B)].map((s) => s.dispose()));
}
console.log(differing ? `${differing} comparisons differ` : 'all identical');
