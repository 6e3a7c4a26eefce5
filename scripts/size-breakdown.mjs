#!/usr/bin/env node
// size-breakdown.mjs: which library the shipped wasm's code comes from (issues #11 and #12: the
// core build's 1.5 MB budget). Relinks the build's wasm once with --profiling-funcs (the same
// em++ command ninja runs, output into a temporary folder), reads each function body's size and
// name from the module, and attributes every name to the static archive that defines it
// (llvm-nm -C over the build's archives): each Halide pipeline, pixelpipe's core, libjpeg-turbo,
// libwebp, Little CMS, libdeflate; names no archive defines are emscripten's libc, libc++ and Embind.
//   node scripts/size-breakdown.mjs [--build mt|st] [--top N]
// Needs a finished `node scripts/build.mjs`. Sizes are code-section bytes (the data section is
// reported apart); the shipped file is the module without the names.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, dflt) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : dflt; };
const build = arg('build', 'mt');
const top = Number(arg('top', 0));
const dir = path.join(root, 'build', `wasm-${build}`);
const target = `dist/web/pixelpipe-${build}.mjs`;

/** Unsigned LEB128 at p → [value, next p]. */
function leb(buf, p) {
  let v = 0, shift = 0, b;
  do { b = buf[p++]; v += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
  return [v, p];
}

/** { bodies: [size], names: Map(function index → name), imported: count, dataBytes } of a wasm module. */
function readModule(buf) {
  const out = { bodies: [], names: new Map(), imported: 0, dataBytes: 0 };
  const str = (p) => { const [n, q] = leb(buf, p); return [buf.toString('utf8', q, q + n), q + n]; };
  for (let p = 8; p < buf.length;) {
    const id = buf[p];
    const [size, start] = leb(buf, p + 1);
    const end = start + size;
    if (id === 2) { // imports: only function imports shift the function index space
      let [count, q] = leb(buf, start);
      for (; count > 0; count--) {
        [, q] = str(q); [, q] = str(q);
        const kind = buf[q++];
        if (kind === 0) { out.imported++; [, q] = leb(buf, q); } else if (kind === 1) { q++; const [flags, r] = leb(buf, q); [, q] = leb(buf, r); if (flags & 1) [, q] = leb(buf, q); } else if (kind === 2) { const [flags, r] = leb(buf, q); [, q] = leb(buf, r); if (flags & 1) [, q] = leb(buf, q); } else q += 2;
      }
    } else if (id === 10) {
      let [count, q] = leb(buf, start);
      for (; count > 0; count--) { const [n, r] = leb(buf, q); out.bodies.push(n + (r - q)); q = r + n; }
    } else if (id === 11) out.dataBytes += size;
    else if (id === 0) {
      const [name, q0] = str(start);
      for (let q = q0; name === 'name' && q < end;) {
        const sub = buf[q];
        const [len, r] = leb(buf, q + 1);
        if (sub === 1) {
          let [count, s] = leb(buf, r);
          for (; count > 0; count--) { let idx; [idx, s] = leb(buf, s); let nm; [nm, s] = str(s); out.names.set(idx, nm); }
        }
        q = r + len;
      }
    }
    p = end;
  }
  return out;
}

/** Demangled symbol → archive label, from every static archive the link used. */
function symbolOwners() {
  const owners = new Map();
  const archives = [...readdirSync(dir).filter((f) => f.endsWith('.a')).map((f) => path.join(dir, f)),
    ...['src', 'halide_generators'].flatMap((d) => readdirSync(path.join(dir, d)).filter((f) => f.endsWith('.a')).map((f) => path.join(dir, d, f)))];
  for (const file of archives) {
    const base = path.basename(file, '.a').replace(/^lib/, '');
    const label = base.endsWith('.runtime') ? 'Halide runtime' : base; // every .runtime.a holds the same runtime
    const text = execFileSync('llvm-nm', ['-C', '--defined-only', file], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] });
    for (const line of text.split('\n')) {
      const m = /^\S*\s+[TtWw]\s+(.*)$/.exec(line);
      if (m && !owners.has(m[1])) owners.set(m[1], label);
    }
  }
  return owners;
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'pp-size-'));
try {
  const command = execFileSync('ninja', ['-C', dir, '-t', 'commands', target], { encoding: 'utf8' }).trim().split('\n').pop();
  const relinked = command.replace(` -o ${target}`, ` --profiling-funcs -o ${path.join(tmp, 'm.mjs')}`);
  if (relinked === command) throw new Error(`cannot find '-o ${target}' in the link command`);
  // The JS post-processing may fail outside scripts/build.mjs's environment; the .wasm is written first.
  try { execFileSync('/bin/sh', ['-c', relinked], { cwd: dir, stdio: 'ignore', env: { ...process.env, NODE_PATH: '/usr/share/nodejs' } }); } catch { /* checked below */ }
  const mod = readModule(readFileSync(path.join(tmp, 'm.wasm')));
  const owners = symbolOwners();
  const groups = new Map();
  const named = [];
  mod.bodies.forEach((size, i) => {
    const name = mod.names.get(i + mod.imported) ?? '?';
    const base = name.replace(/\.\d+$/, '');
    const halide = /^(pp_[a-z0-9_]+?)_par_for_/.exec(base);
    const owner = owners.get(base) ?? (halide && `pp_${halide[1].slice(3)}`) ?? 'emscripten libc / libc++ / Embind';
    groups.set(owner, (groups.get(owner) ?? 0) + size);
    named.push([size, name, owner]);
  });
  const total = mod.bodies.reduce((s, b) => s + b, 0);
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  console.log(`${build}: code ${kib(total)} in ${mod.bodies.length} functions, data ${kib(mod.dataBytes)}\n\n| source | code | share |\n| --- | --- | --- |`);
  for (const [label, size] of [...groups].sort((a, b) => b[1] - a[1])) console.log(`| ${label} | ${kib(size)} | ${(100 * size / total).toFixed(1)} % |`);
  if (top) {
    console.log(`\nlargest ${top} functions:`);
    for (const [size, name, owner] of named.sort((a, b) => b[0] - a[0]).slice(0, top)) console.log(`${String(size).padStart(8)}  ${owner.padEnd(22)} ${name.slice(0, 100)}`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
