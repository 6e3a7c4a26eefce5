// geometry.h: scalar double-precision references for the geometry family (no Halide, no
// pixelpipe code): the kernel resampler with Pillow's reduce()+resize(box) semantics, arbitrary
// rotation by inverse mapping, and the exact moves (crop, flip, rot90, pad, trim box).
#pragma once
#include <algorithm>
#include <cmath>

#include "reference/rgba.h"

namespace ref {

// Kernel ids as ops::Kernel.
enum { kNearest, kBilinear, kBicubic, kMitchell, kLanczos2, kLanczos3 };

inline double sinc(double t) {
    if (t == 0.0) return 1.0;
    t *= M_PI;
    return std::sin(t) / t;
}

inline double cubic(double x, double a) {  // Keys 1981
    x = std::fabs(x);
    if (x < 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
    if (x < 2) return (((x - 5) * x + 8) * x - 4) * a;
    return 0;
}

inline double mitchell(double x) {  // Mitchell-Netravali, B = C = 1/3
    const double B = 1.0 / 3, C = 1.0 / 3;
    x = std::fabs(x);
    if (x < 1) return ((12 - 9 * B - 6 * C) * x * x * x + (-18 + 12 * B + 6 * C) * x * x + (6 - 2 * B)) / 6;
    if (x < 2) return ((-B - 6 * C) * x * x * x + (6 * B + 30 * C) * x * x + (-12 * B - 48 * C) * x + (8 * B + 24 * C)) / 6;
    return 0;
}

inline double kernel_value(int k, double x) {
    switch (k) {
    case kNearest: return (x > -0.5 && x <= 0.5) ? 1 : 0;
    case kBilinear: return std::max(0.0, 1 - std::fabs(x));
    case kBicubic: return cubic(x, -0.5);
    case kMitchell: return mitchell(x);
    case kLanczos2: return (x >= -2 && x < 2) ? sinc(x) * sinc(x / 2) : 0;
    default: return (x >= -3 && x < 3) ? sinc(x) * sinc(x / 3) : 0;
    }
}

inline double kernel_support(int k) { return k == kNearest ? 0.5 : k == kBilinear ? 1 : k == kLanczos3 ? 3 : 2; }

struct Taps {
    std::vector<int> first;
    std::vector<std::vector<double>> w;
};

// Pillow precompute_coeffs(in_size, in0 = 0, in1 = extent, out_size), nearest unstretched.
inline Taps coeffs(int k, int in_size, double extent, int out_size) {
    Taps t;
    const double scale = extent / out_size;
    const double fs = k == kNearest ? 1.0 : std::max(scale, 1.0);
    const double support = kernel_support(k) * fs;
    for (int o = 0; o < out_size; ++o) {
        const double center = (o + 0.5) * scale;
        const int lo = std::max(0, int(center - support + 0.5));
        const int hi = std::min(in_size, int(center + support + 0.5));
        std::vector<double> w;
        double sum = 0;
        for (int x = lo; x < hi; ++x) {
            w.push_back(kernel_value(k, (x - center + 0.5) / fs));
            sum += w.back();
        }
        if (sum != 0)
            for (double &v : w) v /= sum;
        t.first.push_back(lo);
        t.w.push_back(w);
    }
    return t;
}

// reduce(fx, fy) on premultiplied doubles (partial edge blocks average what they have), then the
// separable kernel with Pillow's box (extent in/f), horizontal first, intermediate clamped.
inline Rgba resample(const Rgba &in, int out_w, int out_h, int k, int fx, int fy) {
    const std::vector<double> pm0 = premultiplied(in);
    const int rw = (in.width + fx - 1) / fx, rh = (in.height + fy - 1) / fy;
    std::vector<double> pm(size_t(rw) * rh * 4, 0.0);
    for (int y = 0; y < rh; ++y)
        for (int x = 0; x < rw; ++x) {
            int n = 0;
            for (int j = y * fy; j < std::min(in.height, (y + 1) * fy); ++j)
                for (int i = x * fx; i < std::min(in.width, (x + 1) * fx); ++i, ++n)
                    for (int c = 0; c < 4; ++c) pm[(size_t(y) * rw + x) * 4 + c] += pm0[(size_t(j) * in.width + i) * 4 + c];
            for (int c = 0; c < 4; ++c) pm[(size_t(y) * rw + x) * 4 + c] /= n;
        }
    const Taps kx = coeffs(k, rw, double(in.width) / fx, out_w), ky = coeffs(k, rh, double(in.height) / fy, out_h);
    return separable_resample(pm, rw, rh, kx, ky, out_w, out_h);
}

// Clockwise rotation by `deg` into an ow×oh canvas, centres aligned, background outside;
// bilinear (cubic = false) or Catmull-Rom 4x4 (cubic = true), premultiplied.
inline Rgba rotate(const Rgba &in, double deg, int ow, int oh, const uint8_t bg[4], bool bicubic) {
    const double r = deg * M_PI / 180, cs = std::cos(r), sn = std::sin(r);
    const std::vector<double> pm = premultiplied(in);
    auto src = [&](int x, int y, int c) -> double {
        if (x < 0 || y < 0 || x >= in.width || y >= in.height) return c == 3 ? bg[3] : bg[c] * bg[3] / 255.0;
        return pm[(size_t(y) * in.width + x) * 4 + c];
    };
    std::vector<double> res(size_t(ow) * oh * 4);
    for (int y = 0; y < oh; ++y)
        for (int x = 0; x < ow; ++x) {
            const double dx = x + 0.5 - ow / 2.0, dy = y + 0.5 - oh / 2.0;
            const double u = dx * cs + dy * sn + in.width / 2.0 - 0.5, v = -dx * sn + dy * cs + in.height / 2.0 - 0.5;
            const int ix = int(std::floor(u)), iy = int(std::floor(v));
            const double fx = u - ix, fy = v - iy;
            for (int c = 0; c < 4; ++c) {
                double acc = 0;
                if (!bicubic) {
                    acc = (1 - fy) * ((1 - fx) * src(ix, iy, c) + fx * src(ix + 1, iy, c)) +
                          fy * ((1 - fx) * src(ix, iy + 1, c) + fx * src(ix + 1, iy + 1, c));
                } else {
                    for (int j = -1; j <= 2; ++j)
                        for (int i = -1; i <= 2; ++i) acc += cubic(fx - i, -0.5) * cubic(fy - j, -0.5) * src(ix + i, iy + j, c);
                }
                res[(size_t(y) * ow + x) * 4 + c] = acc;
            }
        }
    Rgba out(ow, oh);
    unpremultiply_to(res, out);
    return out;
}

inline Rgba crop(const Rgba &in, int l, int t, int w, int h) {
    Rgba out(w, h);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            for (int c = 0; c < 4; ++c) out.at(x, y, c) = in.at(l + x, t + y, c);
    return out;
}

// k quarter turns clockwise.
inline Rgba rot90(const Rgba &in, int k) {
    Rgba cur = in;
    for (int i = 0; i < (k % 4 + 4) % 4; ++i) {
        Rgba next(cur.height, cur.width);
        for (int y = 0; y < cur.height; ++y)
            for (int x = 0; x < cur.width; ++x)
                for (int c = 0; c < 4; ++c) next.at(cur.height - 1 - y, x, c) = cur.at(x, y, c);
        cur = next;
    }
    return cur;
}

inline Rgba flip(const Rgba &in, bool mirror, bool upside_down) {
    Rgba out(in.width, in.height);
    for (int y = 0; y < in.height; ++y)
        for (int x = 0; x < in.width; ++x)
            for (int c = 0; c < 4; ++c)
                out.at(x, y, c) = in.at(mirror ? in.width - 1 - x : x, upside_down ? in.height - 1 - y : y, c);
    return out;
}

inline Rgba pad(const Rgba &in, int t, int r, int b, int l, const uint8_t bg[4]) {
    Rgba out(in.width + l + r, in.height + t + b);
    for (int y = 0; y < out.height; ++y)
        for (int x = 0; x < out.width; ++x) {
            const bool inside = x >= l && x < l + in.width && y >= t && y < t + in.height;
            for (int c = 0; c < 4; ++c) out.at(x, y, c) = inside ? in.at(x - l, y - t, c) : bg[c];
        }
    return out;
}

}  // namespace ref
