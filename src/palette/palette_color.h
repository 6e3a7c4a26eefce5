// palette_color.h: the colour step palette application needs beyond color.h: an OKLab colour
// brought into sRGB by lowering chroma at constant L and h (CSS Color 4 style, as the JS palettes
// in js/color/color.js do).
#pragma once
#include <cstdint>

#include "color/color.h"
#include "palette/apply_palette.h"

namespace pixelpipe::palette {

// OKLab → 8-bit sRGB; out-of-gamut colours lose chroma (bisection to 1e-4) at constant L and hue.
Rgb8 oklab_to_srgb8_gamut_mapped(color::Lab lab);

}  // namespace pixelpipe::palette
