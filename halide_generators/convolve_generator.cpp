// convolve_generator.cpp: linear filters on interleaved RGBA8 (filters family).
// Family: pp_gaussian_blur (exact separable kernel), pp_box_blur3 (up to three cascaded box
// blurs by running sums: box_blur, and gaussian_blur for large sigma), pp_convolve (custom
// correlation kernel up to 7x7: convolve, emboss), pp_motion_blur (average along a line),
// pp_unsharp_combine (the pointwise half of unsharp_mask / sharpen).
#include "Halide.h"
#include "common/color_math.h"
#include "common/layout.h"
#include "common/schedules.h"
#include "common/filters_schedules.h"

namespace pixelpipe::gen {
using namespace Halide;

// Gaussian blur, standard deviation `sigma` pixels, kernel radius ceil(3 sigma) (OpenCV's
// GaussianBlur with ksize = 2*ceil(3 sigma)+1; Pillow's GaussianBlur(radius) is sigma = radius).
// Weights exp(-k^2 / (2 sigma^2)) normalised to sum 1; edges repeated (BORDER_REPLICATE);
// premultiplied alpha; float accumulation, rounded to nearest at the end.
// Cost is O(radius) per pixel: fine to sigma ~50 (301 taps); a box-cascade/recursive variant is the
// way to go for larger sigmas.
class GaussianBlur : public Generator<GaussianBlur> {
public:
    GeneratorParam<bool> threads{"threads", false};  // parallel row strips (host and -mt builds)

    Input<Buffer<uint8_t, 3>> input{"input"};    // x, y, c; RGBA8 interleaved, straight alpha
    Input<float> sigma{"sigma"};                  // pixels, (0, 64] validated in JS; radius = ceil(3 sigma)
    Input<bool> opaque{"opaque"};                 // every input alpha is 255 (the caller checked): no premultiply
    Output<Buffer<uint8_t, 3>> output{"output"};  // same size and layout as input

    void generate() {
        // Algorithm (common/filters_schedules.h): float blur_x for any alpha, fixed_x (u8) for opaque.
        g.define(input, sigma, opaque, x, y, c);
        output(x, y, c) = select(opaque, g.fixed_x(x, y, c), unpremultiply_u8(g.blur_x, x, y, c));

        constrain_rgba8_interleaved(input);
        constrain_rgba8_interleaved(output);
        set_rgba_estimates(input);
        sigma.set_estimate(2.0f);
        opaque.set_estimate(true);
        set_rgba_estimates(output);
    }

    void schedule() {
        if (auto_schedule) return;
        // Float path (any alpha): see GaussianStages::schedule_float.
        g.schedule_float(output, x, y, c, xi, xo, yo, yi, natural_vector_size<float>(), threads);
        g.wq.compute_root();
        g.wq_side.compute_root();
        // Opaque: fixed point, both passes one row at a time straight from the input (no strip
        // copy), tiles of `ftile` pixels x 4 channels as one u32 vector. 4000x3000 opaque sigma 5,
        // host AVX2, `test_filters <testdata> --timing`, 1 thread: float 166 ms -> fixed 99 ms
        // (ftile 8 px; 16 px: 110 ms). 2-thread numbers not re-measured cleanly (shared machine).
        // Accuracy vs cv2.GaussianBlur (u8) on kodim04/camera/astronaut, sigma 0.3..10: max 1,
        // mean <= 0.045 levels. wasm: the stmt shows dense u8 loads + widening_add/widening_mul
        // in the steady state (x edges partitioned off by likely() in clamped_l).
        const int ftile = natural_vector_size<uint16_t>() / 2;
        g.fixed_y.compute_at(output, yi);
        schedule_rgba_filter(g.fixed_y, g.fixed_y_acc, x, y, c, xo, xi, {g.kh}, ftile, /*vector_tile=*/true);
        g.fixed_x.compute_at(output, yi);
        schedule_rgba_filter(g.fixed_x, g.fixed_x_acc, x, y, c, xo, xi, {g.kh}, ftile, /*vector_tile=*/true);
        // After the schedule calls: a specialization copies the schedule as it is when declared.
        output.specialize(opaque);
        g.premul.specialize(opaque);
    }

private:
    Var x{"x"}, y{"y"}, c{"c"}, xi{"xi"}, xo{"xo"}, yo{"yo"}, yi{"yi"};
    GaussianStages g;
};

// Up to three cascaded box blurs (radii r0, r1, r2; radius 0 = identity) by running sums, so the
// cost per pixel does not grow with the radii. Premultiplied alpha, edges repeated once at the
// input (the cascade sees the replicated image, as a single kernel would). Vertical cascade in
// column chunks into a uint16 intermediate (premultiplied value * 256: 1/256-level steps, half
// the memory of float), then the horizontal cascade row by row.
// box_blur uses (r, 0, 0); gaussian_blur uses Kovesi's three radii for large sigma.
class BoxBlur3 : public Generator<BoxBlur3> {
public:
    GeneratorParam<bool> threads{"threads", false};  // parallel column chunks / row strips

