// color_generator.cpp: per-pixel colour transforms on interleaved RGBA8.
// Family: pp_grayscale (the fixed Rec.709 special case) and pp_color_program (one pass of a
// compiled chain of colour transforms: see src/ops/color_program.h for the compiler).
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

// One segment of a fused colour program, on straight (not premultiplied) RGBA:
//   v   = pre[c](in)                                  per-channel 256-entry table, RGBA
//   v   = vibrance(v)       (use_vibrance only)       rounded to 8-bit levels, alpha untouched
//   m   = round(clamp(M · [r g b 1], 0, 255))         (use_matrix only) 3x4 matrix on RGB, alpha = v.a
//   out = post[c](m)                                  (use_matrix only) per-channel table, RGBA
// The table entries are whole levels and every intermediate is rounded exactly where running the
// steps one by one would round, so one compiled pipeline serves every chain and a fused chain
// matches the step-by-step result (the compiler in color_program.cpp decides what may share a pass).
class ColorProgram : public Generator<ColorProgram> {
public:
    GeneratorParam<bool> threads{"threads", false};  // parallel row strips (host and -mt builds)

    Input<Buffer<uint8_t, 3>> input{"input"};  // x, y, c; RGBA8 interleaved, straight alpha
    Input<Buffer<float, 2>> pre{"pre"};        // [256][4]: pre(level, c), whole levels 0..255
    Input<Buffer<float, 2>> matrix{"matrix"};  // [3][4]: matrix(k, row), k = r, g, b, offset (0..255 scale)
    Input<Buffer<float, 2>> post{"post"};      // [256][4]: post(level, c), whole levels 0..255
    Input<float> vibrance{"vibrance"};         // -1..1, used only with use_vibrance
    Input<bool> use_vibrance{"use_vibrance"};  // run the vibrance stage
    Input<bool> use_matrix{"use_matrix"};      // run matrix + post table (else out = pre)
    Output<Buffer<uint8_t, 3>> output{"output"};

    void generate() {
        lut_in(x, y, c) = pre(cast<int>(input(x, y, c)), c);

        // Vibrance: saturation scaled by 1 + amount * (1 - s), s = (max - min) / 255, around the
        // Rec.709 luma, so dull pixels move most (see ops::color docs).
        Expr r = lut_in(x, y, 0), g = lut_in(x, y, 1), b = lut_in(x, y, 2);
        Expr luma = luma709(r, g, b);
        Expr s = (max(r, max(g, b)) - min(r, min(g, b))) * (1.0f / 255.0f);
        Expr factor = 1.0f + vibrance * (1.0f - s);
        Expr vib = round(clamp(luma + (lut_in(x, y, c) - luma) * factor, 0.0f, 255.0f));
        mid(x, y, c) = select(use_vibrance && c < 3, vib, lut_in(x, y, c));

        Expr mixed = matrix(0, min(c, 2)) * mid(x, y, 0) + matrix(1, min(c, 2)) * mid(x, y, 1) +
                     matrix(2, min(c, 2)) * mid(x, y, 2) + matrix(3, min(c, 2));
        Expr level = select(c == 3, mid(x, y, 3), round(mixed));
        Expr through_matrix = post(cast<int>(clamp(level, 0.0f, 255.0f)), c);
        output(x, y, c) = cast<uint8_t>(select(use_matrix, through_matrix, mid(x, y, c)));

        constrain_rgba8_interleaved(input);
        constrain_rgba8_interleaved(output);
        pre.dim(0).set_bounds(0, 256);
        pre.dim(1).set_bounds(0, 4).set_stride(256);
        post.dim(0).set_bounds(0, 256);
        post.dim(1).set_bounds(0, 4).set_stride(256);
        matrix.dim(0).set_bounds(0, 4);
        matrix.dim(1).set_bounds(0, 3).set_stride(4);
        set_rgba_estimates(input);
        set_rgba_estimates(output);
        pre.set_estimates({{0, 256}, {0, 4}});
        post.set_estimates({{0, 256}, {0, 4}});
        matrix.set_estimates({{0, 4}, {0, 3}});
        vibrance.set_estimate(0.0f);
        use_vibrance.set_estimate(false);
        use_matrix.set_estimate(true);
    }

    void schedule() {
        if (auto_schedule) return;
        // Pixels vectorized along x with the 4 channels unrolled (planar in registers): the matrix
        // is then plain multiply-adds with broadcast coefficients. The table lookups are gathers
        // (scalar loads on wasm), the dominant cost; mid is computed once per vector of pixels so
        // each input channel is looked up once, not once per output channel.
        const int lanes = natural_vector_size<float>() * 2;
        output.bound(c, 0, 4)
            .split(y, yo, yi, 32, TailStrategy::GuardWithIf)
            .split(x, xo, xi, lanes, TailStrategy::GuardWithIf)
            .reorder(c, xi, xo, yi, yo)
            .unroll(c)
            .vectorize(xi);
        mid.compute_at(output, xo).bound(c, 0, 4).reorder(c, x, y).unroll(c).vectorize(x, lanes, TailStrategy::GuardWithIf);
        // Three code paths, chosen per call: LUT only, LUT + matrix, LUT + vibrance + matrix.
        output.specialize(use_matrix && use_vibrance);
        output.specialize(use_matrix);
        output.specialize(!use_vibrance);
        if (threads) output.parallel(yo);
    }

private:
    Var x{"x"}, y{"y"}, c{"c"}, xo{"xo"}, xi{"xi"}, yo{"yo"}, yi{"yi"};
    Func lut_in{"lut_in"}, mid{"mid"};
};

}  // namespace pixelpipe::gen

HALIDE_REGISTER_GENERATOR(pixelpipe::gen::Grayscale, pp_grayscale)
HALIDE_REGISTER_GENERATOR(pixelpipe::gen::ColorProgram, pp_color_program)
