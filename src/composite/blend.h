// blend.h: composite one prepared RGBA8 layer onto the canvas (pp_composite_layer), touching only
// the layer's box clipped to the canvas, plus the clearing operators' outside (blend_mode.h).
#pragma once
#include "composite/blend_mode.h"
#include "core/image.h"
#include "core/status.h"

namespace pixelpipe::composite {

// `layer` has its top-left at canvas (x, y) (any ints: clipped). `mask`, when given, has the
// layer's exact size. opacity in 0..1.
Status blend_layer(Image &canvas, const Image &layer, int x, int y, BlendMode mode, float opacity,
                   const Image *mask, MaskMode mask_mode);

}  // namespace pixelpipe::composite
