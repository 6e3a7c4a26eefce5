// pixels.h: pixel preparation shared by encoders.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "core/image.h"
#include "core/status.h"

namespace pixelpipe::codec {

bool is_opaque(const Image &image);

// RGB bytes (width*height*3) of `image` composited over the opaque colour background[0..2]
// (the background's alpha is ignored: the output format has no alpha).
Result<std::vector<uint8_t>> flatten_to_rgb(const Image &image, const std::array<uint8_t, 4> &background);

// `image` composited over background (RGB), as an opaque RGBA image.
Result<Image> flatten(const Image &image, const std::array<uint8_t, 4> &background);

}  // namespace pixelpipe::codec
