// filters_schedules.h: helpers of the filters family (convolve/filter/rank generators): the
// running-sum box along one axis and the tile schedule for 2-D correlation reductions.
#pragma once
#include <utility>

#include "Halide.h"
#include "common/color_math.h"

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

// The exact Gaussian of pp_gaussian_blur and pp_unsharp_combine (which fuses it with the combine,
// so unsharp_mask has no full-size blurred image in memory). Weights exp(-k^2 / (2 sigma^2)),
// radius ceil(3 sigma), normalised to sum 1; edges repeated; vertical pass first, symmetric
// folding (w_k (p[-k] + p[+k])). Two paths:
//  - float (`blur_x`, premultiplied unless `opaque`): any alpha, accurate to ~1e-5 levels;
//  - fixed point (`fixed_x`, u8): opaque images only. u16 weights summing to exactly 2^15; the
//    vertical pass accumulates u8 pairs (u16) x weight in u32 and keeps value * 128 in u16
//    (1/256-level rounding); the horizontal pass folds pairs of those (<= 65280, still u16) and
//    accumulates u16 x u16 -> u32 (< 2^31). Alpha 255 stays exactly 255. Weight quantisation is
//    <= radius / 2^16 per unit of contrast: < 0.25 level in the worst case at sigma 10, ~0.01 on
//    photos. Not used by unsharp (its threshold test needs the exactly rounded blur).
struct GaussianStages {
    Halide::RDom kh;
    Halide::Func clamped{"clamped"}, premul{"premul"}, blur_x{"blur_x"}, blur_y{"blur_y"};
    Halide::Func blur_x_acc{"blur_x_acc"}, blur_y_acc{"blur_y_acc"};
    Halide::Func weight_raw{"weight_raw"}, weight_sum{"weight_sum"}, weight{"weight"};
    Halide::Func clamped_l{"clamped_l"}, wq{"wq"}, wq_side{"wq_side"}, fixed_y{"fixed_y"}, fixed_y_acc{"fixed_y_acc"};
    Halide::Func fixed_x{"fixed_x"}, fixed_x_acc{"fixed_x_acc"};
    Halide::Var i{"i"};

    template <typename InputBuffer>
    void define(InputBuffer &input, Halide::Expr sigma, Halide::Expr opaque, const Halide::Var &x,
                const Halide::Var &y, const Halide::Var &c) {
        using namespace Halide;
        Expr radius = max(1, cast<int>(ceil(3.0f * sigma)));
        RDom k(-radius, 2 * radius + 1, "k");
        kh = RDom(1, radius, "kh");  // one side of the symmetric kernel

        weight_raw(i) = exp(-cast<float>(i * i) / (2.0f * sigma * sigma));
        weight_sum() = 0.0f;
        weight_sum() += weight_raw(k);
        weight(i) = weight_raw(i) / weight_sum();

        clamped = BoundaryConditions::repeat_edge(input);
        // Opaque images: premultiplying by 255/255 is the identity, so skip it and the division
        // of unpremultiply (specialized on `opaque`).
        premul(x, y, c) = select(opaque, cast<float>(clamped(x, y, c)), premultiply(clamped, x, y, c));
        blur_y_acc(x, y, c) = weight(0) * premul(x, y, c);
        blur_y_acc(x, y, c) += weight(kh) * (premul(x, y - kh, c) + premul(x, y + kh, c));
        blur_y(x, y, c) = blur_y_acc(x, y, c);
        blur_x_acc(x, y, c) = weight(0) * blur_y(x, y, c);
        blur_x_acc(x, y, c) += weight(kh) * (blur_y(x - kh, y, c) + blur_y(x + kh, y, c));
        blur_x(x, y, c) = blur_x_acc(x, y, c);

        // Fixed point (opaque only).
        wq(i) = cast<uint16_t>(round(weight(i) * 32768.0f));
        wq_side() = cast<uint32_t>(0);
        wq_side() += cast<uint32_t>(wq(kh));
        Expr w0 = cast<uint32_t>(32768) - 2 * wq_side();
        auto u16 = [](Expr e) { return cast<uint16_t>(e); };
        auto u32 = [](Expr e) { return cast<uint32_t>(e); };
        // Edges repeated with likely() (repeat_edge's likely_if_innermost does not partition the
        // tile loop here, whose innermost loop is the tap loop: the wasm stmt showed per-lane
        // gathers); with likely() the steady state is dense loads.
        Expr x0 = input.dim(0).min(), y0 = input.dim(1).min();
        Expr x1 = x0 + input.dim(0).extent() - 1, y1 = y0 + input.dim(1).extent() - 1;
        clamped_l(x, y, c) = input(clamp(likely(x), x0, x1), clamp(likely(y), y0, y1), c);
        fixed_y_acc(x, y, c) = w0 * u32(clamped_l(x, y, c));
        fixed_y_acc(x, y, c) += u32(wq(kh)) * u32(u16(clamped_l(x, y - kh, c)) + u16(clamped_l(x, y + kh, c)));
        fixed_y(x, y, c) = u16((fixed_y_acc(x, y, c) + 128) >> 8);  // value * 128
        fixed_x_acc(x, y, c) = w0 * u32(fixed_y(x, y, c));
        fixed_x_acc(x, y, c) += u32(wq(kh)) * u32(fixed_y(x - kh, y, c) + fixed_y(x + kh, y, c));
        fixed_x(x, y, c) = cast<uint8_t>((fixed_x_acc(x, y, c) + (1 << 21)) >> 22);
    }
};

// Pixel tile for a fixed-point RGBA filter stage f / acc (as schedule_rgba_filter, but the tile of
// `tile` pixels x 4 channels is one vector: integer lanes are cheap, and u16/u32 lanes pack 2-4
// pixels per simd128 register).
inline void schedule_rgba_filter_int(Halide::Func f, Halide::Func acc, const Halide::Var &x, const Halide::Var &y,
                                     const Halide::Var &c, const Halide::Var &xo, const Halide::Var &xi, Halide::RVar r,
                                     int tile) {
    using namespace Halide;
    f.bound(c, 0, 4)
        .reorder_storage(c, x, y)
        .split(x, xo, xi, tile, TailStrategy::RoundUp)
        .reorder(c, xi, xo, y)
        .vectorize(c)
        .vectorize(xi);
    acc.compute_at(f, xo).bound(c, 0, 4).reorder_storage(c, x, y).reorder(c, x, y).vectorize(c).vectorize(x);
    acc.update().reorder(c, x, r, y).vectorize(c).vectorize(x);
}

}  // namespace pixelpipe::gen
