// color_generator.cpp: per-pixel colour transforms on interleaved RGBA8.
// Family: pp_color_program (one pass of a compiled chain of colour transforms: see
// src/ops/color_program.h for the compiler; grayscale is one of its matrices).
#include "Halide.h"
#include "common/color_math.h"
#include "common/layout.h"
#include "common/schedules.h"

namespace pixelpipe::gen {
using namespace Halide;

// One segment (one pass) of a compiled colour program, on straight (not premultiplied) RGBA:
//   v   = pre[c](in)                                (use_pre only) per-channel 256-entry table, RGBA
//   v   = vibrance(v)                               (use_vibrance only) rounded to 8-bit levels
//   v   = clamp(round(M_i · [r g b 1]), 0, 255)     for i < matrix_count (0..4): 3x4 matrices on RGB,
//                                                   each rounded and clamped as its own step would
//   out = post[c](v)                                (use_post only) per-channel table, RGBA
// The table entries are whole levels and every intermediate is rounded exactly where running the
// steps one by one would round, so one compiled pipeline serves every chain and a fused chain
// computes the very same float32 operations as the step-by-step one (the compiler in
// color_program.cpp decides what may share a pass).
class ColorProgram : public Generator<ColorProgram> {
public:
    static constexpr int kMaxMatrices = 4;  // = ops::color::kMaxMatrices (color_program.h)

    GeneratorParam<bool> threads{"threads", false};  // parallel row strips (host and -mt builds)

    Input<Buffer<uint8_t, 3>> input{"input"};      // x, y, c; RGBA8 interleaved, straight alpha
    Input<Buffer<float, 2>> pre{"pre"};            // [256][4]: pre(level, c), whole levels 0..255
    Input<Buffer<float, 3>> matrices{"matrices"};  // [4][3][4]: matrices(k, row, i), k = r, g, b, offset (0..255 scale)
    Input<int> matrix_count{"matrix_count"};       // matrices applied in order, 0..4
    Input<Buffer<float, 2>> post{"post"};          // [256][4]: post(level, c), whole levels 0..255
    Input<float> vibrance{"vibrance"};             // -1..1, used only with use_vibrance
    Input<bool> use_pre{"use_pre"};                // look up `pre` (false: it is the identity)
    Input<bool> use_vibrance{"use_vibrance"};      // run the vibrance stage
    Input<bool> use_post{"use_post"};              // look up `post` (false: it is the identity)
    Output<Buffer<uint8_t, 3>> output{"output"};

    void generate() {
        // Each step is a Tuple Func holding the 4 channels of a vector of pixels, specialized on
        // its own flag (schedule()), so a pass runs only the steps it needs.
        std::vector<Expr> v(4);
        for (int ch = 0; ch < 4; ++ch) {
            Expr in = input(x, y, ch);
            v[ch] = select(use_pre, pre(cast<int>(in), ch), cast<float>(in));
        }
        lut(x, y) = Tuple(v);

        // Vibrance: saturation scaled by 1 + amount * (1 - s), s = (max - min) / 255, around the
        // Rec.709 luma, so dull pixels move most (see ops::color docs).
        {
            Expr r = lut(x, y)[0], g = lut(x, y)[1], b = lut(x, y)[2];
            Expr luma = luma709(r, g, b);
            Expr s = (max(r, max(g, b)) - min(r, min(g, b))) * (1.0f / 255.0f);
            Expr factor = 1.0f + vibrance * (1.0f - s);
            for (int ch = 0; ch < 3; ++ch)
                v[ch] = select(use_vibrance, round(clamp(luma + (lut(x, y)[ch] - luma) * factor, 0.0f, 255.0f)), lut(x, y)[ch]);
            v[3] = lut(x, y)[3];
        }
        step[0](x, y) = Tuple(v);

        for (int i = 0; i < kMaxMatrices; ++i) {
            Func &prev = step[i];
            for (int row = 0; row < 3; ++row) {
                Expr mixed = matrices(0, row, i) * prev(x, y)[0] + matrices(1, row, i) * prev(x, y)[1] +
                             matrices(2, row, i) * prev(x, y)[2] + matrices(3, row, i);
                v[row] = select(matrix_count > i, clamp(round(mixed), 0.0f, 255.0f), prev(x, y)[row]);
            }
            v[3] = prev(x, y)[3];
            step[i + 1](x, y) = Tuple(v);
        }

        const Func &last = step[kMaxMatrices];
        for (int ch = 0; ch < 4; ++ch)
            v[ch] = cast<uint8_t>(select(use_post, post(clamp(cast<int>(last(x, y)[ch]), 0, 255), ch), last(x, y)[ch]));
        chain(x, y) = Tuple(v);
        output(x, y, c) = mux(c, {chain(x, y)[0], chain(x, y)[1], chain(x, y)[2], chain(x, y)[3]});

        constrain_rgba8_interleaved(input);
        constrain_rgba8_interleaved(output);
        pre.dim(0).set_bounds(0, 256);
        pre.dim(1).set_bounds(0, 4).set_stride(256);
        post.dim(0).set_bounds(0, 256);
        post.dim(1).set_bounds(0, 4).set_stride(256);
        matrices.dim(0).set_bounds(0, 4);
        matrices.dim(1).set_bounds(0, 3).set_stride(4);
        matrices.dim(2).set_bounds(0, kMaxMatrices).set_stride(12);
        set_rgba_estimates(input);
        set_rgba_estimates(output);
        pre.set_estimates({{0, 256}, {0, 4}});
        post.set_estimates({{0, 256}, {0, 4}});
        matrices.set_estimates({{0, 4}, {0, 3}, {0, kMaxMatrices}});
        matrix_count.set_estimate(1);
        vibrance.set_estimate(0.0f);
        use_pre.set_estimate(true);
        use_vibrance.set_estimate(false);
        use_post.set_estimate(false);
    }

