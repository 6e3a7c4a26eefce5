// pixels.cpp: see pixels.h.
#include "codec/encoders/pixels.h"

#include <cstring>

namespace pixelpipe::codec {
namespace {
inline uint8_t over(unsigned c, unsigned a, unsigned bg) { return uint8_t((c * a + bg * (255 - a) + 127) / 255); }
}  // namespace

bool is_opaque(const Image &image) {
    const uint8_t *p = image.data();
    const size_t n = size_t(image.width()) * size_t(image.height());
    uint8_t all = 255;
    for (size_t i = 0; i < n; ++i) all &= p[i * 4 + 3];  // branch-free: vectorises
    return all == 255;
}

Result<std::vector<uint8_t>> flatten_to_rgb(const Image &image, const std::array<uint8_t, 4> &bg) {
    const size_t n = size_t(image.width()) * size_t(image.height());
    std::vector<uint8_t> rgb;
    rgb.resize(n * 3);
    const uint8_t *p = image.data();
    uint8_t *q = rgb.data();
    for (size_t i = 0; i < n; ++i, p += 4, q += 3) {
        const unsigned a = p[3];
        q[0] = over(p[0], a, bg[0]);
        q[1] = over(p[1], a, bg[1]);
        q[2] = over(p[2], a, bg[2]);
    }
    return rgb;
}

Result<Image> flatten(const Image &image, const std::array<uint8_t, 4> &bg) {
    auto out = Image::allocate(image.width(), image.height());
    if (!out.ok()) return out.status();
    const size_t n = size_t(image.width()) * size_t(image.height());
    const uint8_t *p = image.data();
    uint8_t *q = out.value().data();
    for (size_t i = 0; i < n; ++i, p += 4, q += 4) {
        const unsigned a = p[3];
        q[0] = over(p[0], a, bg[0]);
        q[1] = over(p[1], a, bg[1]);
        q[2] = over(p[2], a, bg[2]);
        q[3] = 255;
    }
    return out;
}

}  // namespace pixelpipe::codec
