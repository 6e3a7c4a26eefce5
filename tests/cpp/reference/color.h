// color.h: scalar double-precision references for the colour transforms, written per pixel from
// the published formulas (Filter Effects Module Level 1 shorthands; IEC 61966-2-1 sRGB curve;
// Fritsch & Carlson 1980), independent of src/ops/color_program.cpp (no tables, no fusion).
// Each op rounds once at its end, as a separate step does.
#pragma once
#include <array>
#include <cstring>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "reference/rgba.h"

namespace ref {

using Px = std::array<double, 4>;  // r, g, b, a on 0..255

inline Rgba map_pixels(const Rgba &in, const std::function<Px(Px)> &f) {
    Rgba out(in.width, in.height);
    for (size_t i = 0; i < in.px.size(); i += 4) {
        const Px p = f({double(in.px[i]), double(in.px[i + 1]), double(in.px[i + 2]), double(in.px[i + 3])});
        for (int c = 0; c < 4; ++c) out.px[i + c] = uint8_t(std::lround(std::clamp(p[c], 0.0, 255.0)));
    }
    return out;
}

inline Px apply_matrix(const double m[3][3], Px p, const double off[3] = nullptr) {
    Px o = p;
    for (int r = 0; r < 3; ++r) o[r] = m[r][0] * p[0] + m[r][1] * p[1] + m[r][2] * p[2] + (off ? off[r] : 0.0);
    return o;
}

inline double luma(const Px &p) { return 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2]; }
inline double to_lin(double v) { v /= 255.0; return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); }
inline double from_lin(double l) {
    l = std::clamp(l, 0.0, 1.0);
    return 255.0 * (l <= 0.0031308 ? 12.92 * l : 1.055 * std::pow(l, 1 / 2.4) - 0.055);
}

// CSS matrices, spelled as in the spec: grayscale/sepia use (1 - amount), saturate s, hue-rotate.
inline Rgba css(const Rgba &in, const std::string &fn, double a) {
    if (fn == "invert") return map_pixels(in, [a](Px p) { for (int c = 0; c < 3; ++c) p[c] = 255 * a + p[c] * (1 - 2 * a); return p; });
    if (fn == "opacity") return map_pixels(in, [a](Px p) { p[3] *= a; return p; });
    if (fn == "brightness") return map_pixels(in, [a](Px p) { for (int c = 0; c < 3; ++c) p[c] *= a; return p; });
    if (fn == "contrast") return map_pixels(in, [a](Px p) { for (int c = 0; c < 3; ++c) p[c] = p[c] * a + 255 * (0.5 - 0.5 * a); return p; });
    double m[3][3];
    if (fn == "grayscale") {
        const double g = 1 - a;
        const double t[3][3] = {{0.2126 + 0.7874 * g, 0.7152 - 0.7152 * g, 0.0722 - 0.0722 * g},
                                {0.2126 - 0.2126 * g, 0.7152 + 0.2848 * g, 0.0722 - 0.0722 * g},
                                {0.2126 - 0.2126 * g, 0.7152 - 0.7152 * g, 0.0722 + 0.9278 * g}};
        std::memcpy(m, t, sizeof m);
    } else if (fn == "sepia") {
        const double g = 1 - a;
        const double t[3][3] = {{0.393 + 0.607 * g, 0.769 - 0.769 * g, 0.189 - 0.189 * g},
                                {0.349 - 0.349 * g, 0.686 + 0.314 * g, 0.168 - 0.168 * g},
                                {0.272 - 0.272 * g, 0.534 - 0.534 * g, 0.131 + 0.869 * g}};
        std::memcpy(m, t, sizeof m);
    } else if (fn == "saturate") {
        const double t[3][3] = {{0.213 + 0.787 * a, 0.715 - 0.715 * a, 0.072 - 0.072 * a},
                                {0.213 - 0.213 * a, 0.715 + 0.285 * a, 0.072 - 0.072 * a},
                                {0.213 - 0.213 * a, 0.715 - 0.715 * a, 0.072 + 0.928 * a}};
        std::memcpy(m, t, sizeof m);
    } else {  // hue_rotate, a in degrees
        const double c = std::cos(a * M_PI / 180), s = std::sin(a * M_PI / 180);
        const double t[3][3] = {{0.213 + c * 0.787 - s * 0.213, 0.715 - c * 0.715 - s * 0.715, 0.072 - c * 0.072 + s * 0.928},
                                {0.213 - c * 0.213 + s * 0.143, 0.715 + c * 0.285 + s * 0.140, 0.072 - c * 0.072 - s * 0.283},
                                {0.213 - c * 0.213 - s * 0.787, 0.715 - c * 0.715 + s * 0.715, 0.072 + c * 0.928 + s * 0.072}};
        std::memcpy(m, t, sizeof m);
    }
    return map_pixels(in, [&m](Px p) { return apply_matrix(m, p); });
}

