// schedules.h: the schedule idioms the RGBA pipelines share.
#pragma once
#include <vector>

#include "Halide.h"

namespace pixelpipe::gen {

// Innermost loops for an interleaved RGBA float stage: c (the 4 channels = exactly one float32x4
// on wasm simd128, so every filter tap is one dense 4-byte load, no shuffles), then x. Where the
// target's float vectors are wider (AVX2 host: 8 lanes) neighbouring pixels fill the rest; with
// c stride 1 and x stride 4 the nested ramps flatten into dense vectors.
// `y` is the Func's row variable; the stage is stored interleaved to match.
inline void schedule_rgba_row_stage(Halide::Func f, const Halide::Var &x, const Halide::Var &y, const Halide::Var &c,
                                    const Halide::Var &xi, int float_lanes) {
    using namespace Halide;
    f.bound(c, 0, 4).reorder_storage(c, x, y);
    if (float_lanes > 4) {
        f.split(x, x, xi, float_lanes / 4, TailStrategy::RoundUp).reorder(c, xi, x, y).vectorize(c).vectorize(xi);
    } else {
        f.reorder(c, x, y).vectorize(c);
    }
}

// The output of an RGBA pipeline: strips of `rows` rows (parallel only when `threads`; Halide
// then hands one strip to each worker), pixels vectorized as above. GuardWithIf keeps tiny
// images (1×1) legal.
inline void schedule_rgba_output(Halide::Func out, const Halide::Var &x, const Halide::Var &y, const Halide::Var &c,
                                 const Halide::Var &xi, const Halide::Var &yo, const Halide::Var &yi, int rows,
                                 int float_lanes, bool threads) {
    using namespace Halide;
    out.bound(c, 0, 4);
    out.split(y, yo, yi, rows, TailStrategy::GuardWithIf);
    if (float_lanes > 4) {
        out.split(x, x, xi, float_lanes / 4, TailStrategy::GuardWithIf)
            .reorder(c, xi, x, yi, yo)
            .vectorize(c)
            .vectorize(xi);
    } else {
        out.reorder(c, x, yi, yo).vectorize(c);
    }
    if (threads) out.parallel(yo);
}

// A per-pixel RGBA8 output whose channels come from a Tuple Func computed per vector of pixels
// (planar in registers): rows split in strips of `rows` (parallel when `threads`), x in
// vectors of `lanes` pixels, the 4 channels unrolled so stores interleave whole vectors.
// Then compute the Tuple Func at (output, xo), and declare specializations of `output` only after this (a specialization copies the schedule
// as it is when declared).
inline void schedule_rgba_pixelwise(Halide::Func out, const Halide::Var &x, const Halide::Var &y,
                                    const Halide::Var &c, const Halide::Var &xo, const Halide::Var &xi,
                                    const Halide::Var &yo, const Halide::Var &yi, int lanes, int rows, bool threads) {
    using namespace Halide;
    out.bound(c, 0, 4)
        .split(y, yo, yi, rows, TailStrategy::GuardWithIf)
        .split(x, xo, xi, lanes, TailStrategy::GuardWithIf)
        .reorder(c, xi, xo, yi, yo)
        .unroll(c)
        .vectorize(xi);
    if (threads) out.parallel(yo);
}

// The same for packed RGBA8 (layout.h): one u32 per pixel, no channel dimension.
inline void schedule_packed_pixelwise(Halide::Func out, const Halide::Var &x, const Halide::Var &y,
                                      const Halide::Var &xo, const Halide::Var &xi, const Halide::Var &yo,
                                      const Halide::Var &yi, int lanes, int rows, bool threads) {
    using namespace Halide;
    out.split(y, yo, yi, rows, TailStrategy::GuardWithIf)
        .split(x, xo, xi, lanes, TailStrategy::GuardWithIf)
        .reorder(xi, xo, yi, yo)
        .vectorize(xi);
    if (threads) out.parallel(yo);
}

// A filter written as acc(x, y, c) = 0; acc(x, y, c) += w * in(.., r) and read through
// f(x, y, c) = acc(x, y, c). A single float32x4 accumulator is latency-bound (each tap's add waits
// for the previous one). Computing acc for a tile of `tile` pixels with the tap loop(s) `r` (all
// outside the pixel tile, innermost first) gives `tile` independent accumulators that stay in
// registers (checked in the wasm assembly: 9 v128.load + 8 mul/add per tap, no spills). Measured on
// Lanczos3 4000x3000 -> 6000x4500, wasm st in node 20: 818 ms (one accumulator) -> 468 ms (tile 8).
// `vector_tile`: for integer stages the tile of `tile` pixels x 4 channels is one vector instead of
// unrolled (integer lanes are cheap, and u16/u32 lanes pack 2-4 pixels per simd128 register).
inline void schedule_rgba_filter(Halide::Func f, Halide::Func acc, const Halide::Var &x, const Halide::Var &y,
                                 const Halide::Var &c, const Halide::Var &xo, const Halide::Var &xi,
                                 const std::vector<Halide::RVar> &r, int tile, bool vector_tile = false) {
    using namespace Halide;
    auto tile_loop = [vector_tile](Stage s, const VarOrRVar &v) {
        if (vector_tile) {
            s.vectorize(v);
        } else {
            s.unroll(v);
        }
    };
    f.bound(c, 0, 4)
        .reorder_storage(c, x, y)
        .split(x, xo, xi, tile, TailStrategy::RoundUp)
        .reorder(c, xi, xo, y)
        .vectorize(c);
    tile_loop(f, xi);
    acc.compute_at(f, xo).bound(c, 0, 4).reorder_storage(c, x, y).reorder(c, x, y).vectorize(c);
    tile_loop(acc, x);
    std::vector<VarOrRVar> order{c, x};
    order.insert(order.end(), r.begin(), r.end());
    order.push_back(y);
    acc.update().reorder(order).vectorize(c);
    tile_loop(acc.update(), x);
}

// A per-pixel RGBA8 → RGBA8 pass (memory-bound): strips of `rows` rows (parallel only when
// `threads`), `u8_lanes` pixels per iteration (the generator's natural_vector_size<uint8_t>(): 16
// on wasm simd128), the 4 channels unrolled so loads and stores become whole-vector
// (de)interleaving shuffles. (pp_grayscale in color_generator.cpp spells out the same schedule.)
inline void schedule_rgba8_pointwise(Halide::Func out, const Halide::Var &x, const Halide::Var &y, const Halide::Var &c,
                                     const Halide::Var &yo, const Halide::Var &yi, int rows, int u8_lanes, bool threads) {
    using namespace Halide;
    out.bound(c, 0, 4)
        .reorder(c, x, y)
        .unroll(c)
        .split(y, yo, yi, rows, TailStrategy::GuardWithIf)
        .vectorize(x, u8_lanes, TailStrategy::GuardWithIf);
    if (threads) out.parallel(yo);
}

}  // namespace pixelpipe::gen
