// pnm_header.h: the binary PGM/PPM (P5/P6) header, read the way stb_image 2.27 reads it but with
// bounds on the numbers. stb accumulates each header number in an int with no overflow check
// (stbi__pnm_getinteger: value*10 + digit), so "P6 3588888888 ..." is signed overflow (undefined
// behaviour; found by tests/fuzz/fuzz_decode_stb, and a negative size before that). decode.cpp
// reads the header with this first, so stb never sees a number it cannot hold.
#pragma once
#include <cstddef>
#include <cstdint>

#include "core/status.h"

namespace pixelpipe::codec {

struct PnmHeader {
    int64_t width = 0, height = 0;
    int64_t max_value = 0;
    int channels = 0;  // 1 (P5) or 3 (P6)
};

// IMAGE_TOO_LARGE when a dimension has more digits than any allowed size could (stb's int would
// overflow); DECODE_FAILED for a bad magic or a max value over 65535.
Result<PnmHeader> read_pnm_header(const uint8_t *data, size_t size);

}  // namespace pixelpipe::codec
