// analysis_generator.cpp: the measuring passes of analyzeImage (src/analysis/).
// Family: pp_histogram (r, g, b, a, luma histograms), pp_luma (luma plane, box-downscaled by an
// integer factor), pp_luma_measures (per-row sums of the Laplacian, its square and Immerkær's
// noise operator), pp_blockiness (per-row sums of luma steps by 8-pixel phase).
// Reductions are per row strip (histograms) or per row (sums) so that rows run in parallel;
// C++ adds the partial results in double (src/analysis/measures.cpp).
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

class Histogram : public Generator<Histogram> {
public:
    GeneratorParam<bool> threads{"threads", false};

    Input<Buffer<uint8_t, 3>> input{"input"};     // x, y, c; RGBA8 interleaved
    Input<bool> skip_transparent{"skip_transparent"};  // true: pixels with a == 0 are not counted
    Output<Buffer<int32_t, 2>> output{"output"};  // bin 0..255, channel 0..4 = r, g, b, a, luma

    void generate() {
        // Partial histograms per strip of kRows rows, then their sum: strips run in parallel.
        const Expr strips = (input.height() + kRows - 1) / kRows;
        RDom r(0, input.width(), 0, kRows, 0, 5);
        const Expr y = strip * kRows + r.y;
        r.where(y < input.height());
        const Expr px = clamp(y, 0, input.height() - 1);
        const Expr rr = input(r.x, px, 0), gg = input(r.x, px, 1), bb = input(r.x, px, 2), aa = input(r.x, px, 3);
        const Expr value = select(r.z == 4, luma8(rr, gg, bb), input(r.x, px, clamp(r.z, 0, 3)));
        partial(bin, ch, strip) = 0;
        partial(cast<int>(value), r.z, strip) += select(skip_transparent && aa == 0, 0, 1);

        s = RDom(0, strips);
        output(bin, ch) = 0;
        output(bin, ch) += partial(bin, ch, s);

        constrain_rgba8_interleaved(input);
        set_rgba_estimates(input);
        skip_transparent.set_estimate(false);
        output.set_estimates({{0, 256}, {0, 5}});
        output.dim(0).set_bounds(0, 256);
        output.dim(1).set_bounds(0, 5);
    }

    void schedule() {
        if (auto_schedule) return;
        partial.compute_root().bound(bin, 0, 256).bound(ch, 0, 5);
        if (threads) partial.update().parallel(strip);
        partial.vectorize(bin, natural_vector_size<int32_t>());
        output.update().reorder(bin, ch, s).vectorize(bin, natural_vector_size<int32_t>());
    }

private:
    static constexpr int kRows = 64;  // 64 strips of a 4000×4096 image: enough to balance 2–8 threads
    Var bin{"bin"}, ch{"ch"}, strip{"strip"};
    RDom s;
    Func partial{"partial"};
};

class Luma : public Generator<Luma> {
public:
    GeneratorParam<bool> threads{"threads", false};

    Input<Buffer<uint8_t, 3>> input{"input"};  // x, y, c; RGBA8 interleaved
    Input<int> factor{"factor"};               // box size 1..64; output = floor(input / factor)
    Output<Buffer<uint8_t, 2>> output{"output"};

    void generate() {
        // Clamped reads: box rows are computed in whole vectors past the right edge.
        Func clamped = BoundaryConditions::repeat_edge(input);
        luma(x, y) = cast<uint32_t>(luma8(clamped(x, y, 0), clamped(x, y, 1), clamped(x, y, 2)));
        r = RDom(0, factor, 0, factor);
        box(x, y) = cast<uint32_t>(0);
        box(x, y) += luma(x * factor + r.x, y * factor + r.y);
        const Expr n = cast<uint32_t>(factor * factor);
        output(x, y) = cast<uint8_t>((box(x, y) + n / 2) / n);

        constrain_rgba8_interleaved(input);
        set_rgba_estimates(input);
        factor.set_estimate(2);
        output.set_estimates({{0, 960}, {0, 540}});
    }

    void schedule() {
        if (auto_schedule) return;
        const int lanes = natural_vector_size<uint32_t>();
        output.split(y, yo, yi, 8, TailStrategy::GuardWithIf).vectorize(x, lanes, TailStrategy::GuardWithIf);
        if (threads) output.parallel(yo);
        box.compute_at(output, yi).vectorize(x, lanes);
        box.update().reorder(x, r.x, r.y).vectorize(x, lanes);
    }

private:
    Var x{"x"}, y{"y"}, yo{"yo"}, yi{"yi"};
    RDom r;
    Func luma{"luma"}, box{"box"};
};

// Per interior row y (1..h-2): Σ lap, Σ lap², Σ |immerkaer| over interior columns, as doubles.
// lap = 4-neighbour Laplacian [0 1 0; 1 -4 1; 0 1 0]; Immerkær (1996) N = [1 -2 1; -2 4 -2; 1 -2 1].
class LumaMeasures : public Generator<LumaMeasures> {
public:
    GeneratorParam<bool> threads{"threads", false};

