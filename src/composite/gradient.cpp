// gradient.cpp: render_gradient (gradient.h). Scalar per pixel: a gradient costs a few ns per
// pixel next to the resampling and blending around it, and its layer is never larger than the box.
#include "composite/gradient.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace pixelpipe::composite {
namespace {

struct Premul {
    float r, g, b, a;  // premultiplied, 0..1
};

Premul premultiplied(const Rgba8 &c) {
    const float a = c[3] / 255.0f;
    return {c[0] / 255.0f * a, c[1] / 255.0f * a, c[2] / 255.0f * a, a};
}

struct Ramp {
    std::vector<double> offsets;
    std::vector<Premul> colors;

    // Straight RGBA8 at gradient position t.
    void sample(double t, uint8_t *out) const {
        Premul p;
        const size_t n = offsets.size();
        if (t <= offsets.front()) {
            p = colors.front();
        } else if (t >= offsets.back()) {
            p = colors.back();
        } else {
            size_t i = 0;  // offsets[i] <= t < offsets[i + 1]; zero-length segments are skipped
            while (i + 2 < n && offsets[i + 1] <= t) ++i;
            const float f = float((t - offsets[i]) / (offsets[i + 1] - offsets[i]));
            const Premul &a = colors[i], &b = colors[i + 1];
            p = {a.r + (b.r - a.r) * f, a.g + (b.g - a.g) * f, a.b + (b.b - a.b) * f, a.a + (b.a - a.a) * f};
        }
        auto to8 = [](float v) { return uint8_t(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f)); };
        if (p.a <= 0) {
            out[0] = out[1] = out[2] = out[3] = 0;
            return;
        }
        out[0] = to8(p.r / p.a);
        out[1] = to8(p.g / p.a);
        out[2] = to8(p.b / p.a);
        out[3] = to8(p.a);
    }
};

Status bad(const std::string &msg) { return Status::error(ErrorCode::INVALID_ARGUMENT, "gradient: " + msg); }

}  // namespace

Result<Image> render_gradient(const Gradient &g, int width, int height) {
    if (g.stops.empty()) return bad("needs at least one stop");
    Ramp ramp;
    double previous = -INFINITY;
    for (const auto &s : g.stops) {
        if (!std::isfinite(s.offset)) return bad("stop offsets must be finite numbers");
        previous = std::max(previous, s.offset);  // CSS fix-up: never before an earlier stop
        ramp.offsets.push_back(previous);
        ramp.colors.push_back(premultiplied(s.color));
    }
    if (ramp.offsets.size() == 1) {  // one stop: a solid colour over the whole line
        ramp.offsets.push_back(ramp.offsets[0]);
        ramp.colors.push_back(ramp.colors[0]);
    }
    const double w = width, h = height;
    double dir_x = 0, dir_y = 0, length = 1, cx = w / 2, cy = h / 2;
    if (g.radial) {
        if (std::isfinite(g.center_x)) cx = g.center_x;
        if (std::isfinite(g.center_y)) cy = g.center_y;
        length = g.radius;
        if (!std::isfinite(length) || length <= 0) {  // farthest-corner
            const double dx = std::max(cx, w - cx), dy = std::max(cy, h - cy);
            length = std::hypot(dx, dy);
        }
        if (!(length > 0)) return bad("radius must be positive");
    } else {
        if (!std::isfinite(g.angle)) return bad("angle must be a finite number of degrees");
        const double a = g.angle * M_PI / 180.0;
        dir_x = std::sin(a);   // CSS: 0deg points up, angles grow clockwise (y down)
        dir_y = -std::cos(a);
        length = std::fabs(w * dir_x) + std::fabs(h * dir_y);
        if (!(length > 0)) length = 1;
    }
    auto img = Image::allocate(width, height);
    if (!img.ok()) return img.status();
    Image &out = img.value();
    auto t_at = [&](int x, int y) {
        const double px = x + 0.5 - cx, py = y + 0.5 - cy;
        return g.radial ? std::sqrt(px * px + py * py) / length : (px * dir_x + py * dir_y) / length + 0.5;
    };
    // Axis-aligned linear gradients (the usual scrims) repeat one pixel per row or one row:
    // sample once and copy (4016x1000 scrim: 130 ms per-pixel -> a few ms).
    const bool vertical = !g.radial && std::fabs(dir_x) < 1e-12, horizontal = !g.radial && std::fabs(dir_y) < 1e-12;
    for (int y = 0; y < height; ++y) {
        uint8_t *row = out.row(y);
        if (vertical) {
            ramp.sample(t_at(0, y), row);
            for (int x = 1; x < width; ++x) std::memcpy(row + size_t(x) * 4, row, 4);
        } else if (horizontal && y > 0) {
            std::memcpy(row, out.row(0), out.stride());
        } else {
            for (int x = 0; x < width; ++x) ramp.sample(t_at(x, y), row + size_t(x) * 4);
        }
    }
    return img;
}

}  // namespace pixelpipe::composite
