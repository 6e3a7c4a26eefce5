// palette_color.h: the two colour steps palette application needs beyond color.h: an OKLab
// colour brought into sRGB by lowering chroma at constant L and h (CSS Color 4 style, as the JS
// palettes in js/color/color.js), and a fast linear → sRGB 8-bit lookup for per-pixel work.
#pragma once
#include <cstdint>

#include "color/color.h"
#include "palette/apply_palette.h"

namespace pixelpipe::palette {

// OKLab → 8-bit sRGB; out-of-gamut colours lose chroma (bisection to 1e-4) at constant L and hue.
Rgb8 oklab_to_srgb8_gamut_mapped(color::Lab lab);

// Linear 0..1 (clamped) → 8-bit sRGB through a 65536-entry table: at most 0.05 of a level from
// color::to_u8(color::linear_to_srgb(v)) (the table step is 1/65535 in linear light).
uint8_t linear_to_srgb8_fast(float v);

}  // namespace pixelpipe::palette