    void schedule() {
        if (auto_schedule) return;
        // Pixels vectorized along x; `chain` computes the four channels of a vector of pixels
        // planar in registers (the matrices are plain multiply-adds with broadcast coefficients),
        // `output` interleaves them. The table lookups are gathers (scalar loads on wasm), the
        // dominant cost, so identity tables are skipped (use_pre / use_post) and each channel is
        // looked up once per pixel.
        const int lanes = natural_vector_size<float>() * 2;
        // Was: the specializations were declared before parallel(), and a specialization copies
        // the schedule as it is at that point, so every matrix pass ran on one thread (sepia
        // 12 MP 59.8 ms at 1 and 59.5 ms at 2 threads). No specializations on output now.
        schedule_rgba_pixelwise(output, x, y, c, xo, xi, yo, yi, lanes, 32, threads);
        chain.compute_at(output, xo).vectorize(x, lanes, TailStrategy::GuardWithIf);
        // Each step is computed per vector of pixels (registers) and specialized on its own
        // flag, so an unused step costs one predictable branch and a copy. (Specializing the
        // whole pass on every flag combination instead, 21 variants of one inlined expression
        // DAG, made the generator run for over 15 minutes.)
        // Measured, 4256x2848, host AVX2, `test_color <testdata> --timing`, 1 / 2 threads:
        // sepia 59.8 / 59.5 -> 28.2 / 14.5 ms; the bench's colour6 chain (1 pass now, was 3)
        // 52.0 / 26.6 ms = 1.84x one transform; six CSS incl. invert 186 / 185 -> 48.6 / 24.8 ms.
        Func steps[] = {lut, step[0], step[1], step[2], step[3], step[4]};
        for (Func f : steps) f.compute_at(chain, x).vectorize(x, lanes, TailStrategy::GuardWithIf);
        lut.specialize(use_pre);
        step[0].specialize(use_vibrance);
        for (int i = 0; i < kMaxMatrices; ++i) step[i + 1].specialize(matrix_count > i);
        chain.specialize(use_post);
    }

private:
    Var x{"x"}, y{"y"}, c{"c"}, xo{"xo"}, xi{"xi"}, yo{"yo"}, yi{"yi"};
    Func lut{"lut"}, chain{"chain"};
    Func step[kMaxMatrices + 1] = {Func{"vib"}, Func{"mat1"}, Func{"mat2"}, Func{"mat3"}, Func{"mat4"}};
};

}  // namespace pixelpipe::gen

HALIDE_REGISTER_GENERATOR(pixelpipe::gen::ColorProgram, pp_color_program)
