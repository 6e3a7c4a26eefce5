// SPDX-License-Identifier: MIT
// The bench input of issue #12: the largest photo of the shared test corpus (by pixel count),
// centre-cropped to 4:3, scaled to 4000x3000 (Lanczos3) and encoded as JPEG q90 4:2:0, made with
// sharp at bench time into build/bench-cache/ (git-ignored; never committed). Made once per
// source file, size and mtime: the cache file's name carries them.
import fs from 'node:fs';
import path from 'node:path';

export const BENCH_WIDTH = 4000;
export const BENCH_HEIGHT = 3000;
const QUALITY = 90;

/** The photo of `dir` with the most pixels (sharp reads only the headers). */
export async function largestPhoto(dir) {
  const { default: sharp } = await import('sharp');
  let best = null;
  for (const name of fs.readdirSync(dir).sort()) {
    if (!/\.(jpe?g|png|webp)$/i.test(name)) continue;
    const file = path.join(dir, name);
    const { width = 0, height = 0 } = await sharp(file).metadata();
    if (!best || width * height > best.pixels) best = { file, width, height, pixels: width * height };
  }
  if (!best) throw new Error(`bench: no photo in ${dir}`);
  return best;
}

/**
 * Path of the 4000x3000 JPEG made from `source` (made now unless cached), with what was done.
 * @returns {Promise<{ file: string, source: string, crop: object, cached: boolean }>}
 */
export async function benchInput(source, cacheDir) {
  const { default: sharp } = await import('sharp');
  const st = fs.statSync(source);
  const stem = path.basename(source).replace(/\.[^.]+$/, '');
  const file = path.join(cacheDir, `${stem}-${st.size}-${Math.round(st.mtimeMs)}-${BENCH_WIDTH}x${BENCH_HEIGHT}-q${QUALITY}.jpg`);
  const { width, height } = await sharp(source).metadata();
  // Largest centred 4:3 window.
  const cw = Math.min(width, Math.floor((height * 4) / 3)), ch = Math.min(height, Math.floor((width * 3) / 4));
  const crop = { left: (width - cw) >> 1, top: (height - ch) >> 1, width: cw, height: ch };
  if (fs.existsSync(file)) return { file, source, crop, cached: true };
  fs.mkdirSync(cacheDir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await sharp(source).rotate().extract(crop).resize(BENCH_WIDTH, BENCH_HEIGHT, { kernel: 'lanczos3', fit: 'fill' })
    .jpeg({ quality: QUALITY, chromaSubsampling: '4:2:0', mozjpeg: false }).toFile(tmp);
  fs.renameSync(tmp, file);
  return { file, source, crop, cached: false };
}

/**
 * The bench JPEG and the same pixels written by sharp into Display P3 with the profile embedded
 * (q90, made once into cacheDir): the inputs of the colour-management benches (issue #15).
 * @returns {Promise<{ srgb: string, p3: string }>} their paths
 */
export async function p3BenchInputs(photosDir, cacheDir) {
  const { default: sharp } = await import('sharp');
  const { file } = await benchInput((await largestPhoto(photosDir)).file, cacheDir);
  const p3 = file.replace(/\.jpg$/, '-p3.jpg');
  if (!fs.existsSync(p3)) await sharp(file).withIccProfile('p3').jpeg({ quality: 90 }).toFile(p3);
  return { srgb: file, p3 };
}
