// analysis_generator.cpp: the measuring passes of analyzeImage (src/analysis/).
// Family: pp_luma (the full-resolution luma plane), pp_luma_box (a luma plane box-downscaled by an
// integer factor), pp_luma_measures (column sums of the Laplacian, its square and the square of Immerkær's noise
// operator), pp_blockiness (column sums of luma steps by 8-row phase). Only pp_luma reads RGBA; the
// others read its plane. The histograms and the colorfulness sums are one scalar C++ pass
// (measures.cpp): a scatter is what Halide vectorises worst.
// Reductions are per row strip so that strips run in parallel; C++ adds the partial results in
// double (src/analysis/measures.cpp).
#include <vector>

#include "Halide.h"
#include "common/layout.h"

namespace pixelpipe::gen {
using namespace Halide;

// js-api.md's luma, rounded half up, exactly: (2126 R + 7152 G + 722 B + 5000) / 10000 is the
// same number as round(0.2126 R + 0.7152 G + 0.0722 B) without float rounding doubts, so numpy
// can reproduce every bin.
inline Expr luma8(const Expr &r, const Expr &g, const Expr &b) {
    return cast<uint8_t>((cast<uint32_t>(r) * 2126 + cast<uint32_t>(g) * 7152 + cast<uint32_t>(b) * 722 + 5000) / 10000);
}

// The schedule of the column-sum passes (output(x, k, strip) += ... over rows `rvars`): x is a
// pure, vectorised dimension (dense loads along a row), k unrolled, strips in parallel.
inline void schedule_column_sums(Func out, const Var &x, const Var &k, const Var &strip, std::vector<VarOrRVar> rvars,
                                 int k_count, int lanes, bool threads) {
    out.bound(k, 0, k_count).reorder(x, k, strip).vectorize(x, lanes, TailStrategy::GuardWithIf);
    std::vector<VarOrRVar> order{x, k};
    order.insert(order.end(), rvars.begin(), rvars.end());
    order.push_back(strip);
    out.update().reorder(order).unroll(k).vectorize(x, lanes, TailStrategy::GuardWithIf);
    if (threads) out.update().parallel(strip);
}

// The luma plane of every pixel: computed once per analysis, every measure's luma (histogram,
// the quality, horizon and saliency copies) is read from it, so RGBA is deinterleaved once.
class Luma : public Generator<Luma> {
public:
    GeneratorParam<bool> threads{"threads", false};

    Input<Buffer<uint8_t, 3>> input{"input"};  // x, y, c; RGBA8 interleaved
    Output<Buffer<uint8_t, 2>> output{"output"};

    void generate() {
        output(x, y) = luma8(input(x, y, 0), input(x, y, 1), input(x, y, 2));
        constrain_rgba8_interleaved(input);
        set_rgba_estimates(input);
        output.set_estimates({{0, 1920}, {0, 1080}});
    }

    void schedule() {
        if (auto_schedule) return;
        // 16 rows a task: 188 tasks for a 12 MP photo, enough to balance the pool.
        output.vectorize(x, natural_vector_size<uint8_t>(), TailStrategy::GuardWithIf)
            .split(y, yo, yi, 16, TailStrategy::GuardWithIf);
        if (threads) output.parallel(yo);
    }

private:
    Var x{"x"}, y{"y"}, yo{"yo"}, yi{"yi"};
};

// A luma plane box-averaged by an integer factor, rounded half up.
class LumaBox : public Generator<LumaBox> {
public:
    GeneratorParam<bool> threads{"threads", false};

    Input<Buffer<uint8_t, 2>> input{"input"};  // x, y
    Input<int> factor{"factor"};               // box size 1..4096; output = floor(input / factor)
    Output<Buffer<uint8_t, 2>> output{"output"};

