// gif.h: GIF encoder options and entry point (one frame).
#pragma once
#include <cstdint>
#include <vector>

#include "codec/encoders/params.h"
#include "core/image.h"
#include "core/status.h"

namespace pixelpipe::codec {

struct GifOptions {
    int colors = 256;  // 2..256, including the transparent entry when the image has one
    float dither = 0;  // Floyd–Steinberg strength 0..1
};

GifOptions read_gif_options(ParamReader &reader);
Result<std::vector<uint8_t>> encode_gif(const Image &image, const GifOptions &options);

// GIF's variable-width LZW (codes up to 12 bits, a clear code when the table fills), packed into
// ≤ 255-byte sub-blocks with the terminating empty block. Exposed for the tests.
void gif_lzw(const uint8_t *indices, size_t count, int min_code_size, std::vector<uint8_t> &out);

}  // namespace pixelpipe::codec
