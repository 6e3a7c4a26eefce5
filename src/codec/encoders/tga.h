// tga.h: TGA encoder (no options).
#pragma once
#include <cstdint>
#include <vector>

#include "codec/encoders/params.h"
#include "core/image.h"
#include "core/status.h"

namespace pixelpipe::codec {

struct TgaOptions {};

TgaOptions read_tga_options(ParamReader &reader);
Result<std::vector<uint8_t>> encode_tga(const Image &image, const TgaOptions &options);

}  // namespace pixelpipe::codec
