// filters.h: scalar double-precision references for the filters family (tests/cpp/test_filters.cpp).
// Straightforward loops over the definitions in src/ops/filters.h; edges replicated by clamping.
#pragma once
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "reference/rgba.h"

namespace ref {

inline int clampi(int v, int lo, int hi) { return std::min(hi, std::max(lo, v)); }

// One box pass of radius r along both axes on premultiplied planes over the replicated image
// (the replication is done once, by the caller's halo `m`).
inline std::vector<double> box_pass(const std::vector<double> &pm, int W, int H, int r) {
    std::vector<double> tmp(pm.size()), out(pm.size());
    for (int y = 0; y < H; ++y)
        for (int x = 0; x < W; ++x)
            for (int c = 0; c < 4; ++c) {
                double s = 0;
                for (int k = -r; k <= r; ++k) s += pm[(size_t(clampi(y + k, 0, H - 1)) * W + x) * 4 + c];
                tmp[(size_t(y) * W + x) * 4 + c] = s / (2 * r + 1);
            }
    for (int y = 0; y < H; ++y)
        for (int x = 0; x < W; ++x)
            for (int c = 0; c < 4; ++c) {
                double s = 0;
                for (int k = -r; k <= r; ++k) s += tmp[(size_t(y) * W + clampi(x + k, 0, W - 1)) * 4 + c];
                out[(size_t(y) * W + x) * 4 + c] = s / (2 * r + 1);
            }
    return out;
}

// Cascade of boxes on the image replicated once by the sum of the radii (pp_box_blur3).
inline Rgba box_cascade(const Rgba &in, std::vector<int> radii) {
    int m = 0;
    for (int r : radii) m += r;
    const int W = in.width + 2 * m, H = in.height + 2 * m;
    Rgba padded(W, H);
    for (int y = 0; y < H; ++y)
        for (int x = 0; x < W; ++x)
            for (int c = 0; c < 4; ++c)
                padded.at(x, y, c) = in.at(clampi(x - m, 0, in.width - 1), clampi(y - m, 0, in.height - 1), c);
    std::vector<double> pm = premultiplied(padded);
    for (int r : radii) pm = box_pass(pm, W, H, r);
    std::vector<double> crop(size_t(in.width) * in.height * 4);
    for (int y = 0; y < in.height; ++y)
        for (int x = 0; x < in.width; ++x)
            for (int c = 0; c < 4; ++c) crop[(size_t(y) * in.width + x) * 4 + c] = pm[(size_t(y + m) * W + x + m) * 4 + c];
    Rgba out(in.width, in.height);
    unpremultiply_to(crop, out);
    return out;
}

inline Rgba median(const Rgba &in, int size) {
    const int r = size / 2;
    Rgba out(in.width, in.height);
    std::vector<uint8_t> w;
    for (int y = 0; y < in.height; ++y)
        for (int x = 0; x < in.width; ++x)
            for (int c = 0; c < 4; ++c) {
                w.clear();
                for (int j = -r; j <= r; ++j)
                    for (int i = -r; i <= r; ++i)
                        w.push_back(in.at(clampi(x + i, 0, in.width - 1), clampi(y + j, 0, in.height - 1), c));
                std::nth_element(w.begin(), w.begin() + w.size() / 2, w.end());
                out.at(x, y, c) = w[w.size() / 2];
            }
    return out;
}

// Correlation on premultiplied colour, / divisor, unpremultiplied by the centre alpha, + offset.
inline Rgba convolve(const Rgba &in, const std::vector<double> &kernel, double divisor, double offset) {
    const int k = int(std::lround(std::sqrt(double(kernel.size())))), r = k / 2;
    double sum = 0;
    for (double v : kernel) sum += v;
    if (divisor == 0) divisor = sum != 0 ? sum : 1;
    const std::vector<double> pm = premultiplied(in);
    Rgba out(in.width, in.height);
    for (int y = 0; y < in.height; ++y)
        for (int x = 0; x < in.width; ++x) {
            const double a = in.at(x, y, 3);
            for (int c = 0; c < 3; ++c) {
                double s = 0;
                for (int j = 0; j < k; ++j)
                    for (int i = 0; i < k; ++i)
                        s += kernel[j * k + i] *
                             pm[(size_t(clampi(y + j - r, 0, in.height - 1)) * in.width + clampi(x + i - r, 0, in.width - 1)) * 4 + c];
                const double v = a < 0.5 ? 0 : std::min(255.0, std::max(0.0, s / divisor * 255.0 / a + offset));
                out.at(x, y, c) = uint8_t(std::lround(v));
            }
            out.at(x, y, 3) = uint8_t(a);
        }
    return out;
}

inline Rgba edge_detect(const Rgba &in, bool sobel) {
    const int W = in.width, H = in.height;
    std::vector<double> l(size_t(W) * H);
    for (int y = 0; y < H; ++y)
        for (int x = 0; x < W; ++x)
            l[size_t(y) * W + x] = (0.2126 * in.at(x, y, 0) + 0.7152 * in.at(x, y, 1) + 0.0722 * in.at(x, y, 2)) * in.at(x, y, 3) / 255.0;
    auto L = [&](int x, int y) { return l[size_t(clampi(y, 0, H - 1)) * W + clampi(x, 0, W - 1)]; };
    Rgba out(W, H);
    for (int y = 0; y < H; ++y)
        for (int x = 0; x < W; ++x) {
            double m;
            if (sobel) {
                const double gx = L(x + 1, y - 1) + 2 * L(x + 1, y) + L(x + 1, y + 1) - L(x - 1, y - 1) - 2 * L(x - 1, y) - L(x - 1, y + 1);
                const double gy = L(x - 1, y + 1) + 2 * L(x, y + 1) + L(x + 1, y + 1) - L(x - 1, y - 1) - 2 * L(x, y - 1) - L(x + 1, y - 1);
                m = std::sqrt(gx * gx + gy * gy);
            } else {
                m = std::fabs(L(x - 1, y) + L(x + 1, y) + L(x, y - 1) + L(x, y + 1) - 4 * L(x, y));
            }
            const uint8_t v = uint8_t(std::lround(std::min(255.0, m)));
            out.at(x, y, 0) = out.at(x, y, 1) = out.at(x, y, 2) = v;
            out.at(x, y, 3) = in.at(x, y, 3);
        }
    return out;
}

inline Rgba pixelate(const Rgba &in, int size) {
    const std::vector<double> pm = premultiplied(in);
    std::vector<double> res(pm.size());
    for (int by = 0; by < in.height; by += size)
        for (int bx = 0; bx < in.width; bx += size) {
            double s[4] = {0, 0, 0, 0};
            int n = 0;
            for (int y = by; y < std::min(in.height, by + size); ++y)
                for (int x = bx; x < std::min(in.width, bx + size); ++x, ++n)
                    for (int c = 0; c < 4; ++c) s[c] += pm[(size_t(y) * in.width + x) * 4 + c];
            for (int y = by; y < std::min(in.height, by + size); ++y)
                for (int x = bx; x < std::min(in.width, bx + size); ++x)
                    for (int c = 0; c < 4; ++c) res[(size_t(y) * in.width + x) * 4 + c] = s[c] / n;
        }
    Rgba out(in.width, in.height);
    unpremultiply_to(res, out);
    return out;
}

inline Rgba vignette(const Rgba &in, double strength, double radius) {
    const double W = in.width, H = in.height, half_diag = 0.5 * std::sqrt(W * W + H * H);
    Rgba out(in.width, in.height);
    for (int y = 0; y < in.height; ++y)
        for (int x = 0; x < in.width; ++x) {
            const double d = std::hypot(x + 0.5 - W / 2, y + 0.5 - H / 2) / half_diag;
            const double t = std::min(1.0, std::max(0.0, (d - (radius - 0.5)) * 2));
            const double f = 1 - strength * t * t * (3 - 2 * t);
            for (int c = 0; c < 3; ++c) out.at(x, y, c) = uint8_t(std::lround(std::min(255.0, in.at(x, y, c) * f)));
            out.at(x, y, 3) = in.at(x, y, 3);
        }
    return out;
}

// cv2.bilateralFilter(d = 0) with alpha-weighted neighbours (src/ops/filters.h).
inline Rgba bilateral(const Rgba &in, double ss, double sr) {
    const int R = std::max(1, int(std::nearbyint(ss * 1.5)));
    Rgba out(in.width, in.height);
    for (int y = 0; y < in.height; ++y)
        for (int x = 0; x < in.width; ++x) {
            double s[3] = {0, 0, 0}, ws = 0;
            for (int j = -R; j <= R; ++j)
                for (int i = -R; i <= R; ++i) {
                    if (i * i + j * j > R * R) continue;
                    const int xx = clampi(x + i, 0, in.width - 1), yy = clampi(y + j, 0, in.height - 1);
                    double d = 0;
                    for (int c = 0; c < 3; ++c) d += std::fabs(double(in.at(xx, yy, c)) - in.at(x, y, c));
                    const double w = std::exp(-(i * i + j * j) / (2 * ss * ss) - d * d / (2 * sr * sr)) * in.at(xx, yy, 3);
                    for (int c = 0; c < 3; ++c) s[c] += w * in.at(xx, yy, c);
                    ws += w;
                }
            for (int c = 0; c < 3; ++c) out.at(x, y, c) = ws > 0 ? uint8_t(std::lround(std::min(255.0, s[c] / ws))) : 0;
            out.at(x, y, 3) = in.at(x, y, 3);
        }
    return out;
}

}  // namespace ref
