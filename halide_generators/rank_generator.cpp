// rank_generator.cpp: rank (order-statistic) filters on interleaved RGBA8 (filters family).
// Family: pp_median3, pp_median5, pp_median7.
#include <utility>
#include <vector>

#include "Halide.h"
#include "common/layout.h"
#include "common/schedules.h"

namespace pixelpipe::gen {
using namespace Halide;

// Median of n Exprs by Batcher's odd-even merge sort network for arbitrary n (Knuth 5.3.4),
// keeping only the middle output: Halide drops the comparators that cannot reach it. 8-bit min/max
// are one SIMD instruction each, so a 3x3 median (25 comparators before pruning) is ~40 ops per
// 16 lanes.
inline Expr median_network(std::vector<Expr> v) {
    const int n = int(v.size());
    for (int p = 1; p < n; p += p)
        for (int k = p; k > 0; k /= 2)
            for (int j = k % p; j + k < n; j += k + k)
                for (int i = 0; i < k && i + j + k < n; ++i)
                    if ((i + j) / (p + p) == (i + j + k) / (p + p)) {
                        Expr lo = min(v[i + j], v[i + j + k]);
                        Expr hi = max(v[i + j], v[i + j + k]);
                        v[i + j] = lo;
                        v[i + j + k] = hi;
                    }
    return v[n / 2];
}

// Per-channel median of the (2R+1)^2 window, edges replicated: cv2.medianBlur (which replicates
// the border for every ksize) on 4 channels. Alpha is medianed like the colour channels.
template <int R>
class Median : public Generator<Median<R>> {
public:
    template <typename T>
    using Input = typename Generator<Median<R>>::template Input<T>;
    template <typename T>
    using Output = typename Generator<Median<R>>::template Output<T>;
    GeneratorParam<bool> threads{"threads", false};  // parallel row strips

    Input<Buffer<uint8_t, 3>> input{"input"};    // x, y, c; RGBA8 interleaved, straight alpha
    Output<Buffer<uint8_t, 3>> output{"output"};  // same size and layout as input

    void generate() {
        clamped = BoundaryConditions::repeat_edge(input);
        padded(x, y, c) = clamped(x, y, c);
        std::vector<Expr> window;
        for (int j = -R; j <= R; ++j)
            for (int i = -R; i <= R; ++i) window.push_back(padded(x + i, y + j, c));
        output(x, y, c) = median_network(window);

        constrain_rgba8_interleaved(input);
        constrain_rgba8_interleaved(output);
        set_rgba_estimates(input);
        set_rgba_estimates(output);
    }

    void schedule() {
        if (this->auto_schedule) return;
        const int lanes = this->template natural_vector_size<uint8_t>();
        // Strips of 32 rows; the replicated-edge copy of the strip (+R halo) is made once so the
        // window loads are dense vectors (inline repeat_edge clamps every load: gathers).
        output.bound(c, 0, 4)
            .split(y, yo, yi, 32, TailStrategy::GuardWithIf)
            .split(x, xo, xi, lanes / 4, TailStrategy::GuardWithIf)
            .reorder(c, xi, xo, yi, yo)
            .vectorize(c)
            .vectorize(xi);
        if (threads) output.parallel(yo);
        padded.compute_at(output, yo).bound(c, 0, 4).reorder_storage(c, x, y).reorder(c, x, y).vectorize(c);
    }

private:
    Var x{"x"}, y{"y"}, c{"c"}, xi{"xi"}, xo{"xo"}, yo{"yo"}, yi{"yi"};
    Func clamped{"clamped"}, padded{"padded"};
};

using Median3 = Median<1>;
using Median5 = Median<2>;
using Median7 = Median<3>;

}  // namespace pixelpipe::gen

HALIDE_REGISTER_GENERATOR(pixelpipe::gen::Median3, pp_median3)
HALIDE_REGISTER_GENERATOR(pixelpipe::gen::Median5, pp_median5)
HALIDE_REGISTER_GENERATOR(pixelpipe::gen::Median7, pp_median7)
