// quantize_space.h: the space extraction and mapping share: OKLab plus alpha (0..1), squared
// Euclidean distance. One alpha step of 1.0 weighs as much as black → white in OKLab L, so a
// translucent and an opaque colour stay apart unless nothing else is near.
#pragma once
#include <cstdint>
#include <vector>

#include "analysis/quantize.h"
#include "color/color.h"

namespace pixelpipe::analysis {

struct Point {
    double l = 0, a = 0, b = 0, alpha = 0;
    double w = 0;  // weight (pixel count) where a point stands for many pixels
};

inline Point to_point(uint8_t r, uint8_t g, uint8_t b, uint8_t a) {
    const color::Lab lab = color::srgb8_to_oklab(r, g, b);
    return {lab.l, lab.a, lab.b, a / 255.0, 0};
}

inline double distance2(const Point &p, const Point &q) {
    const double dl = p.l - q.l, da = p.a - q.a, db = p.b - q.b, dt = p.alpha - q.alpha;
    return dl * dl + da * da + db * db + dt * dt;
}

// Index of the nearest centre; the lowest index wins a tie (deterministic).
inline int nearest(const std::vector<Point> &centres, const Point &p) {
    int best = 0;
    double bd = distance2(centres[0], p);
    for (size_t i = 1; i < centres.size(); ++i) {
        const double d = distance2(centres[i], p);
        if (d < bd) { bd = d; best = int(i); }
    }
    return best;
}

inline PaletteEntry to_entry(const Point &c) {
    const color::Rgb lin = color::oklab_to_linear_srgb({float(c.l), float(c.a), float(c.b)});
    PaletteEntry e;
    e.r = color::to_u8(color::linear_to_srgb(lin.r));
    e.g = color::to_u8(color::linear_to_srgb(lin.g));
    e.b = color::to_u8(color::linear_to_srgb(lin.b));
    e.a = color::to_u8(float(c.alpha));
    return e;
}

// 3-bit alpha level for binning: 0 only for fully transparent, 7 only for opaque.
inline int alpha_level(uint8_t a) { return a == 0 ? 0 : a == 255 ? 7 : 1 + (a - 1) * 6 / 254; }

}  // namespace pixelpipe::analysis
