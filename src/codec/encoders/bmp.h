// bmp.h: BMP encoder (no options).
#pragma once
#include <cstdint>
#include <vector>

#include "codec/encoders/params.h"
#include "core/image.h"
#include "core/status.h"

namespace pixelpipe::codec {

struct BmpOptions {};

BmpOptions read_bmp_options(ParamReader &reader);
Result<std::vector<uint8_t>> encode_bmp(const Image &image, const BmpOptions &options);

}  // namespace pixelpipe::codec
