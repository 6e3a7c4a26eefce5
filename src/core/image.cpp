#include "core/image.h"

#include <string>

namespace pixelpipe {

Result<Image> Image::allocate(int width, int height) {
    if (width <= 0 || height <= 0) {
        return Status::error(ErrorCode::INVALID_ARGUMENT, "cannot allocate an empty image");
    }
    const size_t bytes = size_t(width) * size_t(height) * 4;
    auto *p = static_cast<uint8_t *>(std::malloc(bytes));
    if (!p) {
        return Status::error(ErrorCode::OUT_OF_MEMORY, "out of memory allocating a " + std::to_string(width) + "x" +
                                                          std::to_string(height) + " image (" + std::to_string(bytes) + " bytes)");
    }
    return adopt(p, width, height);
}

Image Image::adopt(uint8_t *rgba, int width, int height) {
    Image img;
    img.data_.reset(rgba);
    img.width_ = width;
    img.height_ = height;
    return img;
}

Halide::Runtime::Buffer<uint8_t, 3> Image::view() {
    halide_dimension_t dims[3] = {{0, width_, 4}, {0, height_, width_ * 4}, {0, 4, 1}};
    return Halide::Runtime::Buffer<uint8_t, 3>(data_.get(), 3, dims);
}

Halide::Runtime::Buffer<const uint8_t, 3> Image::view() const {
    halide_dimension_t dims[3] = {{0, width_, 4}, {0, height_, width_ * 4}, {0, 4, 1}};
    return Halide::Runtime::Buffer<const uint8_t, 3>(data_.get(), 3, dims);
}

}  // namespace pixelpipe
