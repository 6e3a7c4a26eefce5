// palette_generator.cpp: applying a palette to interleaved RGBA8.
// Family: pp_gradient_map (generateAndApplyPalette's `map` mode; the LUT is built in
// src/palette/gradient_map.cpp).
#include "Halide.h"
#include "common/layout.h"

namespace pixelpipe::gen {
using namespace Halide;

// out = in + (lut[luma(in)] − in)·strength/256 per colour channel, alpha kept, where luma is the
// Rec. 709 luma of the 8-bit values rounded to a level (as palette::luma8 in gradient_map.h).
class GradientMap : public Generator<GradientMap> {
public:
    GeneratorParam<bool> threads{"threads", false};  // parallel row strips (host and -mt builds)

    Input<Buffer<uint8_t, 3>> input{"input"};   // x, y, c; RGBA8 interleaved, straight alpha
    Input<Buffer<uint32_t, 1>> lut{"lut"};      // [256]: r | g << 8 | b << 16 per luma level
    Input<int> strength{"strength"};            // 0..256 (256 = the LUT colour exactly)
    Output<Buffer<uint8_t, 3>> output{"output"};  // same size and layout as input

    void generate() {
        Expr r = cast<uint32_t>(input(x, y, 0)), g = cast<uint32_t>(input(x, y, 1)), b = cast<uint32_t>(input(x, y, 2));
        // Integer Rec. 709 with round-half-up: max 2550000 + 5000 fits easily in 32 bits.
        level(x, y) = cast<int>((2126 * r + 7152 * g + 722 * b + 5000) / 10000);
        Expr src = cast<int>(input(x, y, c));
        // One 32-bit lookup per pixel (shared by the unrolled channels), not one byte per channel.
        Expr packed = lut(clamp(level(x, y), 0, 255));
        Expr target = cast<int>((packed >> (8 * cast<uint32_t>(clamp(c, 0, 2)))) & 255);
        Expr blended = src + (((target - src) * strength + 128) >> 8);
        output(x, y, c) = select(c == 3, input(x, y, 3), cast<uint8_t>(blended));

        constrain_rgba8_interleaved(input);
        constrain_rgba8_interleaved(output);
        lut.dim(0).set_bounds(0, 256);
        set_rgba_estimates(input);
        set_rgba_estimates(output);
        strength.set_estimate(256);
    }

    void schedule() {
        if (auto_schedule) return;
        // As pp_grayscale: memory-bound, one pass; the 4 channels unrolled so loads and stores are
        // whole-vector (de)interleaves. `level` and the packed lookup stay inline: the unrolled
        // channels share them after CSE. The lookup is a per-lane load (no gather in wasm simd128);
        // one u32 per pixel instead of three u8 bytes: 89 → 23–37 ms for a 16 MP photo on the host
        // (AVX2, 2 threads; /tmp bench in the palette branch's report, machine shared and noisy).
        const int lanes = natural_vector_size<uint8_t>();
        output.bound(c, 0, 4)
            .reorder(c, x, y)
            .unroll(c)
            .split(y, yo, yi, 64, TailStrategy::GuardWithIf)
            .vectorize(x, lanes, TailStrategy::GuardWithIf);
        if (threads) output.parallel(yo);
    }

private:
    Var x{"x"}, y{"y"}, c{"c"}, yo{"yo"}, yi{"yi"};
    Func level{"level"};
};

}  // namespace pixelpipe::gen

HALIDE_REGISTER_GENERATOR(pixelpipe::gen::GradientMap, pp_gradient_map)
