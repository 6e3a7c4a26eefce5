// rgba.h: a plain RGBA8 image for the scalar references (no Halide, no pixelpipe code).
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace ref {

struct Rgba {
    int width = 0, height = 0;
    std::vector<uint8_t> px;  // interleaved RGBA, row-major
    Rgba() = default;
    Rgba(int w, int h) : width(w), height(h), px(size_t(w) * h * 4, 0) {}
    uint8_t &at(int x, int y, int c) { return px[(size_t(y) * width + x) * 4 + c]; }
    uint8_t at(int x, int y, int c) const { return px[(size_t(y) * width + x) * 4 + c]; }
};

// Premultiplied double planes → straight RGBA8: same convention as color_math.h.
inline void unpremultiply_to(const std::vector<double> &pm, Rgba &out) {
    for (size_t i = 0; i < size_t(out.width) * out.height; ++i) {
        const double a = std::min(255.0, std::max(0.0, pm[i * 4 + 3]));
        for (int c = 0; c < 3; ++c) {
            double v = a < 0.5 ? 0.0 : std::min(255.0, std::max(0.0, pm[i * 4 + c] * 255.0 / a));
            out.px[i * 4 + c] = uint8_t(std::lround(v));
        }
        out.px[i * 4 + 3] = uint8_t(std::lround(a));
    }
}

inline std::vector<double> premultiplied(const Rgba &in) {
    std::vector<double> pm(in.px.size());
    for (size_t i = 0; i < size_t(in.width) * in.height; ++i) {
        const double a = in.px[i * 4 + 3];
        for (int c = 0; c < 3; ++c) pm[i * 4 + c] = in.px[i * 4 + c] * a / 255.0;
        pm[i * 4 + 3] = a;
    }
    return pm;
}


// The separable resampling both references share: premultiplied doubles (in_w×in_h) → horizontal
// taps → clamp to 0..255 (Pillow's 8-bit intermediate: no double ringing) → vertical taps →
// straight RGBA8. `Taps` is any {first[i], w[i][t]} table of per-output-pixel taps.
template <typename Taps>
inline Rgba separable_resample(const std::vector<double> &pm, int in_w, int in_h, const Taps &kx, const Taps &ky,
                               int out_w, int out_h) {
    std::vector<double> tmp(size_t(out_w) * in_h * 4, 0.0), res(size_t(out_w) * out_h * 4, 0.0);
    for (int y = 0; y < in_h; ++y)
        for (int x = 0; x < out_w; ++x)
            for (size_t t = 0; t < kx.w[x].size(); ++t)
                for (int c = 0; c < 4; ++c)
                    tmp[(size_t(y) * out_w + x) * 4 + c] += kx.w[x][t] * pm[(size_t(y) * in_w + kx.first[x] + t) * 4 + c];
    for (double &v : tmp) v = std::min(255.0, std::max(0.0, v));
    for (int y = 0; y < out_h; ++y)
        for (size_t t = 0; t < ky.w[y].size(); ++t)
            for (int x = 0; x < out_w; ++x)
                for (int c = 0; c < 4; ++c)
                    res[(size_t(y) * out_w + x) * 4 + c] += ky.w[y][t] * tmp[(size_t(ky.first[y] + t) * out_w + x) * 4 + c];
    Rgba out(out_w, out_h);
    unpremultiply_to(res, out);
    return out;
}

}  // namespace ref
