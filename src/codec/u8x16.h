// u8x16.h: the sixteen-lane unsigned-byte vector operations the PNG fast path needs (Paeth filter,
// run detection, Adler-32), over wasm SIMD128 (the shipped builds: -msimd128) and SSE2 (the
// native x86-64 build: tests, oracle CLI, native bench column). Hand-written rather than Halide:
// the filter, histogram and bit packing run per strip on a cache-resident buffer inside one
// thread-pool task, with a filter byte between rows; a Halide pipeline per strip could do the
// filter alone and would add a pass over memory.
#pragma once
#include <cstdint>
#include <cstring>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#else
#error "u8x16.h: needs wasm SIMD128 or SSE2 (the project builds for wasm and x86-64 hosts)"
#endif

namespace pixelpipe::codec::simd {

#if defined(__wasm_simd128__)
using V = v128_t;
inline V load(const uint8_t *p) { return wasm_v128_load(p); }
inline void store(uint8_t *p, V v) { wasm_v128_store(p, v); }
inline V splat(uint8_t b) { return wasm_i8x16_splat(int8_t(b)); }
inline V zero() { return wasm_i64x2_const(0, 0); }
inline V sub(V a, V b) { return wasm_i8x16_sub(a, b); }
inline V sub_sat(V a, V b) { return wasm_u8x16_sub_sat(a, b); }
inline V add_sat(V a, V b) { return wasm_u8x16_add_sat(a, b); }
inline V min(V a, V b) { return wasm_u8x16_min(a, b); }
inline V eq(V a, V b) { return wasm_i8x16_eq(a, b); }
inline V vand(V a, V b) { return wasm_v128_and(a, b); }
inline V vor(V a, V b) { return wasm_v128_or(a, b); }
inline V vxor(V a, V b) { return wasm_v128_xor(a, b); }
inline V select(V mask, V a, V b) { return wasm_v128_bitselect(a, b, mask); }  // mask ? a : b
inline uint32_t bitmask(V v) { return wasm_i8x16_bitmask(v); }
// Bytes 0-2, 4-6, 8-10, 12-14 (RGB of four RGBA pixels) to lanes 0..11; lanes 12..15 undefined.
inline V rgba_to_rgb(V v) { return wasm_i8x16_shuffle(v, v, 0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0, 0, 0, 0); }
#else
using V = __m128i;
inline V load(const uint8_t *p) { return _mm_loadu_si128(reinterpret_cast<const __m128i *>(p)); }
inline void store(uint8_t *p, V v) { _mm_storeu_si128(reinterpret_cast<__m128i *>(p), v); }
inline V splat(uint8_t b) { return _mm_set1_epi8(char(b)); }
inline V zero() { return _mm_setzero_si128(); }
inline V sub(V a, V b) { return _mm_sub_epi8(a, b); }
inline V sub_sat(V a, V b) { return _mm_subs_epu8(a, b); }
inline V add_sat(V a, V b) { return _mm_adds_epu8(a, b); }
inline V min(V a, V b) { return _mm_min_epu8(a, b); }
inline V eq(V a, V b) { return _mm_cmpeq_epi8(a, b); }
inline V vand(V a, V b) { return _mm_and_si128(a, b); }
inline V vor(V a, V b) { return _mm_or_si128(a, b); }
inline V vxor(V a, V b) { return _mm_xor_si128(a, b); }
inline V select(V mask, V a, V b) { return _mm_or_si128(_mm_and_si128(mask, a), _mm_andnot_si128(mask, b)); }
inline uint32_t bitmask(V v) { return uint32_t(_mm_movemask_epi8(v)); }
inline V rgba_to_rgb(V v) {  // SSE2 has no byte shuffle (pshufb is SSSE3; the host build targets plain x86-64)
    alignas(16) uint8_t in[16], out[16] = {0};
    _mm_store_si128(reinterpret_cast<__m128i *>(in), v);
    for (int p = 0; p < 4; ++p) std::memcpy(out + 3 * p, in + 4 * p, 3);
    return _mm_load_si128(reinterpret_cast<const __m128i *>(out));
}
#endif

inline V absdiff(V a, V b) { return vor(sub_sat(a, b), sub_sat(b, a)); }
inline V le(V a, V b) { return eq(min(a, b), a); }  // a <= b, unsigned, as a lane mask

// Paeth residuals cur − paeth(a, b, c) for 16 bytes (a left, b up, c up-left), exactly as the PNG
// specification's predictor with its tie order (a, then b, then c), entirely in 8-bit lanes:
// pa = |b − c|, pb = |a − c|, and pc = |(a − c) + (b − c)| is pa + pb when a − c and b − c have
// the same sign, else |pa − pb|. pc saturating at 255 does not change the comparisons, since
// pa, pb ≤ 255 compare the same against 255 as against any larger value.
inline V paeth_residual(V cur, V a, V b, V c) {
    const V pa = absdiff(b, c), pb = absdiff(a, c);
    const V a_ge_c = eq(sub_sat(c, a), zero()), b_ge_c = eq(sub_sat(c, b), zero());
    const V same_sign = eq(a_ge_c, b_ge_c);
    const V pc = select(same_sign, add_sat(pa, pb), absdiff(pa, pb));
    const V pick_a = vand(le(pa, pb), le(pa, pc));
    const V pick_b = le(pb, pc);
    const V pred = select(pick_a, a, select(pick_b, b, c));
    return sub(cur, pred);
}

}  // namespace pixelpipe::codec::simd
