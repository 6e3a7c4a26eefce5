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
    // The same pixels as input, one RGBA8 pixel per uint32 (little endian: R in the low byte), so a
    // gathered pixel is one 32-bit load. x, y; same extents as input.
    Input<Buffer<uint32_t, 2>> pixels{"pixels"};
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
        bg_px(x, y, c) = bg_full(c);
        bg_u8(c) = unpremultiply_u8(bg_px, 0, 0, c);
        clamped = BoundaryConditions::repeat_edge(input);
        premul(x, y, c) = premultiply(clamped, x, y, c);
        Expr inside = x >= 0 && x < in_w && y >= 0 && y < in_h;
        source(x, y, c) = select(inside, premul(x, y, c), bg_full(c));

        // Inverse map: output centre offset (dx, dy) rotated anticlockwise into the input.
        // Along a row it is affine in x: u = x * cos + u0(y), v = -x * sin + v0(y).
        Expr dy = cast<float>(y) + 0.5f - cast<float>(out_h) * 0.5f;
        Expr dx0 = 0.5f - cast<float>(out_w) * 0.5f;
        Expr u0 = dx0 * cos_angle + dy * sin_angle + cast<float>(in_w) * 0.5f - 0.5f;
        Expr v0 = -dx0 * sin_angle + dy * cos_angle + cast<float>(in_h) * 0.5f - 0.5f;
        Expr dx = cast<float>(x) + 0.5f - cast<float>(out_w) * 0.5f;
        Expr u = dx * cos_angle + dy * sin_angle + cast<float>(in_w) * 0.5f - 0.5f;
        Expr v = -dx * sin_angle + dy * cos_angle + cast<float>(in_h) * 0.5f - 0.5f;
        // Keep the integer coordinates in a range where int32 math is safe; anything beyond
        // the image by more than 2 pixels reads background anyway.
        Expr uf = clamp(floor(u), -4.0f, cast<float>(in_w) + 4.0f);
        Expr vf = clamp(floor(v), -4.0f, cast<float>(in_h) + 4.0f);
        Expr ix = cast<int>(uf), iy = cast<int>(vf);
        Expr fx = clamp(u - uf, 0.0f, 1.0f), fy = clamp(v - vf, 0.0f, 1.0f);

        // The same interpolation from two sources: `source` (background outside the image) for
        // pixels near the edges, `premul` (no inside test) where every tap is inside the image.
        auto interpolate = [&](const Func &src, Expr c) {
            Expr top = lerp(src(ix, iy, c), src(ix + 1, iy, c), fx);
            Expr bottom = lerp(src(ix, iy + 1, c), src(ix + 1, iy + 1, c), fx);
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
                for (int i = 0; i < 4; ++i) row += wx[i] * src(ix + i - 1, iy + j - 1, c);
                bicubic += wy[j] * row;
            }
            return select(interpolation == 0, bilinear, bicubic);
        };
        rotated(x, y, c) = interpolate(source, c);

        // Inner span: every tap is inside the image. Computed for whole pixels (a Tuple of the 4
        // premultiplied channels) so coordinates, weights and the gathered 32-bit pixel are
        // shared by the channels and can be vectorized across x. Same arithmetic as premultiply().
        // repeat_edge only keeps the (at least one) pixel of an empty span memory-safe.
        pixels_clamped = BoundaryConditions::repeat_edge(pixels, {{0, in_w}, {0, in_h}});
        pixel_premul(x, y) = [&] {
            Expr p = pixels_clamped(x, y);
            Expr a = cast<float>(cast<uint8_t>(p >> 24));
            std::vector<Expr> ch;
            for (int k = 0; k < 3; ++k) ch.push_back(cast<float>(cast<uint8_t>((p >> (8 * k)) & 255)) * a * (1.0f / 255.0f));
            ch.push_back(a);
            return Tuple(ch);
        }();
        std::vector<Expr> inner_ch;
        for (int k = 0; k < 4; ++k) {
            Func channel("channel_" + std::to_string(k));
            channel(x, y, c) = pixel_premul(x, y)[k];
            inner_ch.push_back(interpolate(channel, 0));
        }
        rotated_px(x, y) = Tuple(inner_ch);
        rotated_inner(x, y, c) = mux(c, {rotated_px(x, y)[0], rotated_px(x, y)[1], rotated_px(x, y)[2], rotated_px(x, y)[3]});
        edge_u8(x, y, c) = unpremultiply_u8(rotated, x, y, c);
        left_u8(x, y, c) = edge_u8(x, y, c);
        right_u8(x, y, c) = edge_u8(x, y, c);
        inner_u8(x, y, c) = unpremultiply_u8(rotated_inner, x, y, c);

        // Row spans. Taps reach m_lo pixels before floor(u) and m_hi after. Per output row, the
        // x-range where u and v keep every tap inside the image (inner: no inside test) and the
        // range where some tap may touch it (outside that: background, no sampling at all). Both
        // are solved in float and then rounded conservatively by one more pixel, so a pixel put
        // in a cheaper span is certainly in it; the edge path is exact everywhere anyway.
        Expr m_lo = select(interpolation == 0, 0.0f, 1.0f), m_hi = select(interpolation == 0, 1.0f, 2.0f);
        auto span = [](Expr k, Expr p0, Expr lo, Expr hi) {
            // {x : lo <= x * k + p0 <= hi}, as a float interval [a, b] (empty if a > b).
            // Only k == 0 is flat: a tiny k gives a huge (or infinite) t, clamped below.
            Expr flat = k == 0.0f;
            Expr kk = select(flat, 1.0f, k);
            Expr t1 = (lo - p0) / kk, t2 = (hi - p0) / kk;
            // lo > hi (an image too small for the taps): empty, whatever the order of t1, t2.
            Expr none = lo > hi;
            Expr all = p0 >= lo && p0 <= hi;
            Expr a = select(none, 1e9f, flat, select(all, -1e9f, 1e9f), min(t1, t2));
            Expr b = select(none, -1e9f, flat, select(all, 1e9f, -1e9f), max(t1, t2));
            return std::make_pair(a, b);
        };
        Expr fw = cast<float>(in_w), fh = cast<float>(in_h), fow = cast<float>(out_w);
        auto iu = span(cos_angle, u0, m_lo, fw - 1.0f - m_hi + 0.999f);
        auto iv = span(-sin_angle, v0, m_lo, fh - 1.0f - m_hi + 0.999f);
        auto tu = span(cos_angle, u0, -m_hi - 1.0f, fw + m_lo + 1.0f);
        auto tv = span(-sin_angle, v0, -m_hi - 1.0f, fh + m_lo + 1.0f);
        auto to_x = [&](Expr t) { return cast<int>(clamp(t, -2.0f, fow + 2.0f)); };
        Expr xa = clamp(to_x(floor(max(tu.first, tv.first))) - 1, 0, out_w);
        Expr xd = clamp(to_x(ceil(min(tu.second, tv.second))) + 2, xa, out_w);
        Expr xb = clamp(to_x(ceil(max(iu.first, iv.first))) + 1, xa, xd);
        Expr xc = clamp(to_x(floor(min(iu.second, iv.second))), xb, xd);
        // Inline (not a Func), so bounds inference sees them: each span Func is computed per row
        // over exactly its clamp range (at least one pixel).
        Expr sa = xa, sb = xb, sc = xc, sd = xd;
        output(x, y, c) = select(x >= sb && x < sc, inner_u8(clamp(x, sb, max(sc, sb + 1) - 1), y, c),
                                 x >= sa && x < sb, left_u8(clamp(x, sa, max(sb, sa + 1) - 1), y, c),
                                 x >= sc && x < sd, right_u8(clamp(x, sc, max(sd, sc + 1) - 1), y, c),
                                 bg_u8(c));

        constrain_rgba8_interleaved(input);
        constrain_rgba8_interleaved(output);
        set_rgba_estimates(input);
        pixels.dim(0).set_stride(1);
        pixels.set_estimates({{0, 1920}, {0, 1080}});
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
        // Measurements: 4000x3000 RGBA -> 4715x4032 at 17 degrees, best of 3, x86-64 AVX2 host,
        // `ctest`-built test: `HL_NUM_THREADS=1 /tmp/pp-rot/tests/cpp/test_geometry --timing`
        // (and HL_NUM_THREADS=2). Before the span split: 1 thread 284 ms bilinear / 638 ms
        // bicubic; 2 threads 149 / 337 ms.
        //
        // output: per row, a byte select among the spans' row buffers and the background
        // (inner first: the common case). Row strips of 32, parallel only with `threads`.
        // (A vectorized x loop here turns the clamped span reads into byte gathers: 118 -> 153 ms
        // bilinear; `likely` on the inner test does not partition the loop in Halide 14.)
        output.bound(c, 0, 4);
        output.split(y, yo, yi, 32, TailStrategy::GuardWithIf).reorder(c, x, yi, yo).vectorize(c);
        if (threads) output.parallel(yo);
        // One program per interpolation: the unused branch is never evaluated.
        output.specialize(interpolation == 0);
        bg_u8.compute_root();
        // Spans, per output row, each over exactly its x-range (bounds come from the clamps in
        // output). Skipping the background (about 37% of this canvas) and the inside test on the
        // inner span alone, with the inner span still vectorized over c: 239 / 388 ms (1 thread).
        // The inner span vectorized across x instead (natural_vector_size<float>() pixels: each tap
        // one 32-bit gather per pixel, channels unpacked with shifts, coordinates and weights
        // computed once per vector of pixels; c unrolled, the 4 byte stores interleave into one
        // dense store): 115 / 176 ms with 1 thread, 59 / 89 ms with 2 threads.
        const int vec = natural_vector_size<float>();
        inner_u8.compute_at(output, yi)
            .bound(c, 0, 4)
            .reorder_storage(c, x, y)
            .split(x, xo, xi, vec, TailStrategy::RoundUp)
            .reorder(c, xi, xo, y)
            .unroll(c)
            .vectorize(xi);
        rotated_px.compute_at(inner_u8, xo).vectorize(x);
        // The edge spans are a few pixels per row: the general path, one float32x4 pixel at a time.
        for (Func f : {left_u8, right_u8}) {
            f.compute_at(output, yi).bound(c, 0, 4).reorder_storage(c, x, y).reorder(c, x, y).vectorize(c);
        }
    }

private:
    Var x{"x"}, y{"y"}, c{"c"}, yo{"yo"}, yi{"yi"}, xo{"xo"}, xi{"xi"};
    Func pixels_clamped{"pixels_clamped"}, pixel_premul{"pixel_premul"}, rotated_px{"rotated_px"};
    Func bg{"bg"}, bg_full{"bg_full"}, bg_px{"bg_px"}, bg_u8{"bg_u8"}, clamped{"clamped"}, premul{"premul"},
        source{"source"}, rotated{"rotated"}, rotated_inner{"rotated_inner"}, edge_u8{"edge_u8"}, left_u8{"left_u8"},
        right_u8{"right_u8"}, inner_u8{"inner_u8"};
};

}  // namespace pixelpipe::gen

HALIDE_REGISTER_GENERATOR(pixelpipe::gen::Rotate, pp_rotate)
