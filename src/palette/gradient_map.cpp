// gradient_map.cpp: see gradient_map.h.
#include "palette/gradient_map.h"

#include <algorithm>

#include <string>

#include "palette/palette_color.h"
#include "pp_gradient_map.h"

namespace pixelpipe::palette {

GradientLut build_gradient_map(const std::vector<Rgb8> &colors) {
    std::vector<color::Lab> stops;
    for (const Rgb8 &c : colors) stops.push_back(color::srgb8_to_oklab(c.r, c.g, c.b));
    std::stable_sort(stops.begin(), stops.end(), [](const color::Lab &x, const color::Lab &y) { return x.l < y.l; });
    GradientLut lut;
    const int last = int(stops.size()) - 1;
    for (int i = 0; i < 256; ++i) {
        const float pos = last * (float(i) / 255.f);
        const int k = std::min(int(pos), std::max(last - 1, 0));
        const float f = last == 0 ? 0.f : pos - float(k);
        const color::Lab &a = stops[size_t(k)], &b = stops[size_t(std::min(k + 1, last))];
        const float l = color::srgb8_to_oklab(uint8_t(i), uint8_t(i), uint8_t(i)).l;
        lut[size_t(i)] = oklab_to_srgb8_gamut_mapped({l, a.a + (b.a - a.a) * f, a.b + (b.b - a.b) * f});
    }
    return lut;
}

Status apply_gradient_map(const Image &src, const GradientLut &lut, int s256, Image &out) {
    uint32_t table[256];
    for (size_t i = 0; i < 256; ++i) table[i] = uint32_t(lut[i].r) | uint32_t(lut[i].g) << 8 | uint32_t(lut[i].b) << 16;
    Halide::Runtime::Buffer<uint32_t, 1> lut_buf(table, 256);
    auto in_buf = src.view();
    auto out_buf = out.view();
    const int err = pp_gradient_map(in_buf, lut_buf, s256, out_buf);
    return halide_status("pp_gradient_map", err);
}

}  // namespace pixelpipe::palette
