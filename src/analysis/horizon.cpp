// horizon.cpp: Hough transform restricted to near-horizontal lines (see horizon.h).
#include "analysis/horizon.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace pixelpipe::analysis {

std::optional<double> horizon_tilt_degrees(const LumaPlane &p) {
    const int w = p.width, h = p.height;
    if (w < 16 || h < 8) return std::nullopt;
    constexpr double kMaxDeg = 30, kStep = 0.25;
    const int n_theta = int(2 * kMaxDeg / kStep) + 1;
    constexpr int kWindow = int(8 / kStep);  // ±8°
    std::vector<double> sin_t(static_cast<size_t>(n_theta)), cos_t(static_cast<size_t>(n_theta));
    for (int t = 0; t < n_theta; ++t) {
        const double a = (-kMaxDeg + t * kStep) * M_PI / 180.0;
        sin_t[size_t(t)] = std::sin(a);
        cos_t[size_t(t)] = std::cos(a);
    }
    // Edge pixels: Sobel on the interior. The gradient's angle (an atan) is taken only for the
    // pixels that pass the threshold below, which needs the mean magnitude first: one pixel in
    // ten or fewer on photos, and atan per pixel was most of this pass (callgrind).
    struct Edge { int x, y; double m; int t0, t1; };  // t0..t1: the angle bins it votes in
    std::vector<Edge> edges;
    double mean_mag = 0;
    std::vector<double> mag(size_t(w) * size_t(h), 0.0);
    std::vector<int16_t> grad_x(mag.size(), 0), grad_y(mag.size(), 0);
    for (int y = 1; y + 1 < h; ++y)
        for (int x = 1; x + 1 < w; ++x) {
            auto I = [&](int dx, int dy) { return int(p.at(x + dx, y + dy)); };
            const int gx = (I(1, -1) + 2 * I(1, 0) + I(1, 1)) - (I(-1, -1) + 2 * I(-1, 0) + I(-1, 1));
            const int gy = (I(-1, 1) + 2 * I(0, 1) + I(1, 1)) - (I(-1, -1) + 2 * I(0, -1) + I(1, -1));
            const size_t i = size_t(y) * size_t(w) + size_t(x);
            // |g| / 4 in luma levels per pixel (gx² + gy² is exact in double: |g| ≤ 1020).
            mag[i] = std::sqrt(double(gx * gx + gy * gy)) / 4.0;
            mean_mag += mag[i];
            grad_x[i] = int16_t(gx);
            grad_y[i] = int16_t(gy);
        }
    mean_mag /= double(w - 2) * double(h - 2);
    const double threshold = std::max(24.0, 2.0 * mean_mag);
    const double max_slope = std::tan(kMaxDeg * M_PI / 180.0);
    for (int y = 1; y + 1 < h; ++y)
        for (int x = 1; x + 1 < w; ++x) {
            const size_t i = size_t(y) * size_t(w) + size_t(x);
            const int gx = grad_x[i], gy = grad_y[i];
            // Near-horizontal edges only: the gradient within kMaxDeg of vertical.
            if (mag[i] <= threshold || !(std::abs(gx) <= std::abs(gy) * max_slope)) continue;
            // The edge runs perpendicular to the gradient: angle θ with tan θ = −gx / gy (gy ≠ 0
            // here: gy = 0 passes the test above only with gx = 0, a zero magnitude).
            const double angle = std::atan(-double(gx) / gy) * 180.0 / M_PI;
            // Vote only within ±kWindow of the gradient's own angle: Sobel's angle on real
            // edges is good to a few degrees, and a quarter of the votes keeps the pass fast.
            const int centre = int(std::lround((float(angle) + kMaxDeg) / kStep));
            edges.push_back({x, y, mag[i], std::max(0, centre - kWindow), std::min(n_theta - 1, centre + kWindow)});
        }
    if (edges.empty()) return std::nullopt;

    // Line: y cos θ − x sin θ = ρ (θ from the x axis, image y down); ρ in [−w, w + h].
    const int rho_min = -w, n_rho = 2 * w + h + 1;
    std::vector<double> acc(size_t(n_theta) * size_t(n_rho), 0.0);
    std::vector<int> votes(acc.size(), 0);
    for (const Edge &e : edges)
        for (int t = e.t0; t <= e.t1; ++t) {
            const int rho = int(std::lround(e.y * cos_t[size_t(t)] - e.x * sin_t[size_t(t)])) - rho_min;
            acc[size_t(t) * size_t(n_rho) + size_t(rho)] += e.m;
            ++votes[size_t(t) * size_t(n_rho) + size_t(rho)];
        }
    const size_t best = size_t(std::max_element(acc.begin(), acc.end()) - acc.begin());
    const int bt = int(best / size_t(n_rho)), br = int(best % size_t(n_rho));
    // A line must span a third of the width (edge pixels along it; a step edge gives ~2 rows).
    if (votes[best] < w / 3) return std::nullopt;
    // Sub-step angle: parabola through the best cell's angle neighbours (max over ρ ± 1).
    auto cell = [&](int t) {
        if (t < 0 || t >= n_theta) return 0.0;
        double m = 0;
        for (int r = std::max(0, br - 1); r <= std::min(n_rho - 1, br + 1); ++r)
            m = std::max(m, acc[size_t(t) * size_t(n_rho) + size_t(r)]);
        return m;
    };
    const double a = cell(bt - 1), b = acc[best], c = cell(bt + 1);
    const double denom = a - 2 * b + c;
    const double offset = denom < 0 ? std::clamp(0.5 * (a - c) / denom, -0.5, 0.5) : 0.0;
    const double theta = -kMaxDeg + (bt + offset) * kStep;
    // θ > 0: y grows with x (the line falls to the right on screen) = clockwise.
    return -theta;
}

}  // namespace pixelpipe::analysis
