// encode.h: RGBA8 Image → encoded bytes in memory (Debian's stb_image_write).
#pragma once
#include <cstdint>
#include <vector>

#include "core/image.h"
#include "core/status.h"

namespace pixelpipe::codec {

// Lossless PNG, RGBA (alpha kept).
Result<std::vector<uint8_t>> encode_png(const Image &image);
// Baseline JPEG, quality 1..100; alpha is dropped (composited over `matte`, default white... see .cpp).
Result<std::vector<uint8_t>> encode_jpeg(const Image &image, int quality);

}  // namespace pixelpipe::codec
