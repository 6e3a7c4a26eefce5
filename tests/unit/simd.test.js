// SIMD detection (js/wasm/simd.js): the probe is a real SIMD module, so validation decides.
import { SIMD_PROBE, simdSupported } from '../../js/wasm/simd.js';

test('Node 20 (V8) validates the SIMD probe', () => {
  expect(simdSupported()).toBe(true);
});

test('the probe is type-checked as SIMD: declaring an i32 result for its v128 makes it invalid', () => {
  const broken = new Uint8Array(SIMD_PROBE);
  const resultType = 14; // type section: 0x60 (func), 0 params, 1 result, then its type
  expect(broken[resultType]).toBe(0x7b); // v128
  broken[resultType] = 0x7f; // i32
  expect(WebAssembly.validate(broken)).toBe(false);
});

test('without WebAssembly there is no SIMD (and no exception)', () => {
  const saved = globalThis.WebAssembly;
  try {
    globalThis.WebAssembly = undefined;
    expect(simdSupported()).toBe(false);
  } finally {
    globalThis.WebAssembly = saved;
  }
});
