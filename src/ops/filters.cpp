// filters.cpp: convolution adapters (Halide pipelines from halide_generators/convolve_generator.cpp).
#include <cmath>
#include <string>

#include "ops/ops.h"
#include "pp_gaussian_blur.h"

namespace pixelpipe::ops {

// Far above the catalogue's maximum; keeps the kernel (2*ceil(3 sigma)+1 taps) sane if a caller
// bypasses validation. The direct kernel costs O(sigma) per pixel.
constexpr float kMaxSigma = 1000.0f;

Result<Image> gaussian_blur(const Image &src, float sigma) {
    if (src.empty()) return Status::error(ErrorCode::INVALID_ARGUMENT, "gaussian_blur of an empty image");
    if (!(sigma > 0.0f) || !std::isfinite(sigma) || sigma > kMaxSigma) {
        return Status::error(ErrorCode::INVALID_ARGUMENT,
                             "gaussian_blur sigma must be in (0, 1000], got " + std::to_string(sigma));
    }
    auto out = Image::allocate(src.width(), src.height());
    if (!out.ok()) return out.status();
    auto in_buf = src.view();
    auto out_buf = out.value().view();
    const int err = pp_gaussian_blur(in_buf, sigma, out_buf);
    if (err != 0) {
        return Status::error(ErrorCode::INTERNAL, "pp_gaussian_blur failed (Halide error " + std::to_string(err) + ")");
    }
    return out;
}

}  // namespace pixelpipe::ops
