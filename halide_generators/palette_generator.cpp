// palette_generator.cpp: applying a palette to interleaved RGBA8.
// Family: pp_gradient_map (generateAndApplyPalette's `map` mode; the LUT is built in
// src/palette/gradient_map.cpp) and pp_color_transfer (`transfer`: the per-pixel OKLab affine map
// whose coefficients src/palette/apply_palette.cpp derives from the statistics).
#include "Halide.h"
#include "common/layout.h"
#include "common/schedules.h"

namespace pixelpipe::gen {
using namespace Halide;

// The `strength` blend both modes end with: in + (target − in)·strength/256 on colour channels
// (integers, rounded; strength 256 gives target exactly), alpha from in. target: int, 0..255.
inline Expr blend_toward(Func in, Expr target, Expr strength, Expr x, Expr y, Expr c) {
    Expr src = cast<int>(in(x, y, c));
    Expr blended = src + (((target - src) * strength + 128) >> 8);
    return select(c == 3, in(x, y, 3), cast<uint8_t>(blended));
}

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
        // One 32-bit lookup per pixel (shared by the unrolled channels), not one byte per channel.
        Expr packed = lut(clamp(level(x, y), 0, 255));
        Expr target = cast<int>((packed >> (8 * cast<uint32_t>(clamp(c, 0, 2)))) & 255);
        output(x, y, c) = blend_toward(input, target, strength, x, y, c);

        constrain_rgba8_interleaved(input);
        constrain_rgba8_interleaved(output);
        lut.dim(0).set_bounds(0, 256);
        set_rgba_estimates(input);
        set_rgba_estimates(output);
        strength.set_estimate(256);
    }

    void schedule() {
        if (auto_schedule) return;
        // Memory-bound, one pass. `level` and the packed lookup stay inline: the unrolled channels
        // share them after CSE. The lookup is a per-lane load (no gather in wasm simd128); one u32
        // per pixel instead of three u8 bytes: 89 → 23–37 ms for a 16 MP photo on the host (AVX2,
        // 2 threads; wall time on a shared, overloaded machine).
        schedule_rgba8_pointwise(output, x, y, c, yo, yi, 64, natural_vector_size<uint8_t>(), threads);
    }

private:
    Var x{"x"}, y{"y"}, c{"c"}, yo{"yo"}, yi{"yi"};
    Func level{"level"};
};

// out = in + (T(in) − in)·strength/256 per colour channel, alpha kept, where T converts to OKLab
// (Ottosson 2020, from linear sRGB by IEC 61966-2-1), applies x' = x·scale + shift per channel
// (Reinhard et al. 2001's statistics transfer), converts back and clips to sRGB. float32 with
// Halide's fast_pow for the cube root and the sRGB curves: within one level of the double-precision
// reference in tests/cpp/test_palette_apply.cpp.
class ColorTransfer : public Generator<ColorTransfer> {
public:
    GeneratorParam<bool> threads{"threads", false};  // parallel row strips (host and -mt builds)

    Input<Buffer<uint8_t, 3>> input{"input"};   // x, y, c; RGBA8 interleaved, straight alpha
    Input<float> scale_l{"scale_l"}, scale_a{"scale_a"}, scale_b{"scale_b"};  // σ ratios, 1/4..4
    Input<float> shift_l{"shift_l"}, shift_a{"shift_a"}, shift_b{"shift_b"};  // OKLab offsets
    Input<int> strength{"strength"};            // 0..256 (256 = the transferred colour exactly)
    Output<Buffer<uint8_t, 3>> output{"output"};  // same size and layout as input

