// blend.h: a double-precision reference of W3C Compositing and Blending Level 1, written from the
// specification's pseudo-code (§9.1 Porter-Duff, §9.1.4 source-over with blending, §10 blend
// modes incl. the non-separable ones with sorting-based SetSat as the spec writes it) and of
// CSS Images 4 gradients. No pixelpipe code: this is the oracle of tests/cpp/test_composite.cpp.
#pragma once
#include <algorithm>
#include <array>
#include <cmath>
#include <string>

namespace ref {

using C3 = std::array<double, 3>;

inline double lum(C3 c) { return 0.3 * c[0] + 0.59 * c[1] + 0.11 * c[2]; }
inline C3 clip_color(C3 c) {
    const double l = lum(c), n = std::min({c[0], c[1], c[2]}), x = std::max({c[0], c[1], c[2]});
    if (n < 0)
        for (double &v : c) v = l + (v - l) * l / (l - n);
    if (x > 1)
        for (double &v : c) v = l + (v - l) * (1 - l) / (x - l);
    return c;
}
inline C3 set_lum(C3 c, double l) {
    const double d = l - lum(c);
    return clip_color({c[0] + d, c[1] + d, c[2] + d});
}
inline double sat(C3 c) { return std::max({c[0], c[1], c[2]}) - std::min({c[0], c[1], c[2]}); }
// The spec's SetSat: sort the channels into max/mid/min, then assign.
inline C3 set_sat(C3 c, double s) {
    int idx[3] = {0, 1, 2};
    std::sort(idx, idx + 3, [&](int a, int b) { return c[a] < c[b]; });
    C3 out{};
    const int mn = idx[0], md = idx[1], mx = idx[2];
    if (c[mx] > c[mn]) {
        out[md] = (c[md] - c[mn]) * s / (c[mx] - c[mn]);
        out[mx] = s;
    } else {
        out[md] = out[mx] = 0;
    }
    out[mn] = 0;
    return out;
}

inline double separable(const std::string &m, double cb, double cs) {
    auto hard = [](double b, double s) { return s <= 0.5 ? b * 2 * s : b + (2 * s - 1) - b * (2 * s - 1); };
    if (m == "multiply") return cb * cs;
    if (m == "screen") return cb + cs - cb * cs;
    if (m == "overlay") return hard(cs, cb);
    if (m == "darken") return std::min(cb, cs);
    if (m == "lighten") return std::max(cb, cs);
    if (m == "color_dodge") return cb == 0 ? 0 : cs == 1 ? 1 : std::min(1.0, cb / (1 - cs));
    if (m == "color_burn") return cb == 1 ? 1 : cs == 0 ? 0 : 1 - std::min(1.0, (1 - cb) / cs);
    if (m == "hard_light") return hard(cb, cs);
    if (m == "soft_light") {
        if (cs <= 0.5) return cb - (1 - 2 * cs) * cb * (1 - cb);
        const double d = cb <= 0.25 ? ((16 * cb - 12) * cb + 4) * cb : std::sqrt(cb);
        return cb + (2 * cs - 1) * (d - cb);
    }
    if (m == "difference") return std::fabs(cb - cs);
    if (m == "exclusion") return cb + cs - 2 * cb * cs;
    return cs;  // normal
}

inline C3 blend(const std::string &m, C3 cb, C3 cs) {
    if (m == "hue") return set_lum(set_sat(cs, sat(cb)), lum(cb));
    if (m == "saturation") return set_lum(set_sat(cb, sat(cs)), lum(cb));
    if (m == "color") return set_lum(cs, lum(cb));
    if (m == "luminosity") return set_lum(cb, lum(cs));
    return {separable(m, cb[0], cs[0]), separable(m, cb[1], cs[1]), separable(m, cb[2], cs[2])};
}

// One pixel: straight 8-bit backdrop and source (alpha already x opacity x mask, 0..1) →
// straight RGBA in 0..255 (unrounded). Operators as in the spec's Porter-Duff table.
inline std::array<double, 4> composite_pixel(const std::string &m, const uint8_t *b8, const uint8_t *s8, double as) {
    C3 cb{b8[0] / 255.0, b8[1] / 255.0, b8[2] / 255.0}, cs{s8[0] / 255.0, s8[1] / 255.0, s8[2] / 255.0};
    const double ab = b8[3] / 255.0;
    double co[3], ao;
    if (m == "plus_lighter") {
        for (int i = 0; i < 3; ++i) co[i] = std::min(1.0, as * cs[i] + ab * cb[i]);
        ao = std::min(1.0, as + ab);
    } else {
        double fa = 1, fb = 1 - as;  // source-over
        bool blends = true;
        const struct { const char *name; double fa, fb; } pd[] = {
            {"source_in", ab, 0}, {"source_out", 1 - ab, 0}, {"source_atop", ab, 1 - as},
            {"destination_in", 0, as}, {"destination_out", 0, 1 - as}, {"destination_atop", 1 - ab, as},
            {"xor", 1 - ab, 1 - as}};
        for (const auto &op : pd)
            if (m == op.name) fa = op.fa, fb = op.fb, blends = false;
        const C3 bl = blends ? blend(m, cb, cs) : cs;
        for (int i = 0; i < 3; ++i) {
            const double mixed = blends ? (1 - ab) * cs[i] + ab * bl[i] : cs[i];
            co[i] = as * fa * mixed + ab * fb * cb[i];
        }
        ao = as * fa + ab * fb;
    }
    std::array<double, 4> out{0, 0, 0, ao * 255};
    if (ao > 0)
        for (int i = 0; i < 3; ++i) out[i] = std::clamp(co[i] / ao, 0.0, 1.0) * 255;
    return out;
}

// CSS Images 4 gradient colour at position t: stops (offset, straight RGBA8) already fixed up;
// interpolation of premultiplied colours; result straight 0..255.
struct Stop {
    double offset;
    std::array<double, 4> rgba;  // straight 0..255
};
inline std::array<double, 4> gradient_at(const std::vector<Stop> &stops, double t) {
    auto pm = [](const Stop &s) {
        const double a = s.rgba[3] / 255;
        return std::array<double, 4>{s.rgba[0] * a, s.rgba[1] * a, s.rgba[2] * a, a};
    };
    std::array<double, 4> p;
    if (t <= stops.front().offset) p = pm(stops.front());
    else if (t >= stops.back().offset) p = pm(stops.back());
    else {
        size_t i = 0;
        while (!(stops[i].offset <= t && t < stops[i + 1].offset)) ++i;
        const double f = (t - stops[i].offset) / (stops[i + 1].offset - stops[i].offset);
        const auto a = pm(stops[i]), b = pm(stops[i + 1]);
        for (int k = 0; k < 4; ++k) p[k] = a[k] + (b[k] - a[k]) * f;
    }
    if (p[3] <= 0) return {0, 0, 0, 0};
    return {p[0] / p[3], p[1] / p[3], p[2] / p[3], p[3] * 255};
}

}  // namespace ref
