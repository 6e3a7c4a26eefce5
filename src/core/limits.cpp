#include "core/limits.h"

namespace pixelpipe {

Status check_dimensions(int64_t width, int64_t height, const Limits &limits) {
    if (width <= 0 || height <= 0) {
        return Status::error(ErrorCode::INVALID_ARGUMENT,
                             "image dimensions must be positive, got " + std::to_string(width) + "x" + std::to_string(height));
    }
    if (width > limits.max_side || height > limits.max_side) {
        return Status::error(ErrorCode::IMAGE_TOO_LARGE,
                             "image " + std::to_string(width) + "x" + std::to_string(height) + " has a side over the limit of " +
                                 std::to_string(limits.max_side) + " pixels");
    }
    const uint64_t pixels = uint64_t(width) * uint64_t(height);
    if (pixels > limits.max_pixels) {
        return Status::error(ErrorCode::IMAGE_TOO_LARGE,
                             "image " + std::to_string(width) + "x" + std::to_string(height) + " (" + std::to_string(pixels) +
                                 " pixels) exceeds the limit of " + std::to_string(limits.max_pixels) + " pixels");
    }
    return Status::ok();
}

}  // namespace pixelpipe
