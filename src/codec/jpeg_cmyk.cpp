// jpeg_cmyk.cpp: see jpeg_cmyk.h.
#include "codec/jpeg_cmyk.h"

#include <cstddef>

namespace pixelpipe::codec {
namespace {

// x·y / 255 rounded to nearest, exact for 8-bit operands (the classic Blinn form).
inline uint8_t mul255(unsigned x, unsigned y) {
    const unsigned t = x * y + 128;
    return uint8_t((t + (t >> 8)) >> 8);
}

}  // namespace

void cmyk_to_rgba(const uint8_t *cmyk, int w, int h, bool adobe_inverted, Image &out) {
    const size_t n = size_t(w) * size_t(h);
    uint8_t *o = out.data();
    const unsigned flip = adobe_inverted ? 0 : 255;  // normalise to "inverted": 255 = no ink
    for (size_t i = 0; i < n; ++i) {
        const uint8_t *s = cmyk + 4 * i;
        const unsigned k = s[3] ^ flip;
        const uint8_t r = mul255(s[0] ^ flip, k), g = mul255(s[1] ^ flip, k), b = mul255(s[2] ^ flip, k);
        o[4 * i] = r;
        o[4 * i + 1] = g;
        o[4 * i + 2] = b;
        o[4 * i + 3] = 255;
    }
}

}  // namespace pixelpipe::codec
