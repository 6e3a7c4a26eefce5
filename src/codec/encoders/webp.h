// webp.h: WebP encoder options and entry point (libwebp from Debian's source package).
#pragma once
#include <cstdint>
#include <vector>

#include "codec/encoders/params.h"
#include "core/image.h"
#include "core/status.h"

namespace pixelpipe::codec {

struct WebpOptions {
    float quality = 0;   // 0..100: lossy quality; lossless: effort spent on size
    bool lossless = false;
    int effort = 0;      // 0..6: libwebp's `method` (speed/size trade-off)
};

WebpOptions read_webp_options(ParamReader &reader);
Result<std::vector<uint8_t>> encode_webp(const Image &image, const WebpOptions &options);

}  // namespace pixelpipe::codec
