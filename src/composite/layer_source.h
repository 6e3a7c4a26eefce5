// layer_source.h: one layer of a CompositeRequest → the RGBA8 pixels to blend, their position,
// and the mask scaled (and rotated) to the same box.
#pragma once
#include "composite/composite.h"

namespace pixelpipe::composite {

// Untouched inputs are borrowed from the request (no copy): use pixels() / mask().
struct PreparedLayer {
    Image own_pixels, own_mask;
    const Image *borrowed_pixels = nullptr, *borrowed_mask = nullptr;
    int x = 0, y = 0;

    const Image &pixels() const { return borrowed_pixels ? *borrowed_pixels : own_pixels; }
    const Image *mask() const { return borrowed_mask ? borrowed_mask : own_mask.empty() ? nullptr : &own_mask; }
};

// Source (image, text, gradient, solid) → transforms (catalogue steps) → width/height with
// `fit` (the resize op; image layers) → mask scaled to that box (resize op, fit 'fill') →
// rotate about the box centre (the rotate op, bilinear, transparent corners; the box grows and
// keeps its centre). x, y are rounded to whole pixels. Errors carry the field name
// (composite.h convention); the caller sets the layer index.
Result<PreparedLayer> prepare_layer(const Layer &layer, const Limits &limits);

}  // namespace pixelpipe::composite
