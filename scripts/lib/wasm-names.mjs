// wasm-names.mjs: the function names and sizes of a linked wasm module (its "name" section, which
// --profiling-funcs keeps), and which static archive and object file of a build defines each name
// (llvm-nm -C). Shared by size-breakdown.mjs (where the code comes from) and split-wasm.mjs (which
// code goes into the deferred module).
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

/** Unsigned LEB128 at p → [value, next p]. */
function leb(buf, p) {
  let v = 0, shift = 0, b;
  do { b = buf[p++]; v += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
  return [v, p];
}

/** { bodies: [size], names: Map(function index → name), imported: count, dataBytes } of a wasm module. */
export function readModule(buf) {
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

/** [{ name, size }] of every function body, named as in the name section. */
export function functionsOf(mod) {
  return mod.bodies.map((size, i) => ({ name: mod.names.get(i + mod.imported) ?? '?', size }));
}

/**
 * Demangled symbol → [{ archive, object }] for every archive of a wasm build tree (`dir`) and the
 * Embind binding objects linked beside them (archive 'bindings'): every object that defines it
 * (inline and template functions are defined, weakly, by each object that uses them). Halide
 * runtime archives are one label: each pipeline library carries the same runtime.
 */
export function symbolOwners(dir) {
  const owners = new Map();
  const files = [...readdirSync(dir).filter((f) => f.endsWith('.a')).map((f) => path.join(dir, f)),
    ...['src', 'halide_generators'].flatMap((d) => readdirSync(path.join(dir, d)).filter((f) => f.endsWith('.a')).map((f) => path.join(dir, d, f)))];
  const bindings = path.join(dir, 'src', 'CMakeFiles', 'pixelpipe_web.dir', 'bindings');
  for (const f of readdirSync(bindings)) if (f.endsWith('.o')) files.push(path.join(bindings, f));
  for (const file of files) {
    const isObject = file.endsWith('.o');
    const base = isObject ? 'bindings' : path.basename(file, '.a').replace(/^lib/, '');
    const archive = base.endsWith('.runtime') ? 'Halide runtime' : base;
    const text = execFileSync('llvm-nm', ['-C', '-A', '--defined-only', file], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] });
    for (const line of text.split('\n')) {
      // archive:object: address type name  (an object file alone: file: address type name)
      const m = isObject ? /^[^:]*:\s*\S*\s+[TtWw]\s+(.*)$/.exec(line) : /^[^:]*:([^:]*):\s*\S*\s+[TtWw]\s+(.*)$/.exec(line);
      if (!m) continue;
      const [object, symbol] = isObject ? [path.basename(file), m[1]] : [m[1], m[2]];
      if (!owners.has(symbol)) owners.set(symbol, []);
      owners.get(symbol).push({ archive, object });
    }
  }
  return owners;
}

/** Every owner of a function name: its symbol's definers, else a Halide pipeline's closure, else the toolchain's. */
export function ownersOf(name, owners) {
  const base = name.replace(/\.\d+$/, '');
  const found = owners.get(base);
  if (found) return found;
  const halide = /^(pp_[a-z0-9_]+?)_par_for_/.exec(base);
  return [halide ? { archive: `pp_${halide[1].slice(3)}`, object: '' } : { archive: 'emscripten libc / libc++ / Embind', object: '' }];
}

/** The first owner (the one a size breakdown charges). */
export const ownerOf = (name, owners) => ownersOf(name, owners)[0];