    void generate() {
        clamped = BoundaryConditions::repeat_edge(input);
        auto to_linear = [](Expr v8) {
            Expr v = cast<float>(v8) * (1.0f / 255.0f);
            return select(v <= 0.04045f, v * (1.0f / 12.92f), fast_pow((v + 0.055f) * (1.0f / 1.055f), 2.4f));
        };
        auto cbrt = [](Expr v) { return select(v > 0.0f, fast_pow(v, 1.0f / 3.0f), 0.0f); };
        auto to_srgb8 = [](Expr v) {
            v = clamp(v, 0.0f, 1.0f);
            Expr e = select(v <= 0.0031308f, v * 12.92f, 1.055f * fast_pow(v, 1.0f / 2.4f) - 0.055f);
            return cast<int>(round(clamp(e, 0.0f, 1.0f) * 255.0f));
        };
        Expr r = to_linear(clamped(x, y, 0)), g = to_linear(clamped(x, y, 1)), b = to_linear(clamped(x, y, 2));
        Expr l_ = cbrt(0.4122214708f * r + 0.5363325363f * g + 0.0514459929f * b);
        Expr m_ = cbrt(0.2119034982f * r + 0.6806995451f * g + 0.1073969566f * b);
        Expr s_ = cbrt(0.0883024619f * r + 0.2817188376f * g + 0.6299787005f * b);
        Expr L = (0.2104542553f * l_ + 0.7936177850f * m_ - 0.0040720468f * s_) * scale_l + shift_l;
        Expr A = (1.9779984951f * l_ - 2.4285922050f * m_ + 0.4505937099f * s_) * scale_a + shift_a;
        Expr B = (0.0259040371f * l_ + 0.7827717662f * m_ - 0.8086757660f * s_) * scale_b + shift_b;
        Expr l2 = L + 0.3963377774f * A + 0.2158037573f * B;
        Expr m2 = L - 0.1055613458f * A - 0.0638541728f * B;
        Expr s2 = L - 0.0894841775f * A - 1.2914855480f * B;
        Expr l3 = l2 * l2 * l2, m3 = m2 * m2 * m2, s3 = s2 * s2 * s2;
        mapped(x, y) = Tuple(to_srgb8(4.0767416621f * l3 - 3.3077115913f * m3 + 0.2309699292f * s3),
                             to_srgb8(-1.2684380046f * l3 + 2.6097574011f * m3 - 0.3413193965f * s3),
                             to_srgb8(-0.0041960863f * l3 - 0.7034186147f * m3 + 1.7076147010f * s3));
        Expr target = mux(c, {mapped(x, y)[0], mapped(x, y)[1], mapped(x, y)[2], 0});
        output(x, y, c) = blend_toward(input, target, strength, x, y, c);

        constrain_rgba8_interleaved(input);
        constrain_rgba8_interleaved(output);
        set_rgba_estimates(input);
        set_rgba_estimates(output);
        scale_l.set_estimate(1.0f);
        scale_a.set_estimate(1.0f);
        scale_b.set_estimate(1.0f);
        shift_l.set_estimate(0.0f);
        shift_a.set_estimate(0.0f);
        shift_b.set_estimate(0.0f);
        strength.set_estimate(256);
    }

    void schedule() {
        if (auto_schedule) return;
        // Compute-bound float math: `mapped` once per pixel for a whole row strip, in f32 vectors
        // (computed past the right edge up to a whole vector; repeat_edge makes that read safe),
        // then the u8 blend/interleave pass as in pp_gradient_map.
        schedule_rgba8_pointwise(output, x, y, c, yo, yi, 32, natural_vector_size<uint8_t>(), threads);
        mapped.compute_at(output, yi).vectorize(x, natural_vector_size<float>());
    }

private:
    Var x{"x"}, y{"y"}, c{"c"}, yo{"yo"}, yi{"yi"};
    Func clamped{"clamped"}, mapped{"mapped"};
};

}  // namespace pixelpipe::gen

HALIDE_REGISTER_GENERATOR(pixelpipe::gen::GradientMap, pp_gradient_map)
HALIDE_REGISTER_GENERATOR(pixelpipe::gen::ColorTransfer, pp_color_transfer)
