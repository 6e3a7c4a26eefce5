// fit.h: the pure geometry of resize(): from (input size, ResizeSpec) to a resample size plus a
// crop/letterbox placement. No pixels, so it is unit-tested exhaustively (tests/cpp/test_fit.cpp).
#pragma once
#include "core/status.h"
#include "ops/ops.h"

namespace pixelpipe::ops {

struct FitPlan {
    int resize_width = 0;   // resample the source to resize_width × resize_height
    int resize_height = 0;
    int out_width = 0;      // final canvas
    int out_height = 0;
    int src_x = 0;          // top-left of the region taken from the resampled image (cover crop)
    int src_y = 0;
    int dst_x = 0;          // where that region lands on the canvas (contain letterbox)
    int dst_y = 0;
    int copy_width = 0;     // size of that region
    int copy_height = 0;

    // True when the output is exactly the resampled image (no crop, no padding).
    bool is_plain_resize() const {
        return out_width == resize_width && out_height == resize_height && src_x == 0 && src_y == 0 && dst_x == 0 &&
               dst_y == 0;
    }
};

// sharp's ResolveShrink + crop/embed (sharp 0.32 src/common.cc, src/pipeline.cc):
//  - both sides given: fill = stretch; inside/contain use the smaller scale, outside/cover the larger;
//    contain then letterboxes to exactly width×height (centred, left = (W-w)/2), cover crops centred
//    (left = (w-W+1)/2) to min(width, resized width) × min(height, resized height).
//  - spec.position anchors both: north/west = 0, south/east = the far end (sharp's gravity);
//    entropy/attention are planned centred (resize() then picks the crop by content).
//  - one side 0: the other follows the aspect ratio (for every fit, including fill: ops.h contract;
//    sharp keeps the input's other side for fill). Both 0: input size.
//  - without_enlargement: the scale per axis is capped at 1 (sharp's VIPS_SIZE_DOWN).
//  - resized sides are round(in / shrink), at least 1.
// INVALID_ARGUMENT for negative sizes or an empty input; IMAGE_TOO_LARGE when a size overflows int.
// Limits (max pixels/side) are checked by the caller on resize_* and out_*.
Result<FitPlan> plan_fit(int in_width, int in_height, const ResizeSpec &spec);

}  // namespace pixelpipe::ops
