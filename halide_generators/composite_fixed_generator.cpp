// composite_fixed_generator.cpp: pp_composite_fixed, one layer composited source-over onto a
// region of the canvas for the blend modes whose B(Cb, Cs) is a polynomial of degree <= 2 in 8-bit
// values (normal, multiply, screen, overlay, darken, lighten, hard_light, difference, exclusion),
// in integer maths. Same buffers and contract as pp_composite_layer (composite_generator.cpp),
// which keeps the modes that need float (dodge, burn, soft_light, the non-separable modes) and
// the Porter-Duff operators; src/composite/blend.cpp picks the pipeline.
//
// W3C Compositing 1 §9.1.4 source-over with blending, rewritten as one lerp per channel:
//   X  = (1 - ab) Cs + ab B(Cb, Cs)
//   co = as X + (1 - as) ab Cb,   ao = as + (1 - as) ab
//   Co = co / ao = Cb + t (X - Cb)   with t = as / ao
// t and ao are per pixel (float: one division per pixel); per channel everything is integer:
//   B2 = 255^2 B exactly (u16, <= 65025) for every mode here (hard_light's threshold Cs <= 0.5 is
//   s <= 127 on 8-bit s), N = 255^3 X = (255 - ab) 255 s + ab B2 exactly (< 2^24),
//   X in 1/256 levels = N 256 / 65025 = (N >> 8) (1 + 515 / 65536) (error < 0.01 level), then the
//   lerp with t in Q15 (D t < 2^31). Worst error before the final rounding: ~0.02 level, so the
//   result stays within 1 level of the double reference (tests/cpp/test_composite.cpp).
#include "Halide.h"
#include "common/color_math.h"
#include "common/filters_schedules.h"
#include "common/layout.h"
#include "common/schedules.h"
#include "../src/composite/blend_mode.h"

namespace pixelpipe::gen {
using namespace Halide;

class CompositeFixed : public Generator<CompositeFixed> {
public:
    GeneratorParam<bool> threads{"threads", false};  // parallel row strips (host and -mt builds)

    GeneratorInput<Buffer<uint8_t, 3>> backdrop{"backdrop"};  // x, y, c: the canvas region, RGBA8 straight
    GeneratorInput<Buffer<uint8_t, 3>> layer{"layer"};        // covers backdrop's region, same coordinates
    GeneratorInput<Buffer<uint8_t, 3>> mask{"mask"};          // covers the region; unread when mask_mode = 0
    GeneratorInput<int> mode{"mode"};                         // composite::BlendMode id (uses_fixed_point)
    GeneratorInput<int> mask_mode{"mask_mode"};               // composite::MaskMode: 0 none, 1 luminance, 2 alpha
    GeneratorInput<float> opacity{"opacity"};                 // 0..1
    GeneratorOutput<Buffer<uint8_t, 3>> output{"output"};     // the same region (may alias backdrop)

