// bmp.h: BMP encoder (no options).
#pragma once
#include <cstdint>
#include <vector>

#include "codec/encoders/params.h"
#include "core/image.h"

namespace pixelpipe::codec {

Result<std::vector<uint8_t>> encode_bmp(const Image &image, const NoOptions &options);

}  // namespace pixelpipe::codec
