#!/usr/bin/env node
// palette-node.mjs: generateAndApplyPalette's two halves in Node, wasm mt and st builds:
// palette generation (JS) and applyPalette per mode (engine call incl. the copy out to JS).
//   node bench/palette-node.mjs [--image FILE] [--theme TEXT] [--runs N]
// Not part of bench/run.mjs (Chromium); the lead's bench row can reuse its numbers.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadModule } from '../js/wasm/engine-node.js';
import { decodeImage } from '../js/wasm/module-api.js';
import { parseTheme, generatePalettes, applyRequest } from '../js/palette/generate.js';

const arg = (name, fallback) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : fallback; };
const image = arg('image', fileURLToPath(new URL('../../shared/testdata/photos/seeding_by_Clements_Engelhardt.jpg', import.meta.url)));
const theme = arg('theme', 'warm autumn sunset');
const runs = Number(arg('runs', 3));
const min = (f) => { let best = Infinity; for (let i = 0; i < runs; i += 1) { const t0 = performance.now(); f(); best = Math.min(best, performance.now() - t0); } return best; };

let palettes;
const genMs = min(() => { palettes = generatePalettes(parseTheme(theme), 3); });
console.log(`generatePalettes('${theme}', 3): ${genMs.toFixed(1)} ms (min of ${runs})`);
const bytes = new Uint8Array(readFileSync(image));
for (const build of ['mt', 'st']) {
  const { module: m } = await loadModule({ build });
  const img = decodeImage(m, { input: bytes, rawWidth: 0, rawHeight: 0, limits: {} });
  for (const mode of ['map', 'transfer', 'quantize']) {
    const ms = min(() => {
      for (const p of palettes) {
        const r = m.applyPalette(img.handle, applyRequest(p, { mode, strength: 0.8 }));
        if (!r.ok) throw new Error(r.message);
      }
    });
    console.log(`${build} ${img.width}×${img.height} (${(img.width * img.height / 1e6).toFixed(1)} MP) ${mode}: 3 palettes ${ms.toFixed(0)} ms (min of ${runs})`);
  }
  m.PThread?.terminateAllThreads();
}
