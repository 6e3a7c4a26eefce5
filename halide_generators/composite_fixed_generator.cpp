// composite_fixed_generator.cpp: pp_composite_fixed, one layer composited source-over onto a
// region of the canvas for the blend modes whose B(Cb, Cs) is a polynomial of degree <= 2 in 8-bit
// values (normal, multiply, screen, overlay, darken, lighten, hard_light, difference, exclusion),
// in integer maths. Same buffers and contract as pp_composite_layer (composite_generator.cpp),
// which keeps the modes that need float (dodge, burn, soft_light, the non-separable modes) and
// the Porter-Duff operators; src/composite/blend.cpp picks the pipeline.
//
// W3C Compositing 1 §9.1.4 source-over with blending, rewritten as one lerp per channel:
//   X  = (1 - ab) Cs + ab B(Cb, Cs) = Cs + ab (B - Cs)
//   co = as X + (1 - as) ab Cb,   ao = as + (1 - as) ab
//   Co = co / ao = Cb + t (X - Cb)   with t = as / ao
// t and ao are per pixel (float: one division per pixel). Per channel everything is 16-bit, in
// levels x 128 ("8.7" fixed point, <= 32640, so every term fits an i16 lane):
//   B87 = 128 B(Cb, Cs): exact for the min/max/difference modes; through mul87(p) =
//     (p + (p >> 8) + 1) >> 1 ~ 128 p / 255 (p = b s <= 65025, u16) for the product modes
//     (error <= 1 LSB; hard_light's threshold Cs <= 0.5 is s <= 127 on 8-bit s);
//   X87 = 128 s + q15(B87 - 128 s, ab * 128.5), Co87 = 128 b + q15(X87 - 128 b, t * 32768), where
//   q15(a, w) = (a w + 2^14) >> 15 is wasm's i16x8.q15mulr_sat_s (Halide rounding_mul_shift_right);
//   then Co = Co87 / 128 rounded, clamped to 0..255 and packed with ao.
// Worst error before the final rounding ~3 LSB = 0.023 level, so the result stays within 1 level
// of the double reference (tests/cpp/test_composite.cpp), as the 32-bit version did. Why 16-bit:
// the 32-bit version (i32 lanes: 4 pixels per vector op) spent ~40 wasm SIMD instructions per
// pixel; 16-bit lanes halve the lanes' cost and q15mulr folds multiply, round and shift into one.
// With packed pixels (common/layout.h), measured in wasm st, Node 20 with TurboFan only, a
// 1500x1500 layer at opacity 0.7, best of 3 x 9 runs: 11.8 -> 6.6 ms per MP (multiply),
// 17.5 -> 7.1 (overlay), 19.4 -> 7.8 (hard_light).
#include "Halide.h"
#include "common/blend_math.h"
#include "common/layout.h"
#include "common/schedules.h"
#include "../src/composite/blend_mode.h"

namespace pixelpipe::gen {
using namespace Halide;

class CompositeFixed : public Generator<CompositeFixed> {
public:
    GeneratorParam<bool> threads{"threads", false};  // parallel row strips (host and -mt builds)

    // Pixels packed as u32 (common/layout.h says why).
    GeneratorInput<Buffer<uint32_t, 2>> backdrop{"backdrop"};  // the canvas region, RGBA8 straight
    GeneratorInput<Buffer<uint32_t, 2>> layer{"layer"};        // covers backdrop's region, same coordinates
    GeneratorInput<Buffer<uint32_t, 2>> mask{"mask"};          // covers the region; unread when mask_mode = 0
    GeneratorInput<int> mode{"mode"};                          // composite::BlendMode id (uses_fixed_point)
    GeneratorInput<int> mask_mode{"mask_mode"};                // composite::MaskMode: 0 none, 1 luminance, 2 alpha
    GeneratorInput<float> opacity{"opacity"};                  // 0..1
    GeneratorOutput<Buffer<uint32_t, 2>> output{"output"};     // the same region (may alias backdrop)