    Input<Buffer<uint8_t, 3>> input{"input"};    // x, y, c; RGBA8 interleaved, straight alpha
    Input<int> r0{"r0"};                          // box radii in pixels, [0, 4096]; box i has 2 ri + 1 taps
    Input<int> r1{"r1"};
    Input<int> r2{"r2"};
    Output<Buffer<uint8_t, 3>> output{"output"};  // same size and layout as input

    void generate() {
        Expr W = input.width(), H = input.height();
        Expr e1 = r1 + r2, e2 = r2;  // halo each stage must produce beyond the image
        clamped = BoundaryConditions::repeat_edge(input);
        premul(x, y, c) = premultiply(clamped, x, y, c);

        scan[0] = box_sum(vs0, premul, /*axis=*/1, r0, -e1, H - 1 + e1, x, y, c);
        v0(x, y, c) = vs0(x, y, c) / cast<float>(2 * r0 + 1);
        scan[1] = box_sum(vs1, v0, /*axis=*/1, r1, -e2, H - 1 + e2, x, y, c);
        v1(x, y, c) = vs1(x, y, c) / cast<float>(2 * r1 + 1);
        scan[2] = box_sum(vs2, v1, /*axis=*/1, r2, 0, H - 1, x, y, c);
        vq(x, y, c) = cast<uint16_t>(clamp(vs2(x, y, c) * (256.0f / cast<float>(2 * r2 + 1)) + 0.5f, 0.0f, 65535.0f));

        hin(x, y, c) = cast<float>(vq(clamp(x, 0, W - 1), y, c)) * (1.0f / 256.0f);
        hscan[0] = box_sum(hs0, hin, /*axis=*/0, r0, -e1, W - 1 + e1, x, y, c);
        h0(x, y, c) = hs0(x, y, c) / cast<float>(2 * r0 + 1);
        hscan[1] = box_sum(hs1, h0, /*axis=*/0, r1, -e2, W - 1 + e2, x, y, c);
        h1(x, y, c) = hs1(x, y, c) / cast<float>(2 * r1 + 1);
        hscan[2] = box_sum(hs2, h1, /*axis=*/0, r2, 0, W - 1, x, y, c);
        blurred(x, y, c) = hs2(x, y, c) / cast<float>(2 * r2 + 1);
        output(x, y, c) = unpremultiply_u8(blurred, x, y, c);

        constrain_rgba8_interleaved(input);
        constrain_rgba8_interleaved(output);
        set_rgba_estimates(input);
        r0.set_estimate(10);
        r1.set_estimate(10);
        r2.set_estimate(10);
        set_rgba_estimates(output);
    }