inline Rgba gamma(const Rgba &in, double g) {
    return map_pixels(in, [g](Px p) { for (int c = 0; c < 3; ++c) p[c] = 255 * std::pow(p[c] / 255, 1 / g); return p; });
}
inline Rgba exposure(const Rgba &in, double stops) {
    return map_pixels(in, [stops](Px p) { for (int c = 0; c < 3; ++c) p[c] = from_lin(to_lin(p[c]) * std::pow(2.0, stops)); return p; });
}
inline Rgba levels(const Rgba &in, double ib, double iw, double g, double ob, double ow) {
    return map_pixels(in, [=](Px p) {
        for (int c = 0; c < 3; ++c) p[c] = ob + std::pow(std::clamp((p[c] - ib) / (iw - ib), 0.0, 1.0), 1 / g) * (ow - ob);
        return p;
    });
}
inline Rgba white_balance(const Rgba &in, double gr, double gg, double gb) {
    return map_pixels(in, [=](Px p) {
        const double k[3] = {gr, gg, gb};
        for (int c = 0; c < 3; ++c) p[c] = from_lin(to_lin(p[c]) * k[c]);
        return p;
    });
}
inline Rgba vibrance(const Rgba &in, double a) {
    return map_pixels(in, [a](Px p) {
        const double y = luma(p), s = (std::max({p[0], p[1], p[2]}) - std::min({p[0], p[1], p[2]})) / 255;
        for (int c = 0; c < 3; ++c) p[c] = y + (p[c] - y) * (1 + a * (1 - s));
        return p;
    });
}
inline Rgba colorize(const Rgba &in, std::array<double, 3> col, double s) {
    const Px cp{col[0], col[1], col[2], 255};
    const double yc = luma(cp);
    return map_pixels(in, [=](Px p) {
        const double y = luma(p);
        for (int c = 0; c < 3; ++c) p[c] = (1 - s) * p[c] + s * (col[c] + y - yc);
        return p;
    });
}
inline Rgba duotone(const Rgba &in, std::array<double, 3> sh, std::array<double, 3> hi) {
    return map_pixels(in, [=](Px p) {
        const double t = luma(p) / 255;
        for (int c = 0; c < 3; ++c) p[c] = sh[c] + (hi[c] - sh[c]) * t;
        return p;
    });
}
inline Rgba posterize(const Rgba &in, int n) {
    return map_pixels(in, [n](Px p) { for (int c = 0; c < 3; ++c) p[c] = std::lround(p[c] * (n - 1) / 255) * 255.0 / (n - 1); return p; });
}
inline Rgba threshold(const Rgba &in, double t) {
    return map_pixels(in, [t](Px p) { const double y = std::lround(luma(p)); for (int c = 0; c < 3; ++c) p[c] = y >= t ? 255 : 0; return p; });
}
inline Rgba channel_mixer(const Rgba &in, const double m[3][4]) {
    return map_pixels(in, [m](Px p) {
        Px o = p;
        for (int r = 0; r < 3; ++r) o[r] = m[r][0] * p[0] + m[r][1] * p[1] + m[r][2] * p[2] + m[r][3];
        return o;
    });
}

// Fritsch-Carlson monotone cubic evaluated at x (points sorted, distinct x).
inline double monotone_cubic(const std::vector<std::pair<double, double>> &p, double x) {
    const size_t n = p.size();
    if (x <= p[0].first) return p[0].second;
    if (x >= p[n - 1].first) return p[n - 1].second;
    std::vector<double> d(n - 1), m(n);
    for (size_t i = 0; i + 1 < n; ++i) d[i] = (p[i + 1].second - p[i].second) / (p[i + 1].first - p[i].first);
    m[0] = d[0], m[n - 1] = d[n - 2];
    for (size_t i = 1; i + 1 < n; ++i) m[i] = (d[i - 1] * d[i] <= 0) ? 0 : (d[i - 1] + d[i]) / 2;
    for (size_t i = 0; i + 1 < n; ++i) {
        if (d[i] == 0) { m[i] = m[i + 1] = 0; continue; }
        const double a = m[i] / d[i], b = m[i + 1] / d[i];
        if (a * a + b * b > 9) { const double t = 3 / std::sqrt(a * a + b * b); m[i] = t * a * d[i]; m[i + 1] = t * b * d[i]; }
    }
    size_t i = 0;
    while (x > p[i + 1].first) ++i;
    const double h = p[i + 1].first - p[i].first, t = (x - p[i].first) / h;
    const double h00 = 2 * t * t * t - 3 * t * t + 1, h10 = t * t * t - 2 * t * t + t, h01 = -2 * t * t * t + 3 * t * t, h11 = t * t * t - t * t;
    return h00 * p[i].second + h10 * h * m[i] + h01 * p[i + 1].second + h11 * h * m[i + 1];
}
inline Rgba curves(const Rgba &in, const std::vector<std::pair<double, double>> &pts) {
    return map_pixels(in, [&pts](Px p) { for (int c = 0; c < 3; ++c) p[c] = monotone_cubic(pts, p[c]); return p; });
}

}  // namespace ref