    void generate() {
        using composite::BlendMode;
        // Per pixel, float: as (alpha x opacity x mask coverage), ao, t = as / ao.
        const float k = 1.0f / 255.0f;
        // strict_float: see composite_generator.cpp (fast-math cancels u8_to_f32's 2^23 terms
        // across a sum such as as + ab - as ab).
        auto unit = [&](Expr u8) { return strict_float(u8_to_f32(u8)) * k; };
        Expr m_alpha = unit(mask(x, y, 3));
        Expr m_luma = luma709(unit(mask(x, y, 0)), unit(mask(x, y, 1)), unit(mask(x, y, 2)));
        Expr coverage = select(mask_mode == int(composite::MaskMode::Luminance), m_luma * m_alpha,
                               mask_mode == int(composite::MaskMode::Alpha), m_alpha, 1.0f);
        Expr as = unit(layer(x, y, 3)) * opacity * coverage;
        Expr ab_f = unit(backdrop(x, y, 3));
        Expr ao = clamp(as + ab_f - as * ab_f, 0.0f, 1.0f);
        Expr t = as / max(ao, 1e-12f);
        // i32 through select, as in composite_generator.cpp: keeps LLVM from scalarizing the casts.
        weights(x, y) = Tuple(cast<int32_t>(round(clamp(t, 0.0f, 1.0f) * 32768.0f)),
                              select(ao > 0.0f, cast<int32_t>(round(ao * 255.0f)), 0));

        // Per channel, integer.
        Expr b = cast<int32_t>(backdrop(x, y, c)), s = cast<int32_t>(layer(x, y, c));
        Expr ab = cast<int32_t>(backdrop(x, y, 3));
        Expr b2 = blend_255sq(mode, b, s);
        Expr n = (255 - ab) * 255 * s + ab * b2;
        Expr n8 = n >> 8;
        Expr x88 = n8 + ((n8 * 515) >> 16);
        Expr lerp = (b << 8) + (((x88 - (b << 8)) * weights(x, y)[0] + 16384) >> 15);
        // Colour 0 where ao = 0, i.e. as = 0 and ab = 0 (as > 0 with ab = 0 gives t = 1).
        Expr colour = select(weights(x, y)[0] > 0 || ab > 0, clamp((lerp + 128) >> 8, 0, 255), 0);
        output(x, y, c) = cast<uint8_t>(select(c == 3, weights(x, y)[1], colour));

        constrain_rgba8_interleaved(backdrop);
        constrain_rgba8_interleaved(layer);
        constrain_rgba8_interleaved(mask);
        constrain_rgba8_interleaved(output);
        for (auto *buf : {&backdrop, &layer, &mask}) set_rgba_estimates(*buf, 1000, 1000);
        set_rgba_estimates(output, 1000, 1000);
        mode.set_estimate(int(BlendMode::Multiply));
        mask_mode.set_estimate(0);
        opacity.set_estimate(1.0f);
    }

    void schedule() {
        if (auto_schedule) return;
        // Row strips of 32 on the pool (a 1000-row layer: 32 tasks for 2 threads); pixels along x
        // in vectors of 8 (two i32x4 per channel), `weights` per vector of pixels in registers.
        const int lanes = natural_vector_size<int32_t>() * 2;
        schedule_rgba_pixelwise(output, x, y, c, xo, xi, yo, yi, lanes, 32, threads);
        weights.compute_at(output, xo).vectorize(x, lanes, TailStrategy::GuardWithIf);
        // One loop nest per mode: blend_255sq's select chain folds to that mode's formula.
        for (int id = 0; id < composite::kBlendModeCount; ++id) {
            if (composite::uses_fixed_point(composite::BlendMode(id))) output.specialize(mode == id);
        }
    }

private:
    Var x{"x"}, y{"y"}, c{"c"}, xo{"xo"}, xi{"xi"}, yo{"yo"}, yi{"yi"};
    Func weights{"weights"};

    // 255^2 B(Cb, Cs) on 8-bit b, s (i32), exact, for the modes uses_fixed_point() accepts.
    static Expr hard_light(Expr b, Expr s) {
        Expr s2 = 2 * s - 255;  // 255 (2 Cs - 1) when Cs > 0.5
        return select(s <= 127, 2 * b * s, 255 * (b + s2) - b * s2);
    }
    static Expr blend_255sq(Expr mode, Expr b, Expr s) {
        using composite::BlendMode;
        auto is = [&](BlendMode m) { return mode == int(m); };
        return select(is(BlendMode::Multiply), b * s,
                      is(BlendMode::Screen), 255 * (b + s) - b * s,
                      is(BlendMode::Overlay), hard_light(s, b),
                      is(BlendMode::Darken), 255 * min(b, s),
                      is(BlendMode::Lighten), 255 * max(b, s),
                      is(BlendMode::HardLight), hard_light(b, s),
                      is(BlendMode::Difference), 255 * max(b - s, s - b),
                      is(BlendMode::Exclusion), 255 * (b + s) - 2 * b * s,
                      255 * s);  // normal
    }
};

}  // namespace pixelpipe::gen

HALIDE_REGISTER_GENERATOR(pixelpipe::gen::CompositeFixed, pp_composite_fixed)