    void schedule() {
        if (auto_schedule) return;
        const int lanes = natural_vector_size<float>();
        // Vertical: chunks of 32 columns (parallel with threads); each scan's row update works on
        // one 32-pixel row of the chunk (vectorized over c, x), so a chunk's three scan buffers
        // (32 x (H + 2 halo) x 16 B each) stay small.
        vq.compute_root()
            .bound(c, 0, 4)
            .reorder_storage(c, x, y)
            .split(x, xo, xi, 32, TailStrategy::GuardWithIf)
            .reorder(c, xi, y, xo)
            .vectorize(c);
        if (threads) vq.parallel(xo);
        Func vs[3] = {vs0, vs1, vs2};
        for (int i = 0; i < 3; ++i) {
            vs[i].compute_at(vq, xo).bound(c, 0, 4).reorder_storage(c, x, y).vectorize(c);
            vs[i].update(0).reorder(c, x, scan[i].first).vectorize(c);
            vs[i].update(1).reorder(c, x, scan[i].second).vectorize(c);
        }
        // Horizontal: per output row, three scans along x of one row each.
        schedule_rgba_output(output, x, y, c, xi, yo, yi, /*rows=*/16, lanes, threads);
        Func hs[3] = {hs0, hs1, hs2};
        for (int i = 0; i < 3; ++i) {
            hs[i].compute_at(output, yi).bound(c, 0, 4).reorder_storage(c, x, y).vectorize(c);
            hs[i].update(0).reorder(c, hscan[i].first, y).vectorize(c);
            hs[i].update(1).reorder(c, hscan[i].second, y).vectorize(c);
        }
    }

private:
    Var x{"x"}, y{"y"}, c{"c"}, xi{"xi"}, xo{"xo"}, yo{"yo"}, yi{"yi"};
    std::pair<RDom, RDom> scan[3], hscan[3];
    Func clamped{"clamped"}, premul{"premul"}, vs0{"vs0"}, vs1{"vs1"}, vs2{"vs2"}, v0{"v0"}, v1{"v1"}, vq{"vq"};
    Func hin{"hin"}, hs0{"hs0"}, hs1{"hs1"}, hs2{"hs2"}, h0{"h0"}, h1{"h1"}, blurred{"blurred"};
};

// Correlation with a k x k kernel (k odd, 1..7; divisor already folded into the weights):
// kernel(i, j) weighs the pixel at (x + i - k/2, y + j - k/2), like cv2.filter2D. Colour is
// filtered premultiplied and unpremultiplied by the centre pixel's alpha, then `offset` is added;
// alpha is copied. Used by convolve and emboss.
class Convolve : public Generator<Convolve> {
public:
    GeneratorParam<bool> threads{"threads", false};  // parallel row strips

    Input<Buffer<uint8_t, 3>> input{"input"};    // x, y, c; RGBA8 interleaved, straight alpha
    Input<Buffer<float, 2>> kernel{"kernel"};     // k x k weights (min 0, 0), k odd in [1, 7]
    Input<float> offset{"offset"};                // 8-bit levels added after the sum, [-255, 255]
    Output<Buffer<uint8_t, 3>> output{"output"};  // same size and layout as input

    void generate() {
        Expr kw = kernel.dim(0).extent(), kh = kernel.dim(1).extent();
        r = RDom(0, kw, 0, kh, "r");
        clamped = BoundaryConditions::repeat_edge(input);
        premul(x, y, c) = premultiply(clamped, x, y, c);
        acc(x, y, c) = 0.0f;
        acc(x, y, c) += kernel(r.x, r.y) * premul(x + r.x - kw / 2, y + r.y - kh / 2, c);
        conv(x, y, c) = acc(x, y, c);
        Expr a = cast<float>(input(x, y, 3));
        Expr colour = select(a < 0.5f, 0.0f, clamp(conv(x, y, c) * 255.0f / max(a, 1.0f) + offset, 0.0f, 255.0f));
        output(x, y, c) = select(c == 3, input(x, y, 3), cast<uint8_t>(round(colour)));

        kernel.dim(0).set_min(0);
        kernel.dim(1).set_min(0);
        constrain_rgba8_interleaved(input);
        constrain_rgba8_interleaved(output);
        set_rgba_estimates(input);
        kernel.set_estimates({{0, 3}, {0, 3}});
        offset.set_estimate(0.0f);
        set_rgba_estimates(output);
    }

