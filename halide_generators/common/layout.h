// layout.h: the memory-layout contract every pixelpipe pipeline shares: interleaved RGBA8 as in
// ImageData / core::Image (x stride 4, channel stride 1, exactly 4 channels). Declaring it lets
// Halide emit dense 4-byte pixel loads instead of generic strided code.
#pragma once
#include "Halide.h"

namespace pixelpipe::gen {

template <typename BufferLike>
inline void constrain_rgba8_interleaved(BufferLike &buf) {
    buf.dim(0).set_stride(4);
    buf.dim(2).set_stride(1);
    buf.dim(2).set_bounds(0, 4);
}

// A typical 1080p photo: the estimate used by autoschedulers and RunGen.
template <typename BufferLike>
inline void set_rgba_estimates(BufferLike &buf, int width = 1920, int height = 1080) {
    buf.set_estimates({{0, width}, {0, height}, {0, 4}});
}

}  // namespace pixelpipe::gen
