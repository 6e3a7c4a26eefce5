// saliency.cpp: spectral residual saliency. The map is at most 64×64, so the DFT is the direct
// separable sum (64 × 64 × 2 × 64 complex multiply-adds, well under a millisecond); no FFT library.
#include "analysis/saliency.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <limits>

namespace pixelpipe::analysis {
namespace {

using cd = std::complex<double>;

// In-place 2D DFT of a w×h row-major grid (forward: e^{-i...}; inverse: e^{+i...}, unscaled, as
// OpenCV's DFT_INVERSE without DFT_SCALE: the final division by the max cancels any scale).
void dft2(std::vector<cd> &a, int w, int h, bool inverse) {
    const double sign = inverse ? 1.0 : -1.0;
    auto pass = [&](int n, int count, size_t stride, size_t step) {
        std::vector<cd> tw(static_cast<size_t>(n)), tmp(static_cast<size_t>(n));
        for (int k = 0; k < n; ++k) tw[size_t(k)] = std::polar(1.0, sign * 2.0 * M_PI * k / n);
        for (int line = 0; line < count; ++line) {
            cd *p = a.data() + size_t(line) * step;
            for (int k = 0; k < n; ++k) {
                cd s = 0;
                for (int j = 0; j < n; ++j) s += p[size_t(j) * stride] * tw[size_t((size_t(k) * size_t(j)) % size_t(n))];
                tmp[size_t(k)] = s;
            }
            for (int k = 0; k < n; ++k) p[size_t(k) * stride] = tmp[size_t(k)];
        }
    };
    pass(w, h, 1, size_t(w));  // rows
    pass(h, w, size_t(w), 1);  // columns
}

// OpenCV's BORDER_DEFAULT (reflect-101: ... 2 1 | 0 1 2 ... n-1 | n-2 ...).
int reflect101(int i, int n) {
    if (n == 1) return 0;
    while (i < 0 || i >= n) i = i < 0 ? -i : 2 * (n - 1) - i;
    return i;
}

// Separable filter with reflect-101 borders.
std::vector<double> filter(const std::vector<double> &in, int w, int h, const std::vector<double> &k) {
    const int r = int(k.size()) / 2;
    std::vector<double> tmp(in.size()), out(in.size());
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            double s = 0;
            for (int i = -r; i <= r; ++i) s += k[size_t(i + r)] * in[size_t(y) * size_t(w) + size_t(reflect101(x + i, w))];
            tmp[size_t(y) * size_t(w) + size_t(x)] = s;
        }
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            double s = 0;
            for (int i = -r; i <= r; ++i) s += k[size_t(i + r)] * tmp[size_t(reflect101(y + i, h)) * size_t(w) + size_t(x)];
            out[size_t(y) * size_t(w) + size_t(x)] = s;
        }
    return out;
}

}  // namespace

SaliencyMap spectral_residual(const LumaPlane &small) {
    const int w = small.width, h = small.height;
    const size_t n = size_t(w) * size_t(h);
    std::vector<cd> f(n);
    for (size_t i = 0; i < n; ++i) f[i] = double(small.px[i]);
    dft2(f, w, h, false);
    std::vector<double> log_amp(n), phase(n);
    for (size_t i = 0; i < n; ++i) {
        // log(0) is -inf; the smallest normal double keeps it finite. The floor must be that
        // small: the tiny magnitudes rounding leaves where a synthetic image's spectrum is zero
        // (1e-13 and below) carry the residual there, as in OpenCV (a 1e-9 floor gave r = -0.17
        // against cv2 on a grey square on flat grey, 1.00 with this one).
        log_amp[i] = std::log(std::max(std::abs(f[i]), std::numeric_limits<double>::min()));
        phase[i] = std::arg(f[i]);
    }
    const std::vector<double> mean3 = filter(log_amp, w, h, {1.0 / 3, 1.0 / 3, 1.0 / 3});
    for (size_t i = 0; i < n; ++i) f[i] = std::polar(std::exp(log_amp[i] - mean3[i]), phase[i]);
    dft2(f, w, h, true);
    std::vector<double> mag(n);
    for (size_t i = 0; i < n; ++i) mag[i] = std::abs(f[i]);
    // OpenCV's GaussianBlur(Size(5, 5), sigma 8): 5 taps of exp(-i²/128), normalised.
    std::vector<double> g(5);
    double gs = 0;
    for (int i = -2; i <= 2; ++i) gs += g[size_t(i + 2)] = std::exp(-i * i / 128.0);
    for (double &x : g) x /= gs;
    mag = filter(mag, w, h, g);
    double mx = 0;
    for (double &x : mag) mx = std::max(mx, x *= x);

    SaliencyMap m;
    m.width = w;
    m.height = h;
    m.v.resize(n);
    for (size_t i = 0; i < n; ++i) m.v[i] = mx > 0 && std::isfinite(mx) ? float(mag[i] / mx) : 1.f;
    m.input = small;
    m.sat.assign(size_t(w + 1) * size_t(h + 1), 0.0);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            m.sat[size_t(y + 1) * size_t(w + 1) + size_t(x + 1)] = m.at(x, y) + m.sat[size_t(y) * size_t(w + 1) + size_t(x + 1)] +
                                                                   m.sat[size_t(y + 1) * size_t(w + 1) + size_t(x)] -
                                                                   m.sat[size_t(y) * size_t(w + 1) + size_t(x)];
    return m;
}