    void generate() {
        // Column sums of `factor` rows over the full input width (dense vector loads), then
        // each output pixel adds `factor` neighbouring column sums. (Summing the box per output
        // pixel vectorised across output x loaded the input with a stride of `factor` pixels:
        // gathers; a 12 MP image at factor 67 took 60 ms natively that way.)
        // No boundary condition: the caller's input covers exactly output × factor, and the
        // column sums' vector tail is guarded (a clamped x would turn every load into a gather,
        // which wasm has no instruction for).
        rj = RDom(0, factor);
        colsum(x, y) = cast<uint32_t>(0);
        colsum(x, y) += cast<uint32_t>(input(x, y * factor + rj));
        ri = RDom(0, factor);
        box(x, y) = cast<uint32_t>(0);
        box(x, y) += colsum(x * factor + ri, y);
        const Expr n = cast<uint32_t>(factor * factor);
        output(x, y) = cast<uint8_t>((box(x, y) + n / 2) / n);

        factor.set_estimate(2);
        input.set_estimates({{0, 1920}, {0, 1080}});
        output.set_estimates({{0, 960}, {0, 540}});
    }

    void schedule() {
        if (auto_schedule) return;
        const int lanes = natural_vector_size<uint32_t>();
        // Rows in groups of 4 (GuardWithIf: a 1-row output stays legal).
        output.split(y, yo, yi, 4, TailStrategy::GuardWithIf);
        if (threads) output.parallel(yo);
        colsum.compute_at(output, yi).vectorize(x, lanes, TailStrategy::GuardWithIf);
        colsum.update().reorder(x, rj).vectorize(x, lanes, TailStrategy::GuardWithIf);
        box.compute_at(output, yi);
        // Small factors (the quality copy: 2 for 4–16 MP, 3 up to 36 MP, 4 up to 64 MP) have the
        // most output pixels: there the box sums and the division are vectorised too (a stride of
        // 2–4 is a dense load and a shuffle, not a gather; the divisor becomes a constant). The
        // generic box was 139 M of the 171 M instructions of the three copies of a 12 MP analysis
        // (callgrind, native, one thread); larger factors have few output pixels.
        for (int f : {2, 3, 4}) {
            output.specialize(factor == f).vectorize(x, lanes, TailStrategy::GuardWithIf);
            box.specialize(factor == f).vectorize(x, lanes, TailStrategy::GuardWithIf);
            box.update().specialize(factor == f).unroll(ri).vectorize(x, lanes, TailStrategy::GuardWithIf);
        }
    }

private:
    Var x{"x"}, y{"y"}, yo{"yo"}, yi{"yi"};
    RDom rj, ri;
    Func colsum{"colsum"}, box{"box"};
};

// Column sums per strip of kRows rows: k 0 = Σ lap, 1 = Σ lap², 2 = Σ immerkaer², over interior
// rows (1 ≤ y ≤ h-2; others add 0); the output's x range must be the interior columns 1..w-2. Reducing over y keeps x a pure,
// vectorised dimension; C++ adds the (w × 3 × strips) int32 partials in double.
// lap = 4-neighbour Laplacian [0 1 0; 1 -4 1; 0 1 0]; Immerkær (1996) N = [1 -2 1; -2 4 -2; 1 -2 1].
// int32 is exact: |lap| ≤ 1020, lap² ≤ 1 040 400; |immerkaer| ≤ 4080, its square ≤ 16 646 400,
// × 64 rows = 1.07e9 < 2^31.
class LumaMeasures : public Generator<LumaMeasures> {
public:
    GeneratorParam<bool> threads{"threads", false};

    Input<Buffer<uint8_t, 2>> luma{"luma"};         // x, y; at least 3×3
    Output<Buffer<int32_t, 3>> output{"output"};    // x 1..w-2, k 0..2, strip

