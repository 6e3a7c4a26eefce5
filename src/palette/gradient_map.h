// gradient_map.h: the `map` mode of apply_palette: a 256-entry LUT from luma to colour, and the
// one pass that applies it.
#pragma once
#include <array>
#include <vector>

#include "core/image.h"
#include "palette/apply_palette.h"

namespace pixelpipe::palette {

using GradientLut = std::array<Rgb8, 256>;

// Entry i (a pixel of Rec. 709 luma i on the 8-bit values, as js-api.md defines luma): the
// palette's colours sorted by OKLab L are spread evenly over 0..255, the chroma (OKLab a, b) is
// interpolated between neighbours, and L is that of the grey of luma i, so the map keeps each
// pixel's lightness. Out-of-gamut entries lose chroma at constant L and hue.
GradientLut build_gradient_map(const std::vector<Rgb8> &colors);

// out = src + (lut[luma(src)] − src)·s256/256 per colour channel; alpha from src (Halide
// pp_gradient_map: one vectorised, threaded pass).
Status apply_gradient_map(const Image &src, const GradientLut &lut, int s256, Image &out);

// Rec. 709 luma of 8-bit sRGB values, rounded to an integer 0..255.
inline int luma8(uint8_t r, uint8_t g, uint8_t b) { return (2126 * r + 7152 * g + 722 * b + 5000) / 10000; }

}  // namespace pixelpipe::palette
