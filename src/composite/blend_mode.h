// blend_mode.h: the compositing operators of a layer and their run-time ids. Pure (no includes):
// halide_generators/composite_generator.cpp includes it too, so the generator and the C++ side
// share one numbering.
#pragma once

namespace pixelpipe::composite {

// W3C Compositing and Blending Level 1: the sixteen blend modes (composited source-over, §9.1.4
// general formula) then the Porter-Duff operators (§9.1) that Canvas 2D also offers.
enum class BlendMode : int {
    Normal = 0,
    Multiply,
    Screen,
    Overlay,
    Darken,
    Lighten,
    ColorDodge,
    ColorBurn,
    HardLight,
    SoftLight,
    Difference,
    Exclusion,
    Hue,          // first non-separable mode (Lum/Sat/ClipColor with 0.3/0.59/0.11)
    Saturation,
    Color,
    Luminosity,
    SourceIn,     // first Porter-Duff operator (no blending: B(Cb, Cs) = Cs)
    SourceOut,
    SourceAtop,
    DestinationIn,
    DestinationOut,
    DestinationAtop,
    Xor,
    PlusLighter,  // Canvas 2D 'lighter': co = min(1, as*Cs + ab*Cb), ao = min(1, as + ab)
    Count
};

constexpr int kBlendModeCount = int(BlendMode::Count);
constexpr int kFirstPorterDuff = int(BlendMode::SourceIn);

// The operators whose result is transparent where the source is (Fb = 0 or Fb = as in the
// Porter-Duff table): outside the layer's box they clear the canvas.
constexpr bool clears_outside_source(BlendMode m) {
    return m == BlendMode::SourceIn || m == BlendMode::SourceOut || m == BlendMode::DestinationIn ||
           m == BlendMode::DestinationAtop;
}

// The modes pp_composite_fixed blends in integer maths (B is exact in 8-bit units squared); the
// others (dodge, burn, soft_light, the non-separable modes, Porter-Duff) take the float pipelines.
constexpr bool uses_fixed_point(BlendMode m) {
    return m == BlendMode::Normal || m == BlendMode::Multiply || m == BlendMode::Screen || m == BlendMode::Overlay ||
           m == BlendMode::Darken || m == BlendMode::Lighten || m == BlendMode::HardLight ||
           m == BlendMode::Difference || m == BlendMode::Exclusion;
}

// How a mask image gives coverage (multiplies the layer's alpha).
enum class MaskMode : int {
    None = 0,
    Luminance = 1,  // CSS Masking 1 luminance mask: Rec.709 luma of the encoded RGB x mask alpha
    Alpha = 2,      // the mask's alpha channel
};

}  // namespace pixelpipe::composite
