// fast_deflate.h: the PNG fast path's deflate: Huffman-only coding with runs of a repeated byte
// as distance-1 matches (fpnge's idea: after a PNG filter, photos are nearly incompressible by
// LZ77 matching but entropy-codable; flat areas filter to long runs of zeros). No match search,
// so it runs at a few ns per byte; tables are built from each segment's own histogram.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace pixelpipe::codec::deflate {

// Bytes fast_segment may write for `size` input bytes (15-bit codes at worst, the block header,
// framing, and the 8 bytes the 64-bit bit writer stores past its last byte).
size_t fast_segment_bound(size_t size);

// The byte statistics fast_segment builds its code from (a sample of `data`).
void sampled_histogram(const uint8_t *data, size_t size, uint32_t hist[256]);

// Writes `data` as one dynamic-Huffman block (BFINAL = 0) followed by an empty stored block, so
// the output ends byte-aligned: segments encoded independently (on different threads)
// concatenate into one valid deflate stream. Distance-1 matches never reach before the
// segment's first byte. `out` holds fast_segment_bound(size) bytes; returns the bytes written.
size_t fast_segment(const uint8_t *data, size_t size, uint8_t *out);

// The same framing with stored (uncompressed) blocks: compression level 0.
size_t stored_segment_bound(size_t size);
size_t stored_segment(const uint8_t *data, size_t size, uint8_t *out);

// The final, empty block (BFINAL 1, fixed Huffman, end-of-block = 7 zero bits) that closes a
// stream of segments.
constexpr uint8_t kFinalBlock[2] = {0x03, 0x00};
// zlib's header (RFC 1950): deflate with a 32 KB window; FCHECK makes 0x7801 % 31 == 0, level
// hint "fastest".
constexpr uint8_t kZlibHeader[2] = {0x78, 0x01};

}  // namespace pixelpipe::codec::deflate
