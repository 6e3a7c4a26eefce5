// jpeg.h: JPEG encoder options and entry point (libjpeg-turbo from Debian's source package).
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "codec/encoders/params.h"
#include "core/image.h"
#include "core/status.h"

namespace pixelpipe::codec {

struct JpegOptions {
    int quality = 0;                          // 1..100 (libjpeg's scale)
    bool subsample_420 = true;                // chromaSubsampling '4:2:0' (else '4:4:4')
    bool progressive = false;
    bool optimize_coding = false;             // optimised Huffman tables (a second pass)
    double dpi = 0;                           // JFIF density when > 0
    std::array<uint8_t, 4> background{};      // alpha is flattened onto this colour
};

JpegOptions read_jpeg_options(ParamReader &reader);
Result<std::vector<uint8_t>> encode_jpeg(const Image &image, const JpegOptions &options);

}  // namespace pixelpipe::codec
