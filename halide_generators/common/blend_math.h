// blend_math.h: W3C Compositing and Blending Level 1 as Halide Exprs on 0..1 floats.
// The blend functions B(Cb, Cs) (§10), the non-separable helpers (§10.2) and the compositing
// formula with run-time Porter-Duff factors (§9.1); composite_generator.cpp puts them together.
#pragma once
#include <array>

#include "Halide.h"
#include "color_math.h"
#include "layout.h"
#include "../../src/composite/blend_mode.h"

namespace pixelpipe::gen {

using Rgb3 = std::array<Halide::Expr, 3>;

// Channel `ch` of packed pixels (layout.h) as a float 0..1: through i32, an exact single vector
// convert (f32x4.convert_i32x4_s), with no 2^23 bit trick for fast-math to reassociate.
inline Halide::Expr packed_unit(const Halide::Expr &px, int ch) {
    return Halide::cast<float>(Halide::cast<int32_t>(packed_channel(px, ch))) * (1.0f / 255.0f);
}

// The coverage a packed mask pixel gives a layer's alpha (composite::MaskMode; CSS Masking 1's
// luminance mask is Rec.709 luma x the mask's alpha); 1 when mask_mode is None.
inline Halide::Expr mask_coverage(const Halide::Expr &m, const Halide::Expr &mask_mode) {
    using Halide::select;
    Halide::Expr m_alpha = packed_unit(m, 3);
    Halide::Expr m_luma = luma709(packed_unit(m, 0), packed_unit(m, 1), packed_unit(m, 2));
    return select(mask_mode == int(composite::MaskMode::Luminance), m_luma * m_alpha,
                  mask_mode == int(composite::MaskMode::Alpha), m_alpha, 1.0f);
}

namespace blend_detail {
using namespace Halide;

inline Expr multiply(Expr b, Expr s) { return b * s; }
inline Expr screen(Expr b, Expr s) { return b + s - b * s; }
inline Expr hard_light(Expr b, Expr s) {
    return select(s <= 0.5f, multiply(b, 2.0f * s), screen(b, 2.0f * s - 1.0f));
}
inline Expr color_dodge(Expr b, Expr s) {
    return select(b <= 0.0f, 0.0f, s >= 1.0f, 1.0f, min(1.0f, b / max(1.0f - s, 1e-12f)));
}
inline Expr color_burn(Expr b, Expr s) {
    return select(b >= 1.0f, 1.0f, s <= 0.0f, 0.0f, 1.0f - min(1.0f, (1.0f - b) / max(s, 1e-12f)));
}
inline Expr soft_light(Expr b, Expr s) {
    Expr d = select(b <= 0.25f, ((16.0f * b - 12.0f) * b + 4.0f) * b, sqrt(b));
    return select(s <= 0.5f, b - (1.0f - 2.0f * s) * b * (1.0f - b), b + (2.0f * s - 1.0f) * (d - b));
}

// Non-separable helpers (§10.2): Lum with 0.3/0.59/0.11, ClipColor, Sat, SetSat (SetLum is
// staged in the generator).
inline Expr lum(const Rgb3 &c) { return 0.3f * c[0] + 0.59f * c[1] + 0.11f * c[2]; }
inline Expr sat(const Rgb3 &c) { return max(c[0], max(c[1], c[2])) - min(c[0], min(c[1], c[2])); }
inline Rgb3 clip_color(const Rgb3 &c) {
    Expr l = lum(c);
    Expr n = min(c[0], min(c[1], c[2])), x = max(c[0], max(c[1], c[2]));
    // As the spec writes it (x is the max before the first step; both steps never apply
    // together since the channels span at most 1). n < 0 implies l > n and x > 1 implies
    // x > l: the guards only keep the unselected branch finite.
    Rgb3 out;
    for (int i = 0; i < 3; ++i) {
        Expr v = select(n < 0.0f, l + (c[i] - l) * l / max(l - n, 1e-12f), c[i]);
        out[i] = select(x > 1.0f, l + (v - l) * (1.0f - l) / max(x - l, 1e-12f), v);
    }
    return out;
}
// SetSat: max -> s, min -> 0, mid scaled in between; all 0 when the colour is grey. Written per
// channel as (C - min) * s / (max - min), which is the spec's case analysis without sorting.
inline Rgb3 set_sat(const Rgb3 &c, Expr s) {
    Expr n = min(c[0], min(c[1], c[2])), x = max(c[0], max(c[1], c[2]));
    Expr range = x - n;
    Rgb3 out;
    for (int i = 0; i < 3; ++i) out[i] = select(range > 0.0f, (c[i] - n) * s / max(range, 1e-12f), 0.0f);
    return out;
}

}  // namespace blend_detail

// B(Cb, Cs) of one compile-time separable mode (normal..exclusion); any other mode gives Cs
// (normal, and what the Porter-Duff operators use).
inline Halide::Expr blend_separable(composite::BlendMode mode, Halide::Expr b, Halide::Expr s) {
    using namespace blend_detail;
    using composite::BlendMode;
    switch (mode) {
    case BlendMode::Multiply: return multiply(b, s);
    case BlendMode::Screen: return screen(b, s);
    case BlendMode::Overlay: return hard_light(s, b);  // overlay(b, s) = hard_light(s, b)
    case BlendMode::Darken: return min(b, s);
    case BlendMode::Lighten: return max(b, s);
    case BlendMode::ColorDodge: return color_dodge(b, s);
    case BlendMode::ColorBurn: return color_burn(b, s);
    case BlendMode::HardLight: return hard_light(b, s);
    case BlendMode::SoftLight: return soft_light(b, s);
    case BlendMode::Difference: return abs(b - s);
    case BlendMode::Exclusion: return b + s - 2.0f * b * s;
    default: return s;
    }
}

// The same for a run-time mode: a select chain over the separable modes (ids 0..Hue-1).
inline Halide::Expr blend_separable(Halide::Expr mode, Halide::Expr b, Halide::Expr s) {
    Halide::Expr r = s;
    for (int id = int(composite::BlendMode::Hue) - 1; id >= 1; --id)
        r = Halide::select(mode == id, blend_separable(composite::BlendMode(id), b, s), r);
    return r;
}

// Source-over with blending, the Porter-Duff operators and plus-lighter in one formula with
// run-time factors (W3C Compositing 1 §9.1.4 and §9.1):
//   Cs' = (1 - ab) Cs + ab B   for the blend modes, Cs for the Porter-Duff operators
//   co  = as Fa Cs' + ab Fb Cb,  ao = as Fa + ab Fb   (Fa, Fb: source-over = 1, 1 - as)
//   plus-lighter: Fa = Fb = 1, both clamped to 1.
// Returns {co r, g, b, ao} (premultiplied, 0..1).
inline std::array<Halide::Expr, 4> composite_pixel(Halide::Expr mode, const Rgb3 &cb, Halide::Expr ab,
                                                   const Rgb3 &cs, Halide::Expr as, const Rgb3 &blended) {
    using namespace Halide;
    using composite::BlendMode;
    auto is = [&](BlendMode m) { return mode == int(m); };
    Expr fa = select(is(BlendMode::SourceIn) || is(BlendMode::SourceAtop), ab,
                     is(BlendMode::SourceOut) || is(BlendMode::DestinationAtop) || is(BlendMode::Xor), 1.0f - ab,
                     is(BlendMode::DestinationIn) || is(BlendMode::DestinationOut), 0.0f, 1.0f);
    Expr fb = select(is(BlendMode::SourceIn) || is(BlendMode::SourceOut), 0.0f,
                     is(BlendMode::DestinationIn) || is(BlendMode::DestinationAtop), as,
                     is(BlendMode::PlusLighter), 1.0f, 1.0f - as);
    Expr blends = mode < composite::kFirstPorterDuff;
    Expr plus = is(BlendMode::PlusLighter);
    std::array<Expr, 4> out;
    for (int i = 0; i < 3; ++i) {
        Expr mixed = select(blends, (1.0f - ab) * cs[i] + ab * blended[i], cs[i]);
        Expr co = as * fa * mixed + ab * fb * cb[i];
        out[i] = select(plus, min(co, 1.0f), co);
    }
    Expr ao = as * fa + ab * fb;
    out[3] = select(plus, min(ao, 1.0f), ao);
    return out;
}

}  // namespace pixelpipe::gen