    void schedule() {
        if (auto_schedule) return;
        const int lanes = natural_vector_size<float>();
        schedule_rgba_output(output, x, y, c, xi, yo, yi, /*rows=*/32, lanes, threads);
        premul.compute_at(output, yo);
        schedule_rgba_row_stage(premul, x, y, c, xi, lanes);
        conv.compute_at(output, yi);
        schedule_rgba_filter(conv, acc, x, y, c, xo, xi, {r.x, r.y}, 8);
    }

private:
    Var x{"x"}, y{"y"}, c{"c"}, xi{"xi"}, xo{"xo"}, yo{"yo"}, yi{"yi"};
    RDom r;
    Func clamped{"clamped"}, premul{"premul"}, acc{"acc"}, conv{"conv"};
};

// Motion blur: the mean of n samples at t (dx, dy), t = k - (n-1)/2, k = 0..n-1 (one pixel apart
// along the unit direction (dx, dy)), bilinear between the four nearest pixels. Because t dx is
// the same for every pixel, floor(x + t dx) = x + floor(t dx): each tap is 4 dense loads.
// Premultiplied, edges repeated; alpha is blurred too.
class MotionBlur : public Generator<MotionBlur> {
public:
    GeneratorParam<bool> threads{"threads", false};  // parallel row strips

    Input<Buffer<uint8_t, 3>> input{"input"};    // x, y, c; RGBA8 interleaved, straight alpha
    Input<float> dx{"dx"};                        // unit direction, x component (cos angle)
    Input<float> dy{"dy"};                        // unit direction, y component (-sin angle: y down)
    Input<int> taps{"taps"};                      // samples, [1, 1000]
    Output<Buffer<uint8_t, 3>> output{"output"};  // same size and layout as input

    void generate() {
        k = RDom(0, taps, "k");
        clamped = BoundaryConditions::repeat_edge(input);
        premul(x, y, c) = premultiply(clamped, x, y, c);
        Expr t = cast<float>(k) - cast<float>(taps - 1) * 0.5f;
        Expr sx = t * dx, sy = t * dy;
        Expr fx0 = floor(sx), fy0 = floor(sy);
        Expr ix = cast<int>(fx0), iy = cast<int>(fy0);
        Expr fx = sx - fx0, fy = sy - fy0;
        Expr top = lerp(premul(x + ix, y + iy, c), premul(x + ix + 1, y + iy, c), fx);
        Expr bottom = lerp(premul(x + ix, y + iy + 1, c), premul(x + ix + 1, y + iy + 1, c), fx);
        acc(x, y, c) = 0.0f;
        acc(x, y, c) += lerp(top, bottom, fy);
        blurred(x, y, c) = acc(x, y, c) / cast<float>(taps);
        output(x, y, c) = unpremultiply_u8(blurred, x, y, c);

        constrain_rgba8_interleaved(input);
        constrain_rgba8_interleaved(output);
        set_rgba_estimates(input);
        dx.set_estimate(1.0f);
        dy.set_estimate(0.0f);
        taps.set_estimate(15);
        set_rgba_estimates(output);
    }

    void schedule() {
        if (auto_schedule) return;
        const int lanes = natural_vector_size<float>();
        // 64-row strips: premul of the strip plus the line's vertical halo (up to `taps` rows).
        schedule_rgba_output(output, x, y, c, xi, yo, yi, /*rows=*/64, lanes, threads);
        premul.compute_at(output, yo);
        schedule_rgba_row_stage(premul, x, y, c, xi, lanes);
        blurred.compute_at(output, yi);
        schedule_rgba_filter(blurred, acc, x, y, c, xo, xi, {k}, 8);
    }

private:
    Var x{"x"}, y{"y"}, c{"c"}, xi{"xi"}, xo{"xo"}, yo{"yo"}, yi{"yi"};
    RDom k;
    Func clamped{"clamped"}, premul{"premul"}, acc{"acc"}, blurred{"blurred"};
};

// Unsharp masking (PIL ImagingUnsharpMask), fused: the exact Gaussian of pp_gaussian_blur (float
// path, rounded to 8 bits straight colour as gaussian_blur returns it), then per colour channel
// d = input - blurred; out = input + amount * d where |d| > threshold, else input; rounded to
// nearest (PIL truncates the integer product: up to 1 level apart). Alpha copied. One pipeline:
// the blurred image exists only as row buffers.
class UnsharpCombine : public Generator<UnsharpCombine> {
public:
    GeneratorParam<bool> threads{"threads", false};  // parallel row strips

