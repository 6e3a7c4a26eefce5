// ico.h: ICO encoder (PNG-in-ICO, one entry per size).
#pragma once
#include <cstdint>
#include <vector>

#include "codec/encoders/params.h"
#include "core/image.h"
#include "core/status.h"

namespace pixelpipe::codec {

struct IcoOptions {
    std::vector<int> sizes;  // square entry sizes 1..256, e.g. {16, 32, 48}
};

IcoOptions read_ico_options(ParamReader &reader);
Result<std::vector<uint8_t>> encode_ico(const Image &image, const IcoOptions &options);

}  // namespace pixelpipe::codec
