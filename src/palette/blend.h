// blend.h: the `strength` blend every palette mode ends with.
#pragma once
#include <cstdint>

namespace pixelpipe::palette {

// out = src + (target − src)·s256/256 per colour channel in 8-bit sRGB (rounded; s256 = 256 copies
// target exactly, 0 keeps src); alpha from src.
inline void blend_pixel(const uint8_t *src, const uint8_t *target, uint8_t *out, int s256) {
    for (int c = 0; c < 3; ++c) {
        const int d = int(target[c]) - int(src[c]);
        out[c] = uint8_t(int(src[c]) + ((d * s256 + 128) >> 8));
    }
    out[3] = src[3];
}

}  // namespace pixelpipe::palette
