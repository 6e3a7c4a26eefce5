// gaussian_blur.h: scalar reference for pp_gaussian_blur, in double. Kernel: radius
// r = max(1, ceil(3 sigma)), w(k) = exp(-k^2 / (2 sigma^2)) for |k| <= r, normalised to sum 1
// (OpenCV getGaussianKernel with ksize 2r+1). Edges repeated (BORDER_REPLICATE). Premultiplied alpha.
#pragma once
#include <algorithm>

#include "reference/rgba.h"

namespace ref {

inline Rgba gaussian_blur(const Rgba &in, double sigma) {
    const int r = std::max(1, int(std::ceil(3.0 * sigma)));
    std::vector<double> w(2 * r + 1);
    double sum = 0;
    for (int k = -r; k <= r; ++k) sum += (w[k + r] = std::exp(-double(k * k) / (2 * sigma * sigma)));
    for (double &v : w) v /= sum;

    const int W = in.width, H = in.height;
    const std::vector<double> pm = premultiplied(in);
    std::vector<double> tmp(pm.size()), out_pm(pm.size());
    for (int y = 0; y < H; ++y)  // vertical
        for (int x = 0; x < W; ++x)
            for (int c = 0; c < 4; ++c) {
                double s = 0;
                for (int k = -r; k <= r; ++k) {
                    const int yy = std::min(H - 1, std::max(0, y + k));
                    s += w[k + r] * pm[(size_t(yy) * W + x) * 4 + c];
                }
                tmp[(size_t(y) * W + x) * 4 + c] = s;
            }
    for (int y = 0; y < H; ++y)  // horizontal
        for (int x = 0; x < W; ++x)
            for (int c = 0; c < 4; ++c) {
                double s = 0;
                for (int k = -r; k <= r; ++k) {
                    const int xx = std::min(W - 1, std::max(0, x + k));
                    s += w[k + r] * tmp[(size_t(y) * W + xx) * 4 + c];
                }
                out_pm[(size_t(y) * W + x) * 4 + c] = s;
            }
    Rgba out(W, H);
    unpremultiply_to(out_pm, out);
    return out;
}

}  // namespace ref