    void generate() {
        using composite::BlendMode;
        // Channel ch of a packed pixel, 0..255, in a u16 lane.
        auto byte16 = [&](Expr px, int ch) { return cast<uint16_t>(packed_channel(px, ch)); };
        // Per pixel, float: as (alpha x opacity x mask coverage), ao, t = as / ao.
        Expr bd = backdrop(x, y), ly = layer(x, y);
        // A Func of its own, specialized on mask_mode: without a mask (the usual case) no mask
        // pixel is loaded (a select evaluates both sides).
        source_alpha(x, y) = packed_unit(ly, 3) * opacity * mask_coverage(mask(x, y), mask_mode);
        Expr as = source_alpha(x, y);
        Expr ab_f = packed_unit(bd, 3);
        Expr ao = clamp(as + ab_f - as * ab_f, 0.0f, 1.0f);
        Expr t = clamp(as / max(ao, 1e-12f), 0.0f, 1.0f);
        // i32 through select, as in composite_generator.cpp: keeps LLVM from scalarizing the
        // casts; t saturates at 32767 (1 - 2^-15: q15mulr takes i16).
        t_q15(x, y) = cast<int16_t>(min(select(as > 0.0f, cast<int32_t>(round(t * 32768.0f)), 0), 32767));
        ao_8(x, y) = cast<uint16_t>(select(ao > 0.0f, cast<int32_t>(round(ao * 255.0f)), 0));

        // Per channel, 16-bit 8.7 fixed point.
        Expr ab = cast<int16_t>(byte16(bd, 3));
        Expr ab_q15 = ab * 128 + (ab >> 1);  // ab / 255 in Q15 (255 -> 32767)
        Expr keep = t_q15(x, y) > 0 || ab > 0;  // else ao = 0: colour 0 (as > 0 with ab = 0 gives t = 1)
        Expr packed = cast<uint32_t>(ao_8(x, y)) << 24;
        for (int ch = 0; ch < 3; ++ch) {
            Expr b = byte16(bd, ch), s = byte16(ly, ch);
            Expr b87 = cast<int16_t>(b * 128), s87 = cast<int16_t>(s * 128);
            Expr blend87 = cast<int16_t>(blend_87(mode, b, s));
            Expr x87 = s87 + rounding_mul_shift_right(blend87 - s87, ab_q15, 15);
            Expr co87 = b87 + rounding_mul_shift_right(x87 - b87, t_q15(x, y), 15);
            Expr colour = select(keep, clamp(rounding_shift_right(co87, 7), 0, 255), cast<int16_t>(0));
            packed = packed | (cast<uint32_t>(cast<uint16_t>(colour)) << (8 * ch));
        }
        output(x, y) = packed;

        for (auto *buf : {&backdrop, &layer, &mask}) constrain_packed_rgba8(*buf);
        constrain_packed_rgba8(output);
        mode.set_estimate(int(BlendMode::Multiply));
        mask_mode.set_estimate(0);
        opacity.set_estimate(1.0f);
    }

    void schedule() {
        if (auto_schedule) return;
        // Row strips of 32 on the pool (a 1000-row layer: 32 tasks for 2 threads); pixels along x
        // in vectors of 8 (one i16x8 per channel, two u32x4 of packed pixels); the per-pixel
        // terms per vector of pixels in registers.
        const int lanes = natural_vector_size<uint16_t>();
        schedule_packed_pixelwise(output, x, y, xo, xi, yo, yi, lanes, 32, threads);
        for (Func f : {source_alpha, t_q15, ao_8}) f.compute_at(output, xo).vectorize(x, lanes, TailStrategy::GuardWithIf);
        source_alpha.specialize(mask_mode == int(composite::MaskMode::None));
        // One loop nest per mode: blend_87's select chain folds to that mode's formula.
        for (int id = 0; id < composite::kBlendModeCount; ++id) {
            if (composite::uses_fixed_point(composite::BlendMode(id))) output.specialize(mode == id);
        }
    }

private:
    Var x{"x"}, y{"y"}, xo{"xo"}, xi{"xi"}, yo{"yo"}, yi{"yi"};
    Func source_alpha{"source_alpha"}, t_q15{"t_q15"}, ao_8{"ao_8"};

    // 128 p / 255 for p = b s <= 65025 (u16), within 1 LSB: p (1 + 1/256) / 2, which stays
    // below 65280 before the shift.
    static Expr mul87(Expr p) { return (p + (p >> 8) + 1) >> 1; }
    // 128 B(Cb, Cs) on 8-bit b, s (u16, result <= 32640), for the modes uses_fixed_point() accepts.
    static Expr hard_light(Expr b, Expr s) {
        Expr s2 = s * 2 - 255;  // 255 (2 Cs - 1) when Cs > 0.5
        return select(s <= 127, mul87(b * (s * 2)), (b + s2) * 128 - mul87(b * s2));
    }
    static Expr blend_87(Expr mode, Expr b, Expr s) {
        using composite::BlendMode;
        auto is = [&](BlendMode m) { return mode == int(m); };
        return select(is(BlendMode::Multiply), mul87(b * s),
                      is(BlendMode::Screen), (b + s) * 128 - mul87(b * s),
                      is(BlendMode::Overlay), hard_light(s, b),
                      is(BlendMode::Darken), min(b, s) * 128,
                      is(BlendMode::Lighten), max(b, s) * 128,
                      is(BlendMode::HardLight), hard_light(b, s),
                      is(BlendMode::Difference), absd(b, s) * 128,
                      is(BlendMode::Exclusion), (b + s) * 128 - 2 * mul87(b * s),
                      s * 128);  // normal
    }
};

}  // namespace pixelpipe::gen

HALIDE_REGISTER_GENERATOR(pixelpipe::gen::CompositeFixed, pp_composite_fixed)
