// color_generator.cpp: per-pixel colour transforms on interleaved RGBA8.
// Family: pp_grayscale.
#include "Halide.h"
#include "common/color_math.h"
#include "common/layout.h"

namespace pixelpipe::gen {
using namespace Halide;

// Rec.709 luma of the sRGB-encoded values (no linearisation: this is what CSS grayscale(1),
// sharp's greyscale() default and skimage.color.rgb2gray compute). R=G=B=round(Y), alpha kept.
class Grayscale : public Generator<Grayscale> {
public:
    GeneratorParam<bool> threads{"threads", false};  // parallel row strips (host and -mt builds)

    Input<Buffer<uint8_t, 3>> input{"input"};    // x, y, c; RGBA8 interleaved, straight alpha
    Output<Buffer<uint8_t, 3>> output{"output"};  // same size and layout as input

    void generate() {
        Expr r = cast<float>(input(x, y, 0));
        Expr g = cast<float>(input(x, y, 1));
        Expr b = cast<float>(input(x, y, 2));
        // Weights sum to 1, so Y <= 255 and the cast cannot overflow.
        Expr luma = cast<uint8_t>(round(luma709(r, g, b)));
        output(x, y, c) = select(c == 3, input(x, y, 3), luma);

        constrain_rgba8_interleaved(input);
        constrain_rgba8_interleaved(output);
        set_rgba_estimates(input);
        set_rgba_estimates(output);
    }

    void schedule() {
        if (auto_schedule) return;
        // Memory-bound: one pass, 16 pixels per iteration (u8 vector width on wasm simd128),
        // the 4 channels unrolled so the loads/stores become (de)interleaving shuffles of whole
        // vectors. 64-row strips: enough work per task to amortise Halide's thread pool overhead.
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
};

}  // namespace pixelpipe::gen

HALIDE_REGISTER_GENERATOR(pixelpipe::gen::Grayscale, pp_grayscale)
