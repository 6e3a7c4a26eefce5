// palette_color.cpp: see palette_color.h.
#include "palette/palette_color.h"

#include <algorithm>
#include <cmath>

namespace pixelpipe::palette {
namespace {

bool in_gamut(const color::Rgb &c) {
    constexpr float eps = 1e-5f;
    return c.r >= -eps && c.r <= 1 + eps && c.g >= -eps && c.g <= 1 + eps && c.b >= -eps && c.b <= 1 + eps;
}

Rgb8 to_srgb8(const color::Rgb &lin) {
    auto u8 = [](float v) { return color::to_u8(color::linear_to_srgb(std::clamp(v, 0.f, 1.f))); };
    return {u8(lin.r), u8(lin.g), u8(lin.b)};
}

}  // namespace

Rgb8 oklab_to_srgb8_gamut_mapped(color::Lab lab) {
    if (lab.l >= 1.f) return {255, 255, 255};
    if (lab.l <= 0.f) return {0, 0, 0};
    color::Rgb lin = color::oklab_to_linear_srgb(lab);
    if (in_gamut(lin)) return to_srgb8(lin);
    const color::Lch lch = color::oklab_to_oklch(lab);
    float lo = 0, hi = lch.c;
    while (hi - lo > 1e-4f) {
        const float mid = (lo + hi) / 2;
        if (in_gamut(color::oklab_to_linear_srgb(color::oklch_to_oklab({lch.l, mid, lch.h})))) lo = mid;
        else hi = mid;
    }
    return to_srgb8(color::oklab_to_linear_srgb(color::oklch_to_oklab({lch.l, lo, lch.h})));
}

}  // namespace pixelpipe::palette
