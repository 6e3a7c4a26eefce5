// resize.cpp: resize() = plan_fit (ops/fit.cpp) → Lanczos3 resample (pp_resample_lanczos3) →
// centred crop or letterbox copy.
#include <cstring>
#include <string>

#include "ops/fit.h"
#include "ops/ops.h"
#include "pp_resample_lanczos3.h"

namespace pixelpipe::ops {
namespace {

Result<Image> copy_of(const Image &src) {
    auto out = Image::allocate(src.width(), src.height());
    if (!out.ok()) return out.status();
    std::memcpy(out.value().data(), src.data(), src.size_bytes());
    return out;
}

}  // namespace

Result<Image> resample_lanczos3(const Image &src, int width, int height) {
    if (src.empty()) return Status::error(ErrorCode::INVALID_ARGUMENT, "resample of an empty image");
    if (width <= 0 || height <= 0) {
        return Status::error(ErrorCode::INVALID_ARGUMENT,
                             "resample size must be positive, got " + std::to_string(width) + "x" + std::to_string(height));
    }
    // Same size: Lanczos3 at scale 1 is the identity (sinc is 0 at the other integer taps).
    if (width == src.width() && height == src.height()) return copy_of(src);
    auto out = Image::allocate(width, height);
    if (!out.ok()) return out.status();
    auto in_buf = src.view();
    auto out_buf = out.value().view();
    const int err = pp_resample_lanczos3(in_buf, width, height, out_buf);
    if (err != 0) {
        return Status::error(ErrorCode::INTERNAL, "pp_resample_lanczos3 failed (Halide error " + std::to_string(err) + ")");
    }
    return out;
}

Result<Image> resize(const Image &src, const ResizeSpec &spec, const Limits &limits) {
    if (src.empty()) return Status::error(ErrorCode::INVALID_ARGUMENT, "resize of an empty image");
    auto planned = plan_fit(src.width(), src.height(), spec);
    if (!planned.ok()) return planned.status();
    const FitPlan &p = planned.value();
    // Both the intermediate (cover/outside can be larger than the output) and the output count.
    Status st = check_dimensions(p.resize_width, p.resize_height, limits);
    if (!st.is_ok()) return st;
    st = check_dimensions(p.out_width, p.out_height, limits);
    if (!st.is_ok()) return st;

    Result<Image> resized = resample_lanczos3(src, p.resize_width, p.resize_height);
    if (!resized.ok()) return resized.status();
    if (p.is_plain_resize()) return resized;

    auto out = Image::allocate(p.out_width, p.out_height);
    if (!out.ok()) return out.status();
    Image &dst = out.value();
    const bool letterbox = p.copy_width < p.out_width || p.copy_height < p.out_height;
    if (letterbox) {
        for (int y = 0; y < dst.height(); ++y) {
            uint8_t *row = dst.row(y);
            for (int x = 0; x < dst.width(); ++x) std::memcpy(row + size_t(x) * 4, spec.background.data(), 4);
        }
    }
    const Image &r = resized.value();
    for (int y = 0; y < p.copy_height; ++y) {
        std::memcpy(dst.row(p.dst_y + y) + size_t(p.dst_x) * 4, r.row(p.src_y + y) + size_t(p.src_x) * 4,
                    size_t(p.copy_width) * 4);
    }
    return out;
}

}  // namespace pixelpipe::ops
