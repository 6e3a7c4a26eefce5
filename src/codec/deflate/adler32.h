// adler32.h: Adler-32 (RFC 1950), the zlib stream's checksum of the uncompressed (filtered) bytes.
#pragma once
#include <cstddef>
#include <cstdint>

namespace pixelpipe::codec::deflate {

// Adler-32 of `size` bytes continuing from `adler` (1 to start). wasm: SIMD128 (libdeflate's
// fast paths are x86 and ARM only; its portable loop is what wasm would get); native: libdeflate.
uint32_t adler32(uint32_t adler, const uint8_t *data, size_t size);

// Adler-32 of A||B from adler(A), adler(B) and |B| (checksums of segments computed in parallel).
uint32_t adler32_combine(uint32_t a, uint32_t b, size_t size_b);

}  // namespace pixelpipe::codec::deflate
