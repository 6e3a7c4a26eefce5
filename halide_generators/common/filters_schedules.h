// filters_schedules.h: helpers of the filters family (convolve/filter/rank generators): the
// running-sum box along one axis and the tile schedule for 2-D correlation reductions.
#pragma once
#include <utility>

#include "Halide.h"

namespace pixelpipe::gen {

// Box sum of `in` along y (axis 1) with radius r, defined for rows [lo, hi] of `s` by a running
// sum: one O(r) window sum at row lo, then +in(y+r) - in(y-r-1) per row. Cost per pixel is
// independent of r. Values stay near 255*(2r+1) so float32 drift over 10^4 rows is ~1e-3 levels.
// Returns {window RDom (update 0), scan RDom (update 1)} for scheduling.
inline std::pair<Halide::RDom, Halide::RDom> box_sum_y(Halide::Func s, Halide::Func in, Halide::Expr r, Halide::Expr lo, Halide::Expr hi,
                      const Halide::Var &x, const Halide::Var &y, const Halide::Var &c) {
    using namespace Halide;
    RDom k(-r, 2 * r + 1, "k_" + s.name());
    RDom ry(lo + 1, hi - lo, "ry_" + s.name());
    s(x, y, c) = 0.0f;
    s(x, lo, c) += in(x, lo + k, c);
    s(x, ry, c) = s(x, ry - 1, c) + in(x, ry + r, c) - in(x, ry - r - 1, c);
    return {k, ry};
}

// The same along x (axis 0).
inline std::pair<Halide::RDom, Halide::RDom> box_sum_x(Halide::Func s, Halide::Func in, Halide::Expr r, Halide::Expr lo, Halide::Expr hi,
                      const Halide::Var &x, const Halide::Var &y, const Halide::Var &c) {
    using namespace Halide;
    RDom k(-r, 2 * r + 1, "k_" + s.name());
    RDom rx(lo + 1, hi - lo, "rx_" + s.name());
    s(x, y, c) = 0.0f;
    s(lo, y, c) += in(lo + k, y, c);
    s(rx, y, c) = s(rx - 1, y, c) + in(rx + r, y, c) - in(rx - r - 1, y, c);
    return {k, rx};
}

// A 2-D correlation acc(x, y, c) = 0; acc += w * in(.., r.x, r.y) read through f: as
// schedule_rgba_filter (schedules.h) but with both reduction variables outside the unrolled
// pixel tile, so `tile` float32x4 accumulators stay in registers.
inline void schedule_rgba_filter_2d(Halide::Func f, Halide::Func acc, const Halide::Var &x, const Halide::Var &y,
                                    const Halide::Var &c, const Halide::Var &xo, const Halide::Var &xi,
                                    Halide::RVar rx, Halide::RVar ry, int tile) {
    using namespace Halide;
    f.bound(c, 0, 4)
        .reorder_storage(c, x, y)
        .split(x, xo, xi, tile, TailStrategy::RoundUp)
        .reorder(c, xi, xo, y)
        .vectorize(c)
        .unroll(xi);
    acc.compute_at(f, xo).bound(c, 0, 4).reorder_storage(c, x, y).reorder(c, x, y).vectorize(c).unroll(x);
    acc.update().reorder(c, x, rx, ry, y).vectorize(c).unroll(x);
}

}  // namespace pixelpipe::gen
