// encode.cpp: the two fixed-setting encoders the variations pipeline calls, as thin wrappers over
// the encoder registry's PNG and JPEG encoders (src/codec/encoders/).
#include "codec/encode.h"

#include <string>

#include "codec/encoders/jpeg.h"
#include "codec/encoders/png.h"

namespace pixelpipe::codec {

Result<std::vector<uint8_t>> encode_png(const Image &image) {
    if (image.empty()) return Status::error(ErrorCode::INVALID_ARGUMENT, "cannot encode an empty image as PNG");
    PngOptions options;
    options.compression_level = 1;  // the fast path
    return encode_png(image, options);
}

Result<std::vector<uint8_t>> encode_jpeg(const Image &image, int quality) {
    if (quality < 1 || quality > 100)
        return Status::error(ErrorCode::INVALID_ARGUMENT, "JPEG quality must be 1..100, got " + std::to_string(quality));
    if (image.empty()) return Status::error(ErrorCode::INVALID_ARGUMENT, "cannot encode an empty image as JPEG");
    JpegOptions options;
    options.quality = quality;
    options.background = {0, 0, 0, 255};  // this entry point has always flattened onto black (sharp's default)
    return encode_jpeg(image, options);
}

}  // namespace pixelpipe::codec
