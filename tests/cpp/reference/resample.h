// resample.h: scalar reference for pp_resample_lanczos3, in double, written from Pillow's
// libImaging/Resample.c (precompute_coeffs + lanczos_filter): for output sample o,
//   scale = in/out, filterscale = max(scale, 1), support = 3 * filterscale,
//   center = (o + 0.5) * scale, taps x in [int(center - support + 0.5) clamped to >= 0,
//   int(center + support + 0.5) clamped to <= in), w = lanczos3((x - center + 0.5) / filterscale),
//   normalised to sum 1 (taps outside the image dropped, not repeated).
// Horizontal pass then vertical; premultiplied alpha; the intermediate is clamped to 0..255 but not
// rounded (Pillow rounds it to 8 bits, one reason its results differ by a level).
#pragma once
#include <algorithm>

#include "reference/rgba.h"

namespace ref {

inline double lanczos3(double x) {
    auto sinc = [](double t) {
        if (t == 0.0) return 1.0;
        t *= M_PI;
        return std::sin(t) / t;
    };
    return (x >= -3.0 && x < 3.0) ? sinc(x) * sinc(x / 3.0) : 0.0;
}

struct Coeffs {
    std::vector<int> first;
    std::vector<std::vector<double>> w;
};

inline Coeffs lanczos3_coeffs(int in_size, int out_size) {
    Coeffs k;
    const double scale = double(in_size) / out_size;
    const double filterscale = std::max(scale, 1.0);
    const double support = 3.0 * filterscale;
    for (int o = 0; o < out_size; ++o) {
        const double center = (o + 0.5) * scale;
        const int lo = std::max(0, int(center - support + 0.5));
        const int hi = std::min(in_size, int(center + support + 0.5));
        std::vector<double> w;
        double sum = 0;
        for (int x = lo; x < hi; ++x) {
            w.push_back(lanczos3((x - center + 0.5) / filterscale));
            sum += w.back();
        }
        if (sum != 0)
            for (double &v : w) v /= sum;
        k.first.push_back(lo);
        k.w.push_back(w);
    }
    return k;
}

inline Rgba resample_lanczos3(const Rgba &in, int out_w, int out_h) {
    const Coeffs kx = lanczos3_coeffs(in.width, out_w), ky = lanczos3_coeffs(in.height, out_h);
    const std::vector<double> pm = premultiplied(in);
    std::vector<double> tmp(size_t(out_w) * in.height * 4, 0.0), res(size_t(out_w) * out_h * 4, 0.0);
    for (int y = 0; y < in.height; ++y)
        for (int x = 0; x < out_w; ++x)
            for (size_t t = 0; t < kx.w[x].size(); ++t)
                for (int c = 0; c < 4; ++c)
                    tmp[(size_t(y) * out_w + x) * 4 + c] += kx.w[x][t] * pm[(size_t(y) * in.width + kx.first[x] + t) * 4 + c];
    // Clamp the horizontal pass to 0..255, as Pillow's 8-bit intermediate does (no double ringing).
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
