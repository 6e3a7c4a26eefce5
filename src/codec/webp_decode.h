// webp_decode.h: WebP (lossy, lossless, alpha; first frame of still images) through libwebp.
// decode.cpp sniffs and checks limits from these headers first, then calls webp_decode.
#pragma once
#include <cstddef>
#include <cstdint>

#include "core/image.h"
#include "core/status.h"

namespace pixelpipe::codec {

struct WebpHeader {
    int width = 0, height = 0;
    bool has_alpha = false;
};

// Reads the dimensions without decoding. DECODE_FAILED for a damaged header or an animation.
Result<WebpHeader> webp_header(const uint8_t *data, size_t size);
// Peak working bytes of libwebp for this file (output + its internal planes).
uint64_t webp_peak_bytes(const WebpHeader &header, size_t file_size);
Result<Image> webp_decode(const uint8_t *data, size_t size, const WebpHeader &header);

}  // namespace pixelpipe::codec
