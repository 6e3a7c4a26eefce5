#include "codec/orient.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace pixelpipe::codec {
namespace {
inline void swap_px(uint8_t *a, uint8_t *b) {
    uint32_t t, u;
    std::memcpy(&t, a, 4);
    std::memcpy(&u, b, 4);
    std::memcpy(a, &u, 4);
    std::memcpy(b, &t, 4);
}
void mirror_rows(Image &img) {
    const int w = img.width();
    for (int y = 0; y < img.height(); ++y) {
        uint8_t *r = img.row(y);
        for (int x = 0; x < w / 2; ++x) swap_px(r + size_t(x) * 4, r + size_t(w - 1 - x) * 4);
    }
}
void flip_vertical(Image &img) {
    const int h = img.height();
    const size_t stride = img.stride();
    for (int y = 0; y < h / 2; ++y) {
        uint8_t *a = img.row(y), *b = img.row(h - 1 - y);
        for (size_t i = 0; i < stride; ++i) std::swap(a[i], b[i]);
    }
}
}  // namespace

Result<Image> apply_orientation(Image src, int orientation) {
    if (src.empty() || orientation <= 1 || orientation > 8) return src;
    switch (orientation) {
    case 2: mirror_rows(src); return src;
    case 3: mirror_rows(src); flip_vertical(src); return src;
    case 4: flip_vertical(src); return src;
    default: break;
    }
    // 5..8: destination is h×w. For destination pixel (dx, dy) pick the source pixel:
    //   5 transpose:   src(x = dy,        y = dx)
    //   6 rotate 90 CW: src(x = dy,        y = H-1-dx)
    //   7 transverse:  src(x = W-1-dy,    y = H-1-dx)
    //   8 rotate 90 CCW: src(x = W-1-dy,  y = dx)
    const int W = src.width(), H = src.height();
    auto dst_r = Image::allocate(H, W);
    if (!dst_r.ok()) return dst_r.status();
    Image dst = dst_r.take();
    const bool flip_x = orientation == 6 || orientation == 7;  // dx → H-1-dx
    const bool flip_y = orientation == 7 || orientation == 8;  // dy → W-1-dy
    const uint8_t *s = src.data();
    for (int dy = 0; dy < W; ++dy) {
        const int sx = flip_y ? W - 1 - dy : dy;
        uint8_t *d = dst.row(dy);
        for (int dx = 0; dx < H; ++dx) {
            const int sy = flip_x ? H - 1 - dx : dx;
            std::memcpy(d + size_t(dx) * 4, s + (size_t(sy) * size_t(W) + size_t(sx)) * 4, 4);
        }
    }
    return dst;
}

}  // namespace pixelpipe::codec
