// encode.h: RGBA8 Image → PNG / JPEG bytes with fixed settings (wrappers over src/codec/encoders/).
#pragma once
#include <cstdint>
#include <vector>

#include "core/image.h"
#include "core/status.h"

namespace pixelpipe::codec {

// Lossless PNG (RGBA, or RGB when opaque), the fast compression path.
Result<std::vector<uint8_t>> encode_png(const Image &image);
// Baseline 4:2:0 JPEG, quality 1..100; alpha is flattened onto black.
Result<std::vector<uint8_t>> encode_jpeg(const Image &image, int quality);

}  // namespace pixelpipe::codec
