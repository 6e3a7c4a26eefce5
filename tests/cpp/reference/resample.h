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
    return separable_resample(pm, in.width, in.height, kx, ky, out_w, out_h);
}

}  // namespace ref
