// blend.cpp: the pass of one layer (blend.h). The canvas region, the layer and the mask are
// handed to Halide in canvas coordinates, the output aliasing the canvas region: one read and one
// write per covered canvas pixel, nothing allocated.
#include "composite/blend.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "pp_composite_layer.h"
#include "pp_composite_nonseparable.h"

namespace pixelpipe::composite {
namespace {

// Transparent black over the canvas outside the box [x0, x1) x [y0, y1) (which may be empty).
void clear_outside(Image &canvas, int x0, int y0, int x1, int y1) {
    const int w = canvas.width(), h = canvas.height();
    const bool empty = x0 >= x1 || y0 >= y1;
    for (int y = 0; y < h; ++y) {
        uint8_t *row = canvas.row(y);
        if (empty || y < y0 || y >= y1) {
            std::memset(row, 0, size_t(w) * 4);
            continue;
        }
        std::memset(row, 0, size_t(x0) * 4);
        std::memset(row + size_t(x1) * 4, 0, size_t(w - x1) * 4);
    }
}

}  // namespace

Status blend_layer(Image &canvas, const Image &layer, int x, int y, BlendMode mode, float opacity,
                   const Image *mask, MaskMode mask_mode) {
    if (mask && (mask->width() != layer.width() || mask->height() != layer.height())) {
        return Status::error(ErrorCode::INTERNAL, "mask: not scaled to the layer's box");
    }
    // 64-bit: x + width may overflow int for far-off layers.
    const int64_t x0 = std::max<int64_t>(x, 0), y0 = std::max<int64_t>(y, 0);
    const int64_t x1 = std::min<int64_t>(int64_t(x) + layer.width(), canvas.width());
    const int64_t y1 = std::min<int64_t>(int64_t(y) + layer.height(), canvas.height());
    const bool visible = x0 < x1 && y0 < y1;
    if (clears_outside_source(mode)) clear_outside(canvas, int(x0), int(y0), int(x1), int(y1));
    if (!visible || layer.empty()) return Status::ok();

    auto region = canvas.view().cropped(0, int(x0), int(x1 - x0)).cropped(1, int(y0), int(y1 - y0));
    auto src = layer.view().translated(0, x).translated(1, y);
    const Image *mask_image = mask && mask_mode != MaskMode::None ? mask : &layer;  // unread when None
    auto mask_buf = mask_image->view().translated(0, x).translated(1, y);
    const bool nonseparable = mode >= BlendMode::Hue && mode <= BlendMode::Luminosity;
    const auto pipeline = nonseparable ? pp_composite_nonseparable : pp_composite_layer;
    const int err = pipeline(region, src, mask_buf, int(mode), mask ? int(mask_mode) : 0, std::clamp(opacity, 0.0f, 1.0f),
                             region);
    if (err != 0) return Status::error(ErrorCode::INTERNAL, "composite pass failed (Halide error " + std::to_string(err) + ")");
    return Status::ok();
}

}  // namespace pixelpipe::composite
