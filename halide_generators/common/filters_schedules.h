// filters_schedules.h: helpers of the filters family (convolve/filter/rank generators): the
// running-sum box along one axis and the Gaussian stages shared by pp_gaussian_blur and
// pp_unsharp_combine (algorithm and float-path schedule).
#pragma once
#include <utility>
#include <vector>

#include "Halide.h"
#include "common/color_math.h"
#include "common/schedules.h"

namespace pixelpipe::gen {

// Box sum of `in` along `axis` (0: x, 1: y) with radius r, defined for positions [lo, hi] of that
// axis of `s` by a running sum: one O(r) window sum at lo, then +in(p+r) - in(p-r-1) per step.
// Cost per pixel is independent of r. Values stay near 255*(2r+1) so float32 drift over 10^4
// rows is ~1e-3 levels. Returns {window RDom (update 0), scan RDom (update 1)} for scheduling.
inline std::pair<Halide::RDom, Halide::RDom> box_sum(Halide::Func s, Halide::Func in, int axis, Halide::Expr r,
                                                     Halide::Expr lo, Halide::Expr hi, const Halide::Var &x,
                                                     const Halide::Var &y, const Halide::Var &c) {
    using namespace Halide;
    RDom k(-r, 2 * r + 1, "k_" + s.name());
    RDom rs(lo + 1, hi - lo, (axis == 0 ? "rx_" : "ry_") + s.name());
    // (x, y, c) with the coordinate along `axis` replaced by p.
    auto at = [&](Expr p) { return axis == 0 ? std::vector<Expr>{p, y, c} : std::vector<Expr>{x, p, c}; };
    s(x, y, c) = 0.0f;
    s(at(lo)) += in(at(lo + k));
    s(at(rs)) = s(at(rs - 1)) + in(at(rs + r)) - in(at(rs - r - 1));
    return {k, rs};
}

// cast<float>(u8), exactly, as vector code in wasm: simd128 has no u8 -> f32 conversion and LLVM
// scalarizes cast<float>(uint8xN) (per lane extract_lane / f32.convert_i32_u / replace_lane in the
// wasm assembly); Halide's simplifier folds cast<float>(cast<int32_t>(u8)) back into it. The bits
// 0x4B000000 | n are the float 2^23 + n (n < 2^23), so subtracting 2^23 is exact: zero-extends,
// an or and a sub, all vector instructions.
inline Halide::Expr u8_to_f32(Halide::Expr u8) {
    using namespace Halide;
    return reinterpret<float>(cast<uint32_t>(u8) | cast<uint32_t>(0x4B000000)) - 8388608.0f;
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
        // premultiply() of color_math.h with u8_to_f32 (vector code in wasm).
        Expr pv = u8_to_f32(clamped(x, y, c)), pa = u8_to_f32(clamped(x, y, 3));
        premul(x, y, c) = select(opaque, pv, select(c == 3, pv, pv * pa * (1.0f / 255.0f)));
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

    // The float path's schedule, as both generators use it (`lanes`: natural_vector_size<float>()):
    // the weights at root, 64-row strips of `output` (parallel with threads). premul is computed
    // once per strip for its rows plus the 2*radius halo. store_at(yo)+compute_at(yi) did not
    // slide (the stmt showed 2r+1 rows premultiplied per output row): 4000x3000 sigma 3 / 10 in
    // wasm st, node 20, 870 / 2580 ms with it, 238 / 499 ms with this. blur_y and blur_x are
    // single rows with 8-pixel accumulator tiles (schedules.h). Memory: (64 + 2r) rows x (W + 2r)
    // x 16 B. Symmetric folding (kh: radius pairs instead of 2 radius + 1 taps: half the
    // multiplies, the same loads) and the opaque path (no premultiply / divide): 4000x3000
    // opaque, host AVX2, `test_filters <testdata> --timing`, 1 / 2 threads: sigma 5 183 / 87 ->
    // 166 / 85 ms, unsharp sigma 2 115 / 65 -> 101 / 58 ms. The caller specializes output and
    // premul on `opaque` afterwards (a specialization copies the schedule as it is when declared).
    // `io_lanes` (default `lanes`): vector width of output and premul, the stages converting
    // between u8 and float (see UnsharpCombine::schedule).
    void schedule_float(Halide::Func output, const Halide::Var &x, const Halide::Var &y, const Halide::Var &c,
                        const Halide::Var &xi, const Halide::Var &xo, const Halide::Var &yo, const Halide::Var &yi,
                        int lanes, bool threads, int io_lanes = 0) {
        using namespace Halide;
        constexpr int kTile = 8;
        if (io_lanes <= 0) io_lanes = lanes;
        weight_raw.compute_root();
        weight_sum.compute_root();
        weight.compute_root();
        schedule_rgba_output(output, x, y, c, xi, yo, yi, /*rows=*/64, io_lanes, threads);
        premul.compute_at(output, yo);
        schedule_rgba_row_stage(premul, x, y, c, xi, io_lanes);
        blur_y.compute_at(output, yi);
        schedule_rgba_filter(blur_y, blur_y_acc, x, y, c, xo, xi, {kh}, kTile);
        blur_x.compute_at(output, yi);
        schedule_rgba_filter(blur_x, blur_x_acc, x, y, c, xo, xi, {kh}, kTile);
    }
};

}  // namespace pixelpipe::gen