Result<SaliencyMap> saliency_map(const LumaPlane &luma) {
    const int factor = (std::max(luma.width, luma.height) + kSaliencySide - 1) / kSaliencySide;
    auto small = box_downscale(luma, factor);
    if (!small.ok()) return small.status();
    SaliencyMap m = spectral_residual(small.value());
    m.scale_x = double(luma.width) / m.width;
    m.scale_y = double(luma.height) / m.height;
    return m;
}

Result<SaliencyMap> saliency_map(const Image &img) {
    auto luma = full_luma(img);
    if (!luma.ok()) return luma.status();
    return saliency_map(luma.value());
}

double saliency_mass(const SaliencyMap &map, double left, double top, double width, double height) {
    // Integral of the piecewise-constant map over [0, x] × [0, y]: bilinear in the SAT.
    auto integral = [&](double x, double y) {
        x = std::clamp(x, 0.0, double(map.width));
        y = std::clamp(y, 0.0, double(map.height));
        const int i = std::min(int(x), map.width - 1), j = std::min(int(y), map.height - 1);
        const double fx = x - i, fy = y - j;
        const size_t s = size_t(map.width) + 1;
        auto S = [&](int a, int b) { return map.sat[size_t(b) * s + size_t(a)]; };
        return S(i, j) + fx * (S(i + 1, j) - S(i, j)) + fy * (S(i, j + 1) - S(i, j)) +
               fx * fy * (S(i + 1, j + 1) - S(i + 1, j) - S(i, j + 1) + S(i, j));
    };
    const double x0 = left / map.scale_x, x1 = (left + width) / map.scale_x;
    const double y0 = top / map.scale_y, y1 = (top + height) / map.scale_y;
    return integral(x1, y1) - integral(x0, y1) - integral(x1, y0) + integral(x0, y0);
}

double saliency_total(const SaliencyMap &map) { return map.sat.empty() ? 0.0 : map.sat.back(); }

CropWindow best_crop(const SaliencyMap &map, int image_w, int image_h, int crop_w, int crop_h) {
    CropWindow best;
    best.width = std::clamp(crop_w, 1, std::max(1, image_w));
    best.height = std::clamp(crop_h, 1, std::max(1, image_h));
    const int nx = image_w - best.width, ny = image_h - best.height;  // last offsets
    const double total = saliency_total(map);
    double best_mass = -1, best_dist = 0;
    for (int y = 0; y <= ny; ++y)
        for (int x = 0; x <= nx; ++x) {
            const double m = saliency_mass(map, x, y, best.width, best.height);
            const double dist = std::hypot(x - nx / 2.0, y - ny / 2.0);
            const double tol = 1e-9 * std::max(1.0, best_mass);
            if (m > best_mass + tol || (std::fabs(m - best_mass) <= tol && dist < best_dist)) {
                best_mass = std::max(m, best_mass);
                best_dist = dist;
                best.left = x;
                best.top = y;
            }
        }
    best.score = total > 0 ? std::clamp(best_mass / total, 0.0, 1.0) : 0.0;
    return best;
}

}  // namespace pixelpipe::analysis
