// simd.js: does this JavaScript engine run WebAssembly SIMD? Both builds are compiled with
// -msimd128, so without it no engine can load. Detected by validating the smallest module that
// uses a SIMD instruction (the technique of wasm-feature-detect), not assumed.
//
// Module: type () -> v128; one function: i32.const 0; i8x16.splat; i8x16.popcnt; end.
export const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, // type section: 1 type, func () -> (v128)
  0x03, 0x02, 0x01, 0x00, // function section: 1 function of type 0
  0x0a, 0x0a, 0x01, 0x08, 0x00, // code section: 1 body, 8 bytes, no locals
  0x41, 0x00, // i32.const 0
  0xfd, 0x0f, // i8x16.splat
  0xfd, 0x62, // i8x16.popcnt
  0x0b, // end
]);

/** True when WebAssembly SIMD (the final 128-bit proposal) validates here. */
export function simdSupported() {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}
