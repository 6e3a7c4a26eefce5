// fast_deflate.h: the PNG fast path's deflate: Huffman-only coding with runs of a repeated byte
// as distance-1 matches (fpnge's idea: after a PNG filter, photos are nearly incompressible by
// LZ77 matching but entropy-codable; flat areas filter to long runs of zeros). No match search,
// so it runs at a few ns per byte; tables are built from each segment's own histogram.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace pixelpipe::codec::deflate {

// Appends `data` as one dynamic-Huffman block (BFINAL = 0) followed by an empty stored block, so
// `out` ends byte-aligned: segments encoded independently (on different threads) concatenate
// into one valid deflate stream. Distance-1 matches never reach before the segment's first byte.
void fast_segment(const uint8_t *data, size_t size, std::vector<uint8_t> &out);

// The same framing with stored (uncompressed) blocks: compression level 0.
void stored_segment(const uint8_t *data, size_t size, std::vector<uint8_t> &out);

// The final, empty block (fixed Huffman, end-of-block only) that closes a segment stream.
void final_block(std::vector<uint8_t> &out);

// zlib framing (RFC 1950): the 2-byte header, and Adler-32 of the uncompressed bytes.
void zlib_header(std::vector<uint8_t> &out);
// Adler-32 of A||B from adler(A), adler(B) and |B| (checksums of segments computed in parallel).
uint32_t adler32_combine(uint32_t a, uint32_t b, size_t size_b);

}  // namespace pixelpipe::codec::deflate
