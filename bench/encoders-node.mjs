#!/usr/bin/env node
// encoders-node.mjs: encoder timings in Node for the wasm mt and st builds (and native, through
// `pixelpipe_native encode`). Needs `node scripts/build.mjs` first (build/wasm-{mt,st}, build/host).
//   node bench/encoders-node.mjs [--runs 5] [--image PHOTO]
// Input: PHOTO (default: the largest test photo) cropped to 4:3 and scaled to 4000×3000 with
// Pillow (12 MP RGBA), and the same scaled to 1155×866 (1 MP) for the SVG trace row.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const runs = arg('--runs', '5');
const image = arg('--image', path.resolve(root, '../shared/testdata/photos/Kleiber_by_Lukas_Baubkus.jpg'));
const tmp = mkdtempSync(path.join(tmpdir(), 'pp-enc-bench-'));
const big = path.join(tmp, 'big.ppraw'), small = path.join(tmp, 'small.ppraw');

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', cwd: root, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

run('/usr/bin/python3', ['-c', `
import struct, sys
from PIL import Image
im = Image.open(sys.argv[1]).convert('RGBA'); w, h = im.size
if w * 3 > h * 4: nw = h * 4 // 3; im = im.crop(((w - nw) // 2, 0, (w - nw) // 2 + nw, h))
else: nh = w * 3 // 4; im = im.crop((0, (h - nh) // 2, w, (h - nh) // 2 + nh))
for size, out in (((4000, 3000), sys.argv[2]), ((1155, 866), sys.argv[3])):
    s = im.resize(size, Image.LANCZOS)
    open(out, 'wb').write(b'PPRAW001' + struct.pack('<II', *size) + s.tobytes())
`, image, big, small]);

const env = { ...process.env, NODE_PATH: '/usr/share/nodejs' };
for (const variant of ['mt', 'st']) {
  const dir = path.join(root, 'build', `wasm-${variant}`);
  run('cmake', ['--build', dir, '--target', 'pixelpipe_encoders_bench'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  // The package is "type": "module"; emscripten's CommonJS output (and .worker.js) is CommonJS.
  writeFileSync(path.join(dir, 'bench', 'package.json'), '{ "type": "commonjs" }\n');
  const out = run('node', [path.join(dir, 'bench', `encoders-bench-${variant}.cjs`), big, small, runs]);
  for (const line of out.trim().split('\n')) {
    const r = JSON.parse(line);
    console.log(`wasm-${variant}  ${r.row.padEnd(30)} ${String(r.ms).padStart(8)} ms  ${(r.bytes / 1e6).toFixed(2)} MB`);
  }
}
const cli = path.join(root, 'build/host/src/pixelpipe_native');
const png = (level) => ['--opt', `compressionLevel=${level}`, '--opt', 'palette=false', '--opt', 'colors=256', '--opt', 'dither=0',
  '--opt', 'interlace=false', '--opt', 'dpi=0'];
for (const [name, input, format, opts] of [
  ['png level 1', big, 'png', png(1)], ['png level 6', big, 'png', png(6)],
  ['jpeg q85 4:2:0', big, 'jpeg', ['--opt', 'quality=85', '--opt', 'chromaSubsampling=4:2:0', '--opt', 'progressive=false',
    '--opt', 'optimizeCoding=false', '--opt', 'dpi=0', '--opt', 'background=255/255/255/255']],
  ['webp q80 effort 4', big, 'webp', ['--opt', 'quality=80', '--opt', 'lossless=false', '--opt', 'effort=4']],
  ['svg trace 1 MP 16 colours', small, 'svg', ['--opt', 'mode=trace', '--opt', 'embedFormat=png', '--opt', 'quality=80',
    '--opt', 'colors=16', '--opt', 'detail=0.5', '--opt', 'smoothing=0.5', '--opt', 'minArea=4', '--opt', 'background=255/255/255/255']],
]) {
  const r = JSON.parse(run(cli, ['encode', input, path.join(tmp, 'out'), '--format', format, '--repeat', runs, ...opts]));
  console.log(`native   ${name.padEnd(30)} ${String(r.bestMs.toFixed(1)).padStart(8)} ms  ${(r.bytes / 1e6).toFixed(2)} MB  (best of ${runs})`);
}
