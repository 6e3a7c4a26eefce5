#!/usr/bin/env node
// split-wasm.mjs: splits a linked engine build into the core module a page loads first and the
// deferred module its first call into rarely used code loads (issue #11: the core build's 1.5 MB
// budget). The link (src/CMakeLists.txt) runs with -sSPLIT_MODULE, which writes the whole module
// as <name>.wasm.orig (with function names: --profiling-funcs) and glue whose placeholder imports
// load <name>.deferred.wasm on first call (src/bindings/js/deferred-code.pre.js says from where).
// Binaryen's wasm-split then moves every function DEFERRED names into the deferred module; both
// modules share the core's memory and table, so deferred code runs exactly as if it were linked in
// (no copies, the same pointers). Names are dropped from both outputs.
//   node scripts/split-wasm.mjs <build dir> <path of the linked .wasm>
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { functionsOf, ownerOf, ownersOf, readModule, symbolOwners } from './lib/wasm-names.mjs';

// What a page that only resizes, filters and re-encodes JPEG/PNG never runs. Each rule matches an
// archive and, optionally, its object file (C++ sources: src/<dir>/<file>.cpp → <file>.cpp.o) and
// function names. Sizes: node scripts/size-breakdown.mjs; what the core keeps, largest first:
// PIXELPIPE_SPLIT_REPORT=40 node scripts/build.mjs --force (or the link step alone, via ninja).
const DEFERRED = [
  { archive: /^pp_webp$/, why: 'WebP decode and encode (libwebp)' },
  { archive: /^pp_lcms2$/, why: 'Little CMS: CMYK and LUT-based ICC profiles, keepIccProfile exports' },
  { archive: /^pixelpipe_core$/, object: /^icc_lcms\.cpp\.o$/, why: 'the Little CMS calls' },
  { archive: /^pp_composite_/, why: 'createComposite blend pipelines' },
  { archive: /^pixelpipe_core$/, object: /^(composite|blend|blend_mode|layer_source|gradient|text|font|font_gpos|font_outlines|stb_truetype_impl)\.cpp\.o$/, why: 'createComposite: layers, gradients, text' },
  { archive: /^pp_(luma|luma_box|luma_measures|blockiness)$/, why: 'analyzeImage measures' },
  { archive: /^pixelpipe_core$/, object: /^(analyze|colors|composition|horizon|measures|quality|saliency|quantize|quantize_map)\.cpp\.o$/, why: 'analyzeImage; the quantizer (palette PNG, GIF, SVG trace)' },
  { archive: /^pp_(gradient_map|color_transfer)$/, why: 'generateAndApplyPalette' },
  { archive: /^pixelpipe_core$/, object: /^(apply_palette|gradient_map|palette_color)\.cpp\.o$/, why: 'generateAndApplyPalette' },
  { archive: /^pixelpipe_core$/, object: /^(gif|ico|bmp|tga|svg|svg_trace)\.cpp\.o$/, why: 'the rare encoders' },
  { archive: /^pixelpipe_core$/, object: /^registry\.cpp\.o$/, name: /::run<pixelpipe::codec::(WebpOptions|GifOptions|IcoOptions|SvgOptions|NoOptions)\b/,
    why: 'the rare encoders, as inlined into the encoder registry\'s adapters (NoOptions: bmp, tga)' },
  { archive: /^bindings$/, object: /^(analyze|composite|palette)\.cpp\.o$/, why: 'the three methods\' Embind entry points' },
  { archive: /^pp_(median3|median5|median7|bilateral|motion_blur|edge_detect|convolve|pixelate|vignette)$/, why: 'the effect filters (blurs and sharpening stay)' },
  { archive: /^pixelpipe_core$/, object: /^(filter_ops|filters)\.cpp\.o$/,
    name: /pixelpipe::ops::(?:\(anonymous namespace\)::)?(?:run_)?(?:motion_blur|median|edge_detect|emboss|convolve|denoise|pixelate|vignette)\(/,
    why: 'the effect filters\' C++ side' },
  { archive: /^pixelpipe_core$/, object: /^(xmp_extended_split|md5)\.cpp\.o$/, why: 'writing JPEG extended XMP (packets over 65502 bytes)' },
  { archive: /^pp_deflate$/, object: /^deflate_compress\.c\.o$/, why: 'libdeflate\'s compressor: PNG levels 4–9 (0–3 are the own fast deflate; its CRC-32 stays)' },
  { archive: /^pp_jpeg$/, object: /^(jquant1|jquant2|jdmerge|jcphuff|jfdctflt|jidctflt)\.c\.o$/, why: 'libjpeg-turbo parts never or rarely run: colour-mapped output, merged upsampling, progressive encoding, float DCT' },
];

const matches = (owner, name) => DEFERRED.some((r) => r.archive.test(owner.archive) && (!r.object || r.object.test(owner.object)) &&
  (!r.name || r.name.test(name)));
// An inline or template function that core objects define too stays in the core; so do the
// standard library's and Halide's buffer templates, which the optimizer merges across objects
// (one body, one of the names: a deferred object's name may then stand for a core caller's copy),
// and Embind's invokers: Embind keeps each invoker's table entry as a JS function when the module
// starts, so a deferred invoker would stay the placeholder and reload the deferred module on every
// call (the bound functions themselves are called from inside the invoker, through the table).
const SHARED_TEMPLATES = /^(?:(?:void|bool|int|unsigned int|unsigned long|char\*|emscripten::val) )?(?:std::|Halide::Runtime::|emscripten::internal::)/;
const deferrable = (name, owners) => !SHARED_TEMPLATES.test(name) && ownersOf(name, owners).every((owner) => matches(owner, name));

// wasm-split reads names the way Binaryen prints them: characters outside the text format's
// identifier set as \hh (a space is \20, a comma \2c).
const escapeName = (name) => name.replace(/[^A-Za-z0-9!#$%&'*+\-./:<=>?@\\^_`|~]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

function main() {
  const [dir, wasm] = process.argv.slice(2);
  if (!dir || !wasm) throw new Error('usage: split-wasm.mjs <build dir> <linked .wasm>');
  const original = `${wasm}.orig`;
  const owners = symbolOwners(dir);
  const all = functionsOf(readModule(readFileSync(original)));
  const deferred = all.filter((f) => deferrable(f.name, owners));
  const report = Number(process.env.PIXELPIPE_SPLIT_REPORT ?? 0); // N: list the N largest functions the core keeps
  if (report) {
    const moved = new Set(deferred);
    const kept = all.filter((f) => !moved.has(f)).sort((a, b) => b.size - a.size).slice(0, report);
    for (const f of kept) {
      const { archive, object } = ownerOf(f.name, owners);
      console.log(`${String(f.size).padStart(8)}  ${archive}:${object}  ${f.name.slice(0, 110)}`);
    }
  }
  const list = `${wasm}.deferred-functions.txt`;
  writeFileSync(list, `${deferred.map((f) => escapeName(f.name)).join('\n')}\n`);
  const secondary = wasm.replace(/\.wasm$/, '.deferred.wasm');
  execFileSync('wasm-split', [original, `--split-funcs=@${list}`, '-o1', wasm, '-o2', secondary, '--all-features', '--quiet'],
    { stdio: ['ignore', 'ignore', 'inherit'] });
  rmSync(original);
  rmSync(list);
  const kib = (f) => `${(statSync(f).size / 1024).toFixed(1)} KiB`;
  console.log(`[split-wasm] ${path.basename(wasm)} ${kib(wasm)}, ${path.basename(secondary)} ${kib(secondary)} (${deferred.length} functions deferred)`);
}

main();
