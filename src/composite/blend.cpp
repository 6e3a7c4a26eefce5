// blend.cpp: the pass of one layer (blend.h). The canvas region, the layer and the mask are
// handed to Halide in canvas coordinates, the output aliasing the canvas region: one read and one
// write per covered canvas pixel, nothing allocated.
#include "composite/blend.h"

#include <algorithm>
#include <cstring>
#include <initializer_list>
#include <string>

#include "pp_composite_fixed.h"
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

// The u32-per-pixel view the blend pipelines take (halide_generators/common/layout.h says why) of an
// interleaved RGBA8 view: the same memory and coordinates, strides in pixels.
template <typename T>
Halide::Runtime::Buffer<uint32_t, 2> packed(const Halide::Runtime::Buffer<T, 3> &rgba) {
    const halide_buffer_t *b = rgba.raw_buffer();
    halide_dimension_t dims[2] = {{b->dim[0].min, b->dim[0].extent, 1},
                                  {b->dim[1].min, b->dim[1].extent, b->dim[1].stride / 4}};
    auto *host = reinterpret_cast<uint32_t *>(const_cast<uint8_t *>(rgba.data()));
    return Halide::Runtime::Buffer<uint32_t, 2>(host, 2, dims);
}

// True when every pixel of the span has alpha 255 (the loop vectorises: an AND over every 4th byte).
bool opaque_span(const uint8_t *px, int64_t count) {
    uint8_t all = 255;
    for (int64_t i = 0; i < count; ++i) all &= px[i * 4 + 3];
    return all == 255;
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

    const Image *mask_image = mask && mask_mode != MaskMode::None ? mask : &layer;  // unread when None
    const bool nonseparable = mode >= BlendMode::Hue && mode <= BlendMode::Luminosity;
    const auto pipeline = nonseparable ? pp_composite_nonseparable
                          : uses_fixed_point(mode) ? pp_composite_fixed : pp_composite_layer;
    // The packed views need interleaved RGBA8 rows of whole pixels (core::Image's layout).
    for (const Image *im : std::initializer_list<const Image *>{&canvas, &layer, mask_image}) {
        const halide_buffer_t *b = im->view().raw_buffer();
        if (b->dim[0].stride != 4 || b->dim[2].stride != 1 || b->dim[1].stride % 4 != 0) {
            return Status::error(ErrorCode::INTERNAL, "composite pass: not interleaved RGBA8 rows");
        }
    }
    const int used_mask = mask ? int(mask_mode) : 0;
    const float alpha = std::clamp(opacity, 0.0f, 1.0f);
    // Rows [ya, yb) of the clipped box through the blend pipeline.
    auto blend_rows = [&](int64_t ya, int64_t yb) -> Status {
        auto region = canvas.view().cropped(0, int(x0), int(x1 - x0)).cropped(1, int(ya), int(yb - ya));
        auto src = layer.view().translated(0, x).translated(1, y);
        auto mask_buf = mask_image->view().translated(0, x).translated(1, y);
        auto out = packed(region);
        const int err = pipeline(out, packed(src), packed(mask_buf), int(mode), used_mask, alpha, out);
        return halide_status("composite pass", err);
    };
    // An opaque source drawn `normal` at full opacity without a mask replaces the backdrop exactly
    // (W3C: as = 1 gives co = Cs, ao = 1), so such rows are copied, not blended: the usual first
    // layer (a photo under text and logos) costs one copy instead of a float pass — measured with
    // callgrind, native, 12 MP photo layer: 368 M instructions in the blend pipeline before. Rows
    // with any non-opaque pixel go through the pipeline, in runs.
    if (mode != BlendMode::Normal || opacity < 1.0f || mask) return blend_rows(y0, y1);
    const size_t bytes = size_t(x1 - x0) * 4;
    int64_t run_start = -1;
    for (int64_t cy = y0; cy < y1; ++cy) {
        const uint8_t *from = layer.row(int(cy - y)) + size_t(x0 - x) * 4;
        if (opaque_span(from, x1 - x0)) {
            if (run_start >= 0) {
                Status s = blend_rows(run_start, cy);
                if (!s.is_ok()) return s;
                run_start = -1;
            }
            std::memcpy(canvas.row(int(cy)) + size_t(x0) * 4, from, bytes);
        } else if (run_start < 0) {
            run_start = cy;
        }
    }
    return run_start >= 0 ? blend_rows(run_start, y1) : Status::ok();
}

}  // namespace pixelpipe::composite