    Input<Buffer<uint8_t, 2>> luma{"luma"};         // x, y; at least 3×3
    Output<Buffer<double, 2>> output{"output"};     // k 0..2, y (row 0 and h-1 are 0)

    void generate() {
        Func in{"in"};
        in(x, y) = cast<int32_t>(luma(clamp(x, 0, luma.width() - 1), clamp(y, 0, luma.height() - 1)));
        lap(x, y) = in(x - 1, y) + in(x + 1, y) + in(x, y - 1) + in(x, y + 1) - 4 * in(x, y);
        imm(x, y) = abs(in(x - 1, y - 1) + in(x + 1, y - 1) + in(x - 1, y + 1) + in(x + 1, y + 1) -
                        2 * (in(x, y - 1) + in(x, y + 1) + in(x - 1, y) + in(x + 1, y)) + 4 * in(x, y));
        // Sums in double: lap² over a 4 MP copy reaches 4e12 (no int32), and the JS side needs
        // doubles anyway.
        r = RDom(1, max(0, luma.width() - 2));
        const Expr interior = y >= 1 && y <= luma.height() - 2;
        row(k, y) = cast<double>(0);
        const Expr l = cast<double>(lap(r, y));
        row(k, y) += select(!interior, cast<double>(0), select(k == 0, l, k == 1, l * l, cast<double>(imm(r, y))));
        output(k, y) = row(k, y);

        output.set_estimates({{0, 3}, {0, 1500}});
        luma.set_estimates({{0, 2000}, {0, 1500}});
    }

    void schedule() {
        if (auto_schedule) return;
        output.bound(k, 0, 3).reorder(k, y).unroll(k);
        if (threads) output.parallel(y, 16);
        row.compute_at(output, y).bound(k, 0, 3).unroll(k);
        row.update().reorder(k, r.x).unroll(k);
    }

private:
    Var x{"x"}, y{"y"}, k{"k"};
    RDom r;
    Func lap{"lap"}, imm{"imm"}, row{"row"};
};

// Per row y: k 0..7 = Σ |Y(x+1,y) − Y(x,y)| over x with x mod 8 == k (the step between column x
// and x+1); k 8 = Σ |Y(x,y+1) − Y(x,y)| over the row (0 for the last row). C++ groups rows by
// y mod 8. Full-resolution luma: the 8×8 block grid of a JPEG is only visible there.
class Blockiness : public Generator<Blockiness> {
public:
    GeneratorParam<bool> threads{"threads", false};

    Input<Buffer<uint8_t, 3>> input{"input"};     // x, y, c; RGBA8 interleaved
    Output<Buffer<int32_t, 2>> output{"output"};  // k 0..8, y

    void generate() {
        Func clamped = BoundaryConditions::repeat_edge(input);
        Y(x, y) = cast<int16_t>(luma8(clamped(x, y, 0), clamped(x, y, 1), clamped(x, y, 2)));
        // Phase k: columns x = 8 i + k while x + 1 < width.
        RDom r(0, (input.width() + 7) / 8);
        const Expr xk = r * 8 + k;
        phase(k, y) = 0;
        phase(k, y) += select(xk + 1 < input.width(), cast<int32_t>(abs(Y(xk + 1, y) - Y(xk, y))), 0);
        RDom rx(0, input.width());
        vertical(y) = 0;
        vertical(y) += select(y + 1 < input.height(), cast<int32_t>(abs(Y(rx, y + 1) - Y(rx, y))), 0);
        output(k, y) = select(k < 8, phase(clamp(k, 0, 7), y), vertical(y));

        constrain_rgba8_interleaved(input);
        set_rgba_estimates(input);
        output.set_estimates({{0, 9}, {0, 1080}});
    }

    void schedule() {
        if (auto_schedule) return;
        output.bound(k, 0, 9).reorder(k, y);
        if (threads) output.parallel(y, 16);
        Y.compute_at(output, y).vectorize(x, natural_vector_size<int16_t>());
        phase.compute_at(output, y).bound(k, 0, 8);
        vertical.compute_at(output, y);
    }

private:
    Var x{"x"}, y{"y"}, k{"k"};
    Func Y{"Y"}, phase{"phase"}, vertical{"vertical"};
};

}  // namespace pixelpipe::gen

HALIDE_REGISTER_GENERATOR(pixelpipe::gen::Histogram, pp_histogram)
HALIDE_REGISTER_GENERATOR(pixelpipe::gen::Luma, pp_luma)
HALIDE_REGISTER_GENERATOR(pixelpipe::gen::LumaMeasures, pp_luma_measures)
HALIDE_REGISTER_GENERATOR(pixelpipe::gen::Blockiness, pp_blockiness)