    void generate() {
        Func in{"in"};
        // Only y is clamped (one scalar per row): the caller asks for interior columns only
        // (output x in 1..w-2), so x ± 1 stays inside without per-lane clamps (gathers on wasm).
        in(x, y) = cast<int32_t>(luma(x, clamp(y, 0, luma.height() - 1)));
        lap(x, y) = in(x - 1, y) + in(x + 1, y) + in(x, y - 1) + in(x, y + 1) - 4 * in(x, y);
        imm(x, y) = in(x - 1, y - 1) + in(x + 1, y - 1) + in(x - 1, y + 1) + in(x + 1, y + 1) -
                    2 * (in(x, y - 1) + in(x, y + 1) + in(x - 1, y) + in(x + 1, y)) + 4 * in(x, y);
        r = RDom(0, kRows);
        const Expr yr = strip * kRows + r;
        const Expr inside = yr >= 1 && yr <= luma.height() - 2;
        const Expr l = lap(x, yr), m = imm(x, yr);
        output(x, k, strip) = 0;
        output(x, k, strip) += select(inside, select(k == 0, l, k == 1, l * l, m * m), 0);

        output.set_estimates({{0, 2000}, {0, 3}, {0, 24}});
        luma.set_estimates({{0, 2000}, {0, 1500}});
    }

    void schedule() {
        if (auto_schedule) return;
        schedule_column_sums(output, x, k, strip, {r.x}, 3, natural_vector_size<int32_t>(), threads);
    }

private:
    static constexpr int kRows = 64;
    Var x{"x"}, y{"y"}, k{"k"}, strip{"strip"};
    RDom r;
    Func lap{"lap"}, imm{"imm"};
};

// Column sums per strip of 64 rows of full-resolution luma steps (the 8×8 block grid of a JPEG
// is only visible there): k 0..7 = Σ |Y(x, y+1) − Y(x, y)| over the strip's rows with y mod 8 ==
// k; k 8 = Σ |Y(x+1, y) − Y(x, y)| over the strip's rows. Steps past the last row or column are
// 0. C++ groups columns by x mod 8.
class Blockiness : public Generator<Blockiness> {
public:
    GeneratorParam<bool> threads{"threads", false};

    Input<Buffer<uint8_t, 2>> luma{"luma"};       // x, y; the full-resolution luma plane
    Output<Buffer<int32_t, 3>> output{"output"};  // x 0..w-2, k 0..8, strip

    void generate() {
        // Only y is clamped (one scalar per row); the output covers x 0..w-2 so x + 1 is inside
        // (per-lane clamps would be gathers on wasm). The last column's vertical steps are left out.
        Y(x, y) = cast<int16_t>(luma(x, y));
        r = RDom(0, 8, 0, 8);  // r.x = phase, r.y = block row within the strip
        const Expr yv = strip * 64 + r.y * 8 + r.x;
        const Expr y0 = min(yv, luma.height() - 1), y1 = min(yv + 1, luma.height() - 1);
        const Expr vstep = select(yv + 1 < luma.height(), cast<int32_t>(abs(Y(x, y1) - Y(x, y0))), 0);
        const Expr hstep = select(yv < luma.height(), cast<int32_t>(abs(Y(x + 1, y0) - Y(x, y0))), 0);
        output(x, k, strip) = 0;
        output(x, k, strip) += select(k == 8, hstep, k == r.x, vstep, 0);

        luma.set_estimates({{0, 1920}, {0, 1080}});
        output.set_estimates({{0, 1920}, {0, 9}, {0, 17}});
    }

    void schedule() {
        if (auto_schedule) return;
        schedule_column_sums(output, x, k, strip, {r.x, r.y}, 9, natural_vector_size<int32_t>(), threads);
    }

private:
    Var x{"x"}, y{"y"}, k{"k"}, strip{"strip"};
    RDom r;
    Func Y{"Y"};
};

}  // namespace pixelpipe::gen

HALIDE_REGISTER_GENERATOR(pixelpipe::gen::Luma, pp_luma)
HALIDE_REGISTER_GENERATOR(pixelpipe::gen::LumaBox, pp_luma_box)
HALIDE_REGISTER_GENERATOR(pixelpipe::gen::LumaMeasures, pp_luma_measures)
HALIDE_REGISTER_GENERATOR(pixelpipe::gen::Blockiness, pp_blockiness)
