// composite_generator.cpp: one layer composited onto a region of the canvas (createComposite).
// Family: pp_composite_layer (the separable blend modes that need float: color_dodge, color_burn,
// soft_light; Porter-Duff, plus-lighter) and pp_composite_nonseparable (hue, saturation, color,
// luminosity); the other separable modes run in integer maths (composite_fixed_generator.cpp).
// The caller (src/composite/blend.cpp) passes the canvas region, the layer and its mask as
// buffers in the same (canvas) coordinates, so one pass touches only the layer's clipped box; the
// output aliases the canvas region (pointwise, so in place is safe).
//
// Why two pipelines: the non-separable modes' SetSat/SetLum/ClipColor chain, written as one
// expression under a select over all 24 operators and specialized per mode, made the generator
// run for over 9 minutes and 9 GB (simplifying a deeply shared expression DAG) before it was
// stopped. Split, the chain is a few small staged Funcs and each pipeline builds in seconds.
#include "Halide.h"
#include "common/blend_math.h"
#include "common/color_math.h"
#include "common/layout.h"
#include "common/schedules.h"

namespace pixelpipe::gen {
using namespace Halide;

// W3C Compositing and Blending Level 1 on straight RGBA8, computed in float 0..1:
//   as = layer alpha * opacity * mask coverage, ab = backdrop alpha, B = the blend function,
//   then composite_pixel() (blend_math.h), then straight colour co / ao rounded to 8 bits
//   (0 where ao = 0).
template <bool kNonSeparable>
class Composite : public Generator<Composite<kNonSeparable>> {
public:
    GeneratorParam<bool> threads{"threads", false};  // parallel row strips (host and -mt builds)

    // Pixels packed as u32 (R in the low byte), as pp_composite_fixed takes them
    // (composite_fixed_generator.cpp says why).
    GeneratorInput<Buffer<uint32_t, 2>> backdrop{"backdrop"};  // the canvas region, RGBA8 straight
    GeneratorInput<Buffer<uint32_t, 2>> layer{"layer"};        // covers backdrop's region, same coordinates
    GeneratorInput<Buffer<uint32_t, 2>> mask{"mask"};          // covers the region; unread when mask_mode = 0
    GeneratorInput<int> mode{"mode"};                          // composite::BlendMode id
    GeneratorInput<int> mask_mode{"mask_mode"};                // composite::MaskMode: 0 none, 1 luminance, 2 alpha
    GeneratorInput<float> opacity{"opacity"};                  // 0..1
    GeneratorOutput<Buffer<uint32_t, 2>> output{"output"};     // the same region (may alias backdrop)

    void generate() {
        // Channels to float by packed_unit (blend_math.h); back through i32 in a select, which
        // keeps the simplifier from folding the casts into ones LLVM scalarizes on wasm (as in
        // pp_unsharp_combine).
        Expr bd = backdrop(x, y), ly = layer(x, y);
        Rgb3 cb, cs;
        for (int i = 0; i < 3; ++i) {
            cb[i] = packed_unit(bd, i);
            cs[i] = packed_unit(ly, i);
        }
        Expr ab = packed_unit(bd, 3);
        Expr as = packed_unit(ly, 3) * opacity * mask_coverage(mask(x, y), mask_mode);

        Rgb3 blended;
        if (kNonSeparable) {
            define_nonseparable(cb, cs);
            for (int i = 0; i < 3; ++i) blended[i] = clipped(x, y)[i];
        } else {
            for (int i = 0; i < 3; ++i) blended[i] = blend_separable(Expr(mode), cb[i], cs[i]);
        }
        auto co = composite_pixel(mode, cb, ab, cs, as, blended);
        Expr ao = clamp(co[3], 0.0f, 1.0f);
        Expr inv_ao = 1.0f / max(ao, 1e-12f);  // one division per pixel, not per channel
        auto to_u32 = [&](Expr unit_value) {
            return cast<uint32_t>(select(ao > 0.0f, cast<int32_t>(round(clamp(unit_value, 0.0f, 1.0f) * 255.0f)), 0));
        };
        Expr packed = to_u32(ao) << 24;
        for (int i = 0; i < 3; ++i) packed = packed | (to_u32(co[i] * inv_ao) << (8 * i));
        pixel(x, y) = packed;
        output(x, y) = pixel(x, y);

        for (auto *b : {&backdrop, &layer, &mask}) constrain_packed_rgba8(*b);
        constrain_packed_rgba8(output);
        mode.set_estimate(kNonSeparable ? int(composite::BlendMode::Hue) : 0);
        mask_mode.set_estimate(0);
        opacity.set_estimate(1.0f);
    }

