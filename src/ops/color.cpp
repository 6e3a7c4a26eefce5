// color.cpp: colour transform adapters (Halide pipelines from halide_generators/color_generator.cpp).
#include <string>

#include "ops/ops.h"
#include "pp_grayscale.h"

namespace pixelpipe::ops {

Result<Image> grayscale(const Image &src) {
    if (src.empty()) return Status::error(ErrorCode::INVALID_ARGUMENT, "grayscale of an empty image");
    auto out = Image::allocate(src.width(), src.height());
    if (!out.ok()) return out.status();
    auto in_buf = src.view();
    auto out_buf = out.value().view();
    const int err = pp_grayscale(in_buf, out_buf);
    if (err != 0) return Status::error(ErrorCode::INTERNAL, "pp_grayscale failed (Halide error " + std::to_string(err) + ")");
    return out;
}

}  // namespace pixelpipe::ops
