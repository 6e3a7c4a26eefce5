// gradient.h: CSS Images 4 linear and radial gradients rendered into a layer box.
#pragma once
#include "composite/composite.h"

namespace pixelpipe::composite {

// A width x height RGBA8 image of the gradient, sampled at pixel centres (x + 0.5, y + 0.5).
// CSS Images 4: stop offsets are fixed up to be non-decreasing (each at least the previous);
// before the first stop the first colour, after the last the last; equal offsets make a hard
// edge; between two stops the colours are mixed in premultiplied sRGB (§3.5.2, "premultiplied
// color space") and un-premultiplied for the straight-alpha image (colour 0 where alpha is 0).
// Errors name the field ("gradient: ..."); the layer index is the caller's.
Result<Image> render_gradient(const Gradient &g, int width, int height);

}  // namespace pixelpipe::composite