    void schedule() {
        if (this->auto_schedule) return;
        // Pixels vectorized along x (two float vectors per step); `pixel` computes the four
        // channels of a vector of pixels planar in registers and packs them.
        // Row strips of 32 for the thread pool.
        const int lanes = this->template natural_vector_size<float>() * 2;
        schedule_packed_pixelwise(output, x, y, xo, xi, yo, yi, lanes, 32, threads);
        pixel.compute_at(output, xo).vectorize(x, lanes, TailStrategy::GuardWithIf);
        if (kNonSeparable) {
            // The chain's stages per vector of pixels (registers), in order.
            for (Func f : {base, saturated, shifted, clipped})
                f.compute_at(output, xo).vectorize(x, lanes, TailStrategy::GuardWithIf);
            return;
        }
        // One loop nest per operator: inside each, the select chains on `mode` fold to that
        // operator's formula (checked in the .stmt: multiply's branch is a widening u8 multiply).
        // Specializing `output`, not `pixel`: on `pixel` (computed at output's xo) bounds
        // inference over its 20 specialized definitions ran for more than 5 minutes; on `output`
        // the generator runs in about a minute.
        // The integer-exact modes run in pp_composite_fixed (composite_fixed_generator.cpp), so
        // only the float ones get a loop nest here (any other mode would take the generic one).
        for (int id = 0; id < composite::kBlendModeCount; ++id) {
            const bool separable_or_pd = id < int(composite::BlendMode::Hue) || id >= composite::kFirstPorterDuff;
            if (separable_or_pd && !composite::uses_fixed_point(composite::BlendMode(id))) output.specialize(mode == id);
        }
    }

private:
    Var x{"x"}, y{"y"}, xo{"xo"}, xi{"xi"}, yo{"yo"}, yi{"yi"};
    Func pixel{"pixel"}, base{"base"}, saturated{"saturated"}, shifted{"shifted"}, clipped{"clipped"};

    // §10.2 as staged Funcs (each stage reads the previous one's stored values):
    //   hue        SetLum(SetSat(Cs, Sat(Cb)), Lum(Cb))   saturation SetLum(SetSat(Cb, Sat(Cs)), Lum(Cb))
    //   color      SetLum(Cs, Lum(Cb))                     luminosity SetLum(Cb, Lum(Cs))
    void define_nonseparable(const Rgb3 &cb, const Rgb3 &cs) {
        using namespace blend_detail;
        using composite::BlendMode;
        auto is = [&](BlendMode m) { return mode == int(m); };
        Expr from_source = is(BlendMode::Hue) || is(BlendMode::Color);
        Expr sat_target = select(is(BlendMode::Hue), sat(cb), sat(cs));
        Expr lum_target = select(is(BlendMode::Luminosity), lum(cs), lum(cb));
        base(x, y) = Tuple(select(from_source, cs[0], cb[0]), select(from_source, cs[1], cb[1]),
                           select(from_source, cs[2], cb[2]), sat_target, lum_target);
        const Rgb3 p{base(x, y)[0], base(x, y)[1], base(x, y)[2]};
        const Rgb3 q = set_sat(p, base(x, y)[3]);
        Expr sets_sat = is(BlendMode::Hue) || is(BlendMode::Saturation);
        saturated(x, y) = Tuple(select(sets_sat, q[0], p[0]), select(sets_sat, q[1], p[1]), select(sets_sat, q[2], p[2]),
                                base(x, y)[4]);
        const Rgb3 s{saturated(x, y)[0], saturated(x, y)[1], saturated(x, y)[2]};
        Expr d = saturated(x, y)[3] - lum(s);
        shifted(x, y) = Tuple(s[0] + d, s[1] + d, s[2] + d);
        const Rgb3 clip = clip_color({shifted(x, y)[0], shifted(x, y)[1], shifted(x, y)[2]});
        clipped(x, y) = Tuple(clip[0], clip[1], clip[2]);
    }
};

using CompositeLayer = Composite<false>;
using CompositeNonSeparable = Composite<true>;

}  // namespace pixelpipe::gen

HALIDE_REGISTER_GENERATOR(pixelpipe::gen::CompositeLayer, pp_composite_layer)
HALIDE_REGISTER_GENERATOR(pixelpipe::gen::CompositeNonSeparable, pp_composite_nonseparable)
