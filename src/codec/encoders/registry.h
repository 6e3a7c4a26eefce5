// registry.h: format name → encoder. One header per format under src/codec/encoders/ declares its
// typed options struct, the function that reads them from EncodeParams, and the encoder.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "codec/encoders/params.h"
#include "core/image.h"
#include "core/status.h"

namespace pixelpipe::codec {

struct EncoderInfo {
    std::string format;            // "png", "jpeg", ...
    std::string mime;              // "image/png", ...
    std::vector<std::string> options;  // the option keys the encoder reads (all required)
};

// Encodes `image` (RGBA8, straight alpha) as `format`. Errors: UNSUPPORTED_FORMAT (no such
// encoder: the message names the available ones), INVALID_ARGUMENT (an option missing, unknown,
// or out of range), ENCODE_FAILED, OUT_OF_MEMORY.
Result<std::vector<uint8_t>> encode(const Image &image, const std::string &format, const EncodeParams &params);

// What this build can encode, with each format's option keys (for capabilities() and the test
// that keeps the JS format catalogue and C++ in step).
std::vector<EncoderInfo> list_encoders();

}  // namespace pixelpipe::codec
