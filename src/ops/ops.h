// ops.h: the catalogue of pure image → image operations the pipeline can call. Each returns a
// new Image or a Status; none throws. Parameters arrive already validated and normalised by the
// JS layer (js/catalogue); these functions re-check only what memory safety needs.
#pragma once
#include <array>

#include "core/image.h"
#include "core/limits.h"
#include "core/status.h"

namespace pixelpipe::ops {

enum class Fit { Contain, Cover, Fill, Inside, Outside };

// Resampling kernels (same ids as halide_generators/common/geometry_kernels.h). Pillow's
// definitions: bicubic = Keys/Catmull-Rom a = -0.5, lanczosN = sinc(x) sinc(x/N) on [-N, N),
// mitchell = Mitchell-Netravali B = C = 1/3; nearest = the pixel under the sample centre.
enum class Kernel { Nearest = 0, Bilinear = 1, Bicubic = 2, Mitchell = 3, Lanczos2 = 4, Lanczos3 = 5 };

// Where cover crops (and contain letterboxes) anchor: sharp's gravity names, plus sharp's two
// crop strategies (cover only; contain treats them as Centre). See ops/geometry.h.
enum class Position { Centre, North, NorthEast, East, SouthEast, South, SouthWest, West, NorthWest, Entropy, Attention };

struct ResizeSpec {
    int width = 0;   // 0 = derive from height and the aspect ratio
    int height = 0;  // 0 = derive from width and the aspect ratio
    Fit fit = Fit::Contain;
    bool without_enlargement = false;
    std::array<uint8_t, 4> background{0, 0, 0, 0};  // RGBA, padding for Contain
    Kernel kernel = Kernel::Lanczos3;
    Position position = Position::Centre;
    // Box-shrink by preshrink_factor() per axis before the kernel (libvips' reducing gap):
    // false runs the kernel over every input pixel (wasm-vips `gap: 0`), exact but slower.
    bool pre_shrink = true;
};

// Resize with separable Lanczos3 on premultiplied alpha (sRGB values, as Pillow and sharp do).
// Fit semantics follow sharp: contain = letterbox to exactly width×height, cover = fill and crop
// centred, fill = stretch, inside = fit within, no padding, outside = cover without the crop.
Result<Image> resize(const Image &src, const ResizeSpec &spec, const Limits &limits);
// The plain resampler to an exact size: the building block of resize(). Pillow-exact (no box
// pre-shrink): Image.resize((width, height), LANCZOS).
Result<Image> resample_lanczos3(const Image &src, int width, int height);
// Any kernel; pre_shrink = true box-reduces first by preshrink_factor() per axis (ops/geometry.h).
Result<Image> resample(const Image &src, int width, int height, Kernel kernel, bool pre_shrink);

// Gaussian blur with standard deviation sigma in pixels (sigma > 0), edges repeated, alpha
// premultiplied. The `radius` of the specification maps to sigma = radius (CSS blur() and
// Pillow's GaussianBlur use the same convention).
Result<Image> gaussian_blur(const Image &src, float sigma);

}  // namespace pixelpipe::ops
