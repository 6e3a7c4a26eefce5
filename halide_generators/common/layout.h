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

// RGBA8 pixels packed one per u32 (R in the low byte: little-endian memory order), x and y only.
// Why the composite pipelines take them: an interleaved u8 buffer vectorized along x needs
// stride-4 byte loads, which LLVM lowered lane by lane (extract/replace_lane) on wasm simd128;
// a channel of packed pixels is a shift and a mask (composite_fixed_generator.cpp has the
// measurements; composite_generator.cpp's float modes went from 15.3 to 9.7 ms per MP for
// color_dodge, 11.2 to 7.1 for source_atop).
template <typename BufferLike>
inline void constrain_packed_rgba8(BufferLike &buf, int width = 1000, int height = 1000) {
    buf.dim(0).set_stride(1);
    buf.set_estimates({{0, width}, {0, height}});
}

// Channel `ch` (0 R .. 3 A) of packed pixels, 0..255 in the u32 lanes.
inline Halide::Expr packed_channel(const Halide::Expr &px, int ch) { return (px >> (8 * ch)) & 255; }

// A typical 1080p photo: the estimate used by autoschedulers and RunGen.
template <typename BufferLike>
inline void set_rgba_estimates(BufferLike &buf, int width = 1920, int height = 1080) {
    buf.set_estimates({{0, width}, {0, height}, {0, 4}});
}

}  // namespace pixelpipe::gen
