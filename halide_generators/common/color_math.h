// color_math.h: shared per-pixel Exprs. All arithmetic is float32 on 0..255 sRGB-encoded values:
// accurate to well under one 8-bit level, and one float32x4 holds one RGBA pixel on wasm simd128.
#pragma once
#include "Halide.h"
#include "color/color.h"

namespace pixelpipe::gen {

// Rec.709 / sRGB luma weights (src/color/color.h, the one place they are written) applied to the *encoded* values (CSS grayscale(1),
// skimage.color.rgb2gray (0.2125/0.7154/0.0721, within 0.05 levels of these)).
inline Halide::Expr luma709(Halide::Expr r, Halide::Expr g, Halide::Expr b) {
    return color::kLumaR * r + color::kLumaG * g + color::kLumaB * b;
}

// Straight → premultiplied alpha, float. `f` is an RGBA Func (x, y, c) of 8-bit values.
// Filters then weight colour by coverage, so fully transparent pixels (whatever their RGB)
// cannot bleed dark or stray colour into opaque neighbours.
inline Halide::Expr premultiply(const Halide::Func &f, Halide::Expr x, Halide::Expr y, Halide::Expr c) {
    using namespace Halide;
    Expr v = cast<float>(f(x, y, c));
    Expr a = cast<float>(f(x, y, 3));
    return select(c == 3, v, v * a * (1.0f / 255.0f));
}

// Premultiplied float RGBA → straight RGBA8, rounded to nearest, clamped. Alpha below half a
// level rounds to 0 and its colour is set to 0 (undefined colour, deterministic output).
inline Halide::Expr unpremultiply_u8(const Halide::Func &f, Halide::Expr x, Halide::Expr y, Halide::Expr c) {
    using namespace Halide;
    Expr a = clamp(f(x, y, 3), 0.0f, 255.0f);
    Expr v = f(x, y, c);
    Expr colour = select(a < 0.5f, 0.0f, clamp(v * 255.0f / max(a, 0.5f), 0.0f, 255.0f));
    return cast<uint8_t>(round(select(c == 3, a, colour)));
}

}  // namespace pixelpipe::gen