    Input<Buffer<uint8_t, 3>> input{"input"};    // x, y, c; RGBA8 interleaved, straight alpha
    Input<float> sigma{"sigma"};                  // pixels, (0, 10] (kExactGaussianMaxSigma)
    Input<bool> opaque{"opaque"};                 // every input alpha is 255: no premultiply
    Input<float> amount{"amount"};                // [0, 10]; PIL percent / 100
    Input<float> threshold{"threshold"};          // 8-bit levels, [0, 255]
    Output<Buffer<uint8_t, 3>> output{"output"};  // same size and layout as input

    void generate() {
        g.define(input, sigma, opaque, x, y, c);
        // u8 <-> float conversions as vector code in wasm (simd128 has no direct one; LLVM
        // scalarized cast<float>(u8) and cast<uint8_t>(float) lane by lane: the combine cost 5x
        // native): u8_to_f32 (filters_schedules.h), and float -> i32 (trunc_sat) -> u8 (narrow).
        auto to_i32 = [](Expr e) { return cast<int32_t>(e); };
        Expr a = clamp(g.blur_x(x, y, 3), 0.0f, 255.0f);  // unpremultiply_u8 (color_math.h), in i32
        Expr colour = select(a < 0.5f, 0.0f, clamp(g.blur_x(x, y, c) * 255.0f / max(a, 0.5f), 0.0f, 255.0f));
        blurred(x, y, c) = select(opaque, to_i32(round(clamp(g.blur_x(x, y, c), 0.0f, 255.0f))),
                                  to_i32(round(select(c == 3, a, colour))));
        Expr vi = to_i32(input(x, y, c));
        Expr v = u8_to_f32(input(x, y, c));
        Expr d = cast<float>(vi - blurred(x, y, c));
        Expr sharp = select(abs(d) > threshold, clamp(v + amount * d, 0.0f, 255.0f), v);
        output(x, y, c) = cast<uint8_t>(select(c == 3, vi, to_i32(round(sharp))));

        constrain_rgba8_interleaved(input);
        constrain_rgba8_interleaved(output);
        set_rgba_estimates(input);
        sigma.set_estimate(2.0f);
        opaque.set_estimate(true);
        amount.set_estimate(1.0f);
        threshold.set_estimate(0.0f);
        set_rgba_estimates(output);
    }

    void schedule() {
        if (auto_schedule) return;
        // The blur's float schedule (GaussianStages::schedule_float, as GaussianBlur); the combine
        // is inlined into output, which reads blur_x's row. Before: gaussian_blur into a full 12 MP
        // image, then a second pipeline reading both images. 4000x3000 opaque sigma 2, host AVX2,
        // `test_filters <testdata> --timing`, 1 thread: 103 -> 84 ms (in wasm this also drops one
        // 48 MB allocation + one full-image pass).
        // wasm (4 float lanes): output and premul 4 pixels (16 u8 lanes) per vector, so the u8
        // loads / stores are whole v128s and the conversions vector code (see generate()).
        // 4000x3000 opaque sigma 2, wasm st in node (processVariations minus ~21 ms of raw-copy
        // overhead): 421 -> 144 ms (gaussian_blur sigma 2, fixed point: 78 ms); byte-identical
        // output. Host AVX2 (8 lanes) unchanged: 84 / 45 ms at 1 / 2 threads.
        const int lanes = natural_vector_size<float>();
        g.schedule_float(output, x, y, c, xi, xo, yo, yi, lanes, threads, /*io_lanes=*/lanes <= 4 ? 16 : lanes);
        output.specialize(opaque);
        g.premul.specialize(opaque);
    }

private:
    Var x{"x"}, y{"y"}, c{"c"}, xi{"xi"}, xo{"xo"}, yo{"yo"}, yi{"yi"};
    Func blurred{"blurred"};
    GaussianStages g;
};

}  // namespace pixelpipe::gen

HALIDE_REGISTER_GENERATOR(pixelpipe::gen::GaussianBlur, pp_gaussian_blur)
HALIDE_REGISTER_GENERATOR(pixelpipe::gen::BoxBlur3, pp_box_blur3)
HALIDE_REGISTER_GENERATOR(pixelpipe::gen::Convolve, pp_convolve)
HALIDE_REGISTER_GENERATOR(pixelpipe::gen::MotionBlur, pp_motion_blur)
HALIDE_REGISTER_GENERATOR(pixelpipe::gen::UnsharpCombine, pp_unsharp_combine)
