// jpeg_tables.h: checks of JPEG marker segments that stb_image 2.27 trusts, made on the whole
// file before stb reads it.
//
// DHT: stb_image 2.27 copies a Huffman table's 16 code counts into a 257-entry size list without
// checking that they add up to at most 256 (stbi__build_huffman), so a table with more codes
// overwrites the decoder's state (found by tests/fuzz/fuzz_decode and fuzz_decode_jpeg; stb 2.28
// added the check). DHT segments may come before any frame or between the scans of a progressive
// file, so the whole file is walked: marker segments by their length, entropy-coded data byte by
// byte to the next marker (0xFF00 stuffing and RSTn skipped), as stb itself finds markers.
#pragma once
#include <cstddef>
#include <cstdint>

#include "core/status.h"

namespace pixelpipe::codec {

// DECODE_FAILED "JPEG decode failed: ..." when a DHT table declares more than 256 codes.
Status check_jpeg_huffman_tables(const uint8_t *data, size_t size);

}  // namespace pixelpipe::codec
