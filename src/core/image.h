// image.h: the owning RGBA8 image every stage passes around (interleaved, stride = width*4,
// straight (not premultiplied) alpha), plus views as Halide buffers.
#pragma once
#include <cstdint>
#include <cstdlib>
#include <memory>

#include "HalideBuffer.h"
#include "core/status.h"

namespace pixelpipe {

struct FreeDeleter {
    void operator()(uint8_t *p) const { std::free(p); }
};

class Image {
public:
    Image() = default;

    // OUT_OF_MEMORY instead of abort when the allocation fails (malloc returns NULL with
    // ALLOW_MEMORY_GROWTH; `new` would abort the module). Contents are uninitialised.
    static Result<Image> allocate(int width, int height);
    // Takes ownership of a malloc'ed RGBA8 buffer of width*height*4 bytes.
    static Image adopt(uint8_t *rgba, int width, int height);

    int width() const { return width_; }
    int height() const { return height_; }
    size_t stride() const { return size_t(width_) * 4; }
    size_t size_bytes() const { return size_t(width_) * size_t(height_) * 4; }
    bool empty() const { return !data_; }
    uint8_t *data() { return data_.get(); }
    const uint8_t *data() const { return data_.get(); }
    uint8_t *row(int y) { return data_.get() + size_t(y) * stride(); }
    const uint8_t *row(int y) const { return data_.get() + size_t(y) * stride(); }

    // Interleaved x, y, c view (c stride 1, x stride 4), as the generators expect.
    Halide::Runtime::Buffer<uint8_t, 3> view();
    Halide::Runtime::Buffer<const uint8_t, 3> view() const;

private:
    std::unique_ptr<uint8_t, FreeDeleter> data_;
    int width_ = 0;
    int height_ = 0;
};

}  // namespace pixelpipe
