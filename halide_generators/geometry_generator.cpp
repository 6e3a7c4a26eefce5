// geometry_generator.cpp: geometric warps of interleaved RGBA8 (geometry family).
// Family: pp_rotate (rotation by an arbitrary angle about the centre, bilinear or bicubic).
// Exact moves (crop, flip, pad, rotations by multiples of 90) are plain copies in src/ops.
#include "Halide.h"
#include "common/color_math.h"
#include "common/layout.h"
#include "common/schedules.h"

namespace pixelpipe::gen {
using namespace Halide;

// Clockwise rotation (screen coordinates, y down) by the angle whose cosine and sine are given,
// about the centres of the input and of the output canvas (continuous coordinates, pixel centres
// at +0.5). Each output pixel is sampled from the input by inverse mapping; samples outside the
// input are the background colour, so edges are anti-aliased against it (cv2.warpAffine with
// BORDER_CONSTANT does the same). Premultiplied alpha; bicubic is Catmull-Rom (a = -0.5).
class Rotate : public Generator<Rotate> {
public:
    GeneratorParam<bool> threads{"threads", false};  // parallel row strips (host and -mt builds)

    Input<Buffer<uint8_t, 3>> input{"input"};    // x, y, c; RGBA8 interleaved, straight alpha
    Input<float> cos_angle{"cos_angle"};          // cos of the clockwise angle, [-1, 1]
    Input<float> sin_angle{"sin_angle"};          // sin of the clockwise angle, [-1, 1]
    Input<int> interpolation{"interpolation"};    // 0 bilinear, 1 bicubic
    // Background, straight RGBA, 0..255 each. (int, not uint8_t: with uint8 scalars LLVM 14
    // loads the pair as 16 bits with vmovw, an AVX512-FP16 instruction that Halide 14's `host`
    // target enables on CPUs reporting avx512_bf16 even when they lack FP16: SIGILL here.)
    Input<int> bg_r{"bg_r"};
    Input<int> bg_g{"bg_g"};
    Input<int> bg_b{"bg_b"};
    Input<int> bg_a{"bg_a"};
    Input<int> out_width{"out_width"};            // pixels, == output.width(): the grown canvas
    Input<int> out_height{"out_height"};          // pixels, == output.height()
    Output<Buffer<uint8_t, 3>> output{"output"};  // the grown canvas (size chosen by the caller)

    void generate() {
        Expr in_w = input.width(), in_h = input.height();
        Expr out_w = out_width, out_h = out_height;

        // Premultiplied source with the background outside the image.
        Expr bg_alpha = cast<float>(bg_a);
        bg(c) = select(c == 0, cast<float>(bg_r), c == 1, cast<float>(bg_g), cast<float>(bg_b)) * bg_alpha / 255.0f;
        bg_full(c) = select(c == 3, bg_alpha, bg(c));
        clamped = BoundaryConditions::repeat_edge(input);
        premul(x, y, c) = premultiply(clamped, x, y, c);
        Expr inside = x >= 0 && x < in_w && y >= 0 && y < in_h;
        source(x, y, c) = select(inside, premul(x, y, c), bg_full(c));

        // Inverse map: output centre offset (dx, dy) rotated anticlockwise into the input.
        Expr dx = cast<float>(x) + 0.5f - cast<float>(out_w) * 0.5f;
        Expr dy = cast<float>(y) + 0.5f - cast<float>(out_h) * 0.5f;
        Expr u = dx * cos_angle + dy * sin_angle + cast<float>(in_w) * 0.5f - 0.5f;
        Expr v = -dx * sin_angle + dy * cos_angle + cast<float>(in_h) * 0.5f - 0.5f;
        // Keep the integer coordinates in a range where int32 math is safe; anything beyond
        // the image by more than 2 pixels reads background anyway.
        Expr uf = clamp(floor(u), -4.0f, cast<float>(in_w) + 4.0f);
        Expr vf = clamp(floor(v), -4.0f, cast<float>(in_h) + 4.0f);
        Expr ix = cast<int>(uf), iy = cast<int>(vf);
        Expr fx = clamp(u - uf, 0.0f, 1.0f), fy = clamp(v - vf, 0.0f, 1.0f);

        // Bilinear: 2x2 taps.
        Expr top = lerp(source(ix, iy, c), source(ix + 1, iy, c), fx);
        Expr bottom = lerp(source(ix, iy + 1, c), source(ix + 1, iy + 1, c), fx);
        Expr bilinear = lerp(top, bottom, fy);

        // Bicubic: 4x4 Catmull-Rom taps at offsets -1..2.
        // The distances are known to lie in [1, 2] (outer taps) and [0, 1] (inner taps), so each
        // weight is one branch of Keys' cubic (a = -0.5), in float: no selects, no doubles
        // (the generic double keys_cubic made this 3x slower).
        auto near = [](Expr t) { return (1.5f * t - 2.5f) * t * t + 1.0f; };
        auto far = [](Expr t) { return ((-0.5f * t + 2.5f) * t - 4.0f) * t + 2.0f; };
        Expr wx[4] = {far(fx + 1.0f), near(fx), near(1.0f - fx), far(2.0f - fx)};
        Expr wy[4] = {far(fy + 1.0f), near(fy), near(1.0f - fy), far(2.0f - fy)};
        Expr bicubic = 0.0f;
        for (int j = 0; j < 4; ++j) {
            Expr row = 0.0f;
            for (int i = 0; i < 4; ++i) row += wx[i] * source(ix + i - 1, iy + j - 1, c);
            bicubic += wy[j] * row;
        }
        rotated(x, y, c) = select(interpolation == 0, bilinear, bicubic);
        output(x, y, c) = unpremultiply_u8(rotated, x, y, c);

        constrain_rgba8_interleaved(input);
        constrain_rgba8_interleaved(output);
        set_rgba_estimates(input);
        cos_angle.set_estimate(0.9f);
        sin_angle.set_estimate(0.4f);
        interpolation.set_estimate(0);
        bg_r.set_estimate(0);
        bg_g.set_estimate(0);
        bg_b.set_estimate(0);
        bg_a.set_estimate(0);
        out_width.set_estimate(2200);
        out_height.set_estimate(1800);
        set_rgba_estimates(output, 2200, 1800);
    }

    void schedule() {
        if (auto_schedule) return;
        // A gather: every output pixel reads 4 (16) input pixels at computed addresses, so only the
        // 4 channels of one pixel are a dense vector (one float32x4); row strips for parallelism.
        output.bound(c, 0, 4);
        output.split(y, yo, yi, 32, TailStrategy::GuardWithIf).reorder(c, x, yi, yo).vectorize(c);
        if (threads) output.parallel(yo);
        // One program per interpolation: the unused branch is never evaluated.
        output.specialize(interpolation == 0);
    }

private:
    Var x{"x"}, y{"y"}, c{"c"}, yo{"yo"}, yi{"yi"};
    Func bg{"bg"}, bg_full{"bg_full"}, clamped{"clamped"}, premul{"premul"}, source{"source"}, rotated{"rotated"};
};

}  // namespace pixelpipe::gen

HALIDE_REGISTER_GENERATOR(pixelpipe::gen::Rotate, pp_rotate)
