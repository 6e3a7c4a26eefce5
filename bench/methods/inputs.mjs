// SPDX-License-Identifier: MIT
// inputs.mjs: the method rows' inputs, made once with sharp into build/bench-inputs/ (never committed):
// the largest photo of testdata/photos cropped to 4:3 and scaled to 4000×3000 (the performance
// issue's input), a 1000×1000 layer and nine more layer crops from a second photo, and a 1 MP copy
// for the SVG trace row. Raw RGBA files, so every engine starts from the same pixels.
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

const RGBA = { raw: { depth: 'uchar' } };

async function largest(dir) {
  const files = fs.readdirSync(dir).filter((f) => /\.(jpe?g|png|webp)$/i.test(f)).map((f) => path.join(dir, f));
  const sizes = await Promise.all(files.map(async (f) => { const m = await sharp(f).metadata(); return { f, px: m.width * m.height }; }));
  return sizes.sort((a, b) => b.px - a.px).map((s) => s.f);
}

async function writeRaw(pipeline, file) {
  const { data, info } = await pipeline.ensureAlpha().raw(RGBA.raw).toBuffer({ resolveWithObject: true });
  fs.writeFileSync(file, data);
  return { file: path.basename(file), width: info.width, height: info.height };
}

/** Makes (or reuses) the inputs; returns their descriptions keyed by name. */
export async function prepareInputs(testdata, outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  const manifestFile = path.join(outDir, 'methods-inputs.json');
  if (fs.existsSync(manifestFile)) return JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  const [first, second] = await largest(path.join(testdata, 'photos'));
  const photo = sharp(first).rotate().resize(4000, 3000, { fit: 'cover' });
  const m = {
    source: path.basename(first), layerSource: path.basename(second),
    photo: await writeRaw(photo.clone(), path.join(outDir, 'photo-4000x3000.rgba')),
    photo1mp: await writeRaw(sharp(first).rotate().resize(1155, 866, { fit: 'cover' }), path.join(outDir, 'photo-1155x866.rgba')),
    layers: [],
  };
  // Layer sizes for the ten-layer row: mixed, up to 1500 px; the first is the one-layer row's.
  const sizes = [1000, 1500, 800, 600, 1200, 400, 900, 300, 700, 1100];
  for (const [i, s] of sizes.entries()) {
    m.layers.push(await writeRaw(sharp(second).rotate().resize(s, s, { fit: 'cover' }), path.join(outDir, `layer-${i}-${s}.rgba`)));
  }
  fs.writeFileSync(manifestFile, JSON.stringify(m, null, 1));
  return m;
}
