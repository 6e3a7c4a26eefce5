// limits.h: the one place for resource limits. Checked against header dimensions before any
// pixel buffer is allocated.
#pragma once
#include <cstdint>
#include <string>

#include "core/status.h"

namespace pixelpipe {

struct Limits {
    uint64_t max_pixels = 100'000'000;  // 100 megapixels
    int max_side = 32768;
};

// IMAGE_TOO_LARGE (or INVALID_ARGUMENT for non-positive sizes) when w×h breaks the limits.
Status check_dimensions(int64_t width, int64_t height, const Limits &limits);

}  // namespace pixelpipe
