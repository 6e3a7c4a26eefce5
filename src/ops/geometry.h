// geometry.h: the geometry family beyond resize (ops.h): crop, rotate, flip, pad, trim, and the
// pieces of resize that tests check on their own (pre-shrink rule, smart-crop strategies).
// Conventions follow sharp/libvips unless stated; every function returns a new Image or a
// Status and never throws.
#pragma once
#include <array>
#include <cstdint>

#include "core/image.h"
#include "core/limits.h"
#include "core/status.h"
#include "ops/ops.h"

namespace pixelpipe::ops {

using Rgba8 = std::array<uint8_t, 4>;

struct Box {
    int left = 0, top = 0, width = 0, height = 0;
};

// Box pre-shrink factor for resampling `in` pixels to `out` along one axis:
// floor(in / out / 2), at least 1. The box-reduced intermediate is then >= 2x the target (the
// kernel still low-passes by >= 2, so no aliasing) and < 4x (the kernel's cost stays bounded).
// Equals Pillow's Image.resize(..., reducing_gap=2.0) factor; libvips' shrink-on-load is the
// same idea. Nearest never pre-shrinks (it must pick source pixels, not averages).
int preshrink_factor(int in, int out);

// sharp's extract(): the box must lie inside the image, else INVALID_ARGUMENT naming the box
// and the image size (sharp: "extract_area: bad extract area"); width/height >= 1.
Result<Image> crop(const Image &src, const Box &box);

enum class Interpolation { Bilinear, Bicubic };
// Clockwise rotation by `degrees` (any real). Multiples of 90 (after reducing mod 360) are exact
// pixel moves with no resampling; other angles resample about the image centre into a canvas
// grown to the rotated bounds (ceil(W|cos| + H|sin|) × ceil(W|sin| + H|cos|), as libvips/sharp)
// filled with `background`; premultiplied alpha; bicubic is Catmull-Rom (a = -0.5).
Result<Image> rotate(const Image &src, double degrees, const Rgba8 &background, Interpolation interpolation,
                     const Limits &limits);
// Output size of rotate() for a W×H image.
void rotated_size(int width, int height, double degrees, int *out_width, int *out_height);

enum class FlipDirection { Horizontal, Vertical, Both };
// Horizontal mirrors left-right (sharp's flop), vertical top-bottom (sharp's flip).
Result<Image> flip(const Image &src, FlipDirection direction);

// sharp's extend(): add borders of the given widths (pixels, >= 0) filled with `background`.
Result<Image> pad(const Image &src, int top, int right, int bottom, int left, const Rgba8 &background,
                  const Limits &limits);

// sharp's trim(): the bounding box of pixels that differ from the top-left pixel by more than
// `threshold` in some channel (R, G, B or A). Returns the whole image when every pixel matches.
Box trim_box(const Image &src, double threshold);
Result<Image> trim(const Image &src, double threshold);

// Cover crop strategies on the resized image: the offset along the one free axis (the other is
// 0) of a `crop_width` × `crop_height` window inside `img`.
//  entropy:   the window whose luma histogram (256 bins, Y = Rec.709 on encoded values,
//             rounded) has the highest Shannon entropy; searched exhaustively (sharp/libvips
//             trims low-entropy slices greedily, which approximates the same goal).
//  attention: the window holding the most saliency in pixelpipe's one saliency map (spectral
//             residual on a ≤ 64 px luma copy, analysis/saliency.h), the map analyzeImage's
//             smartCrop and composition use; when both axes are free both are searched.
// Ties go to the window closest to the centre, so a featureless image gets a centre crop.
Box smart_crop(const Image &img, int crop_width, int crop_height, Position strategy);

}  // namespace pixelpipe::ops
