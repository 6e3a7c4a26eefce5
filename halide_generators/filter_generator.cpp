// filter_generator.cpp: non-linear and per-pixel filters on interleaved RGBA8 (filters family).
// Family: pp_edge_detect (Sobel / Laplacian magnitude of luma), pp_bilateral (denoise),
// pp_pixelate (block means), pp_vignette (radial darkening).
#include "Halide.h"
#include "common/color_math.h"
#include "common/filters_schedules.h"
#include "common/layout.h"
#include "common/schedules.h"

namespace pixelpipe::gen {
using namespace Halide;

// Edge magnitude of luma: Y = Rec.709 luma of the premultiplied colour (transparent = black, so
// a cut-out's silhouette is an edge). method 0: sqrt(gx^2 + gy^2) with the 3x3 Sobel kernels
// (cv2.Sobel ksize 3); method 1: |4-neighbour Laplacian| (cv2.Laplacian ksize 1, OpenCV's
// 3x3 aperture [0 1 0; 1 -4 1; 0 1 0]). Edges replicated; clamped to 255, rounded; R=G=B; alpha copied.
class EdgeDetect : public Generator<EdgeDetect> {
public:
    GeneratorParam<bool> threads{"threads", false};  // parallel row strips

    Input<Buffer<uint8_t, 3>> input{"input"};    // x, y, c; RGBA8 interleaved, straight alpha
    Input<int> method{"method"};                  // 0 = sobel, 1 = laplacian
    Output<Buffer<uint8_t, 3>> output{"output"};  // same size and layout as input

    void generate() {
        clamped = BoundaryConditions::repeat_edge(input);
        Expr a = cast<float>(clamped(x, y, 3)) * (1.0f / 255.0f);
        luma(x, y) = luma709(cast<float>(clamped(x, y, 0)), cast<float>(clamped(x, y, 1)),
                             cast<float>(clamped(x, y, 2))) * a;
        Expr gx = (luma(x + 1, y - 1) + 2.0f * luma(x + 1, y) + luma(x + 1, y + 1)) -
                  (luma(x - 1, y - 1) + 2.0f * luma(x - 1, y) + luma(x - 1, y + 1));
        Expr gy = (luma(x - 1, y + 1) + 2.0f * luma(x, y + 1) + luma(x + 1, y + 1)) -
                  (luma(x - 1, y - 1) + 2.0f * luma(x, y - 1) + luma(x + 1, y - 1));
        Expr lap = luma(x - 1, y) + luma(x + 1, y) + luma(x, y - 1) + luma(x, y + 1) - 4.0f * luma(x, y);
        magnitude(x, y) = cast<uint8_t>(round(min(select(method == 0, sqrt(gx * gx + gy * gy), abs(lap)), 255.0f)));
        output(x, y, c) = select(c == 3, input(x, y, 3), magnitude(x, y));

        constrain_rgba8_interleaved(input);
        constrain_rgba8_interleaved(output);
        set_rgba_estimates(input);
        method.set_estimate(0);
        set_rgba_estimates(output);
    }

    void schedule() {
        if (auto_schedule) return;
        const int lanes = natural_vector_size<float>();
        // 32-row strips; luma of the strip (+1 row halo) once, as a planar float buffer.
        output.bound(c, 0, 4).split(y, yo, yi, 32, TailStrategy::GuardWithIf).reorder(c, x, yi, yo).unroll(c);
        if (threads) output.parallel(yo);
        magnitude.compute_at(output, yi).vectorize(x, lanes, TailStrategy::RoundUp);
        luma.compute_at(output, yo).vectorize(x, lanes, TailStrategy::RoundUp);
    }

private:
    Var x{"x"}, y{"y"}, c{"c"}, yo{"yo"}, yi{"yi"};
    Func clamped{"clamped"}, luma{"luma"}, magnitude{"magnitude"};
};

// Bilateral filter, OpenCV's definition (bilateralFilter_8u, d <= 0): disk window r <= radius,
// w = exp(-(i^2 + j^2) / (2 ss^2)) * exp(-D^2 / (2 sr^2)), D = |dR| + |dG| + |dB| (L1, straight
// 8-bit colour, as OpenCV's colour-weight table). Each neighbour's weight is multiplied by its
// alpha (premultiplied mean: transparent pixels add no colour); alpha copied. Edges replicated.
class Bilateral : public Generator<Bilateral> {
public:
    GeneratorParam<bool> threads{"threads", false};  // parallel row strips

    Input<Buffer<uint8_t, 3>> input{"input"};    // x, y, c; RGBA8 interleaved, straight alpha
    Input<int> radius{"radius"};                  // window radius in pixels, [1, 30]
    Input<float> sigma_spatial{"sigma_spatial"};  // pixels, (0, 20]
    Input<float> sigma_range{"sigma_range"};      // 8-bit levels of the L1 RGB distance, (0, 255]
    Output<Buffer<uint8_t, 3>> output{"output"};  // same size and layout as input

    void generate() {
        r = RDom(-radius, 2 * radius + 1, -radius, 2 * radius + 1, "r");
        r.where(r.x * r.x + r.y * r.y <= radius * radius);
        clamped = BoundaryConditions::repeat_edge(input);
        px(x, y, c) = cast<float>(clamped(x, y, c));
        Expr dist = abs(px(x + r.x, y + r.y, 0) - px(x, y, 0)) + abs(px(x + r.x, y + r.y, 1) - px(x, y, 1)) +
                    abs(px(x + r.x, y + r.y, 2) - px(x, y, 2));
        Expr space = cast<float>(r.x * r.x + r.y * r.y) * (-0.5f / (sigma_spatial * sigma_spatial));
        Expr range = dist * dist * (-0.5f / (sigma_range * sigma_range));
        Expr w = exp(space + range) * px(x + r.x, y + r.y, 3);
        acc(x, y) = Tuple(0.0f, 0.0f, 0.0f, 0.0f);
        acc(x, y) = Tuple(acc(x, y)[0] + w * px(x + r.x, y + r.y, 0), acc(x, y)[1] + w * px(x + r.x, y + r.y, 1),
                          acc(x, y)[2] + w * px(x + r.x, y + r.y, 2), acc(x, y)[3] + w);
        Expr wsum = acc(x, y)[3];
        Expr num = mux(c, {acc(x, y)[0], acc(x, y)[1], acc(x, y)[2], 0.0f});
        Expr colour = select(wsum > 0.0f, clamp(num / max(wsum, 1e-30f), 0.0f, 255.0f), 0.0f);
        output(x, y, c) = select(c == 3, input(x, y, 3), cast<uint8_t>(round(colour)));

        constrain_rgba8_interleaved(input);
        constrain_rgba8_interleaved(output);
        set_rgba_estimates(input);
        radius.set_estimate(5);
        sigma_spatial.set_estimate(3.0f);
        sigma_range.set_estimate(30.0f);
        set_rgba_estimates(output);
    }

    void schedule() {
        if (auto_schedule) return;
        const int lanes = natural_vector_size<float>();
        // Pixels across SIMD lanes (one weight per pixel per tap, shared by its 4 sums); the
        // interleaved 8-bit loads de-interleave by shuffles.
        output.bound(c, 0, 4).split(y, yo, yi, 16, TailStrategy::GuardWithIf)
            .split(x, xo, xi, lanes, TailStrategy::GuardWithIf).reorder(c, xi, xo, yi, yo).unroll(c).vectorize(xi);
        if (threads) output.parallel(yo);
        acc.compute_at(output, xo).vectorize(x, lanes, TailStrategy::RoundUp);
        acc.update().split(x, xo, xi, lanes, TailStrategy::RoundUp).reorder(xi, xo, r.x, r.y, y).vectorize(xi);
    }

private:
    Var x{"x"}, y{"y"}, c{"c"}, xi{"xi"}, xo{"xo"}, yo{"yo"}, yi{"yi"};
    RDom r;
    Func clamped{"clamped"}, px{"px"}, acc{"acc"};
};

// Pixelate: every size x size block (aligned to the top-left corner) takes the premultiplied
// mean of its pixels; blocks cut by the right/bottom edge average the pixels they contain.
class Pixelate : public Generator<Pixelate> {
public:
    GeneratorParam<bool> threads{"threads", false};  // parallel block rows

    Input<Buffer<uint8_t, 3>> input{"input"};    // x, y, c; RGBA8 interleaved, straight alpha
    Input<int> size{"size"};                      // block side in pixels, [1, 4096]
    Output<Buffer<uint8_t, 3>> output{"output"};  // same size and layout as input

    void generate() {
        Expr W = input.width(), H = input.height();
        r = RDom(0, size, 0, size, "r");
        Expr sx = bx * size + r.x, sy = by * size + r.y;
        Expr inside = sx < W && sy < H;
        premul(x, y, c) = premultiply(input, x, y, c);
        sum(bx, by, c) = 0.0f;
        sum(bx, by, c) += select(inside, premul(min(sx, W - 1), min(sy, H - 1), c), 0.0f);
        Expr count = cast<float>(min(size, W - bx * size) * min(size, H - by * size));
        mean(bx, by, c) = sum(bx, by, c) / count;
        cell(bx, by, c) = unpremultiply_u8(mean, bx, by, c);
        output(x, y, c) = cell(x / size, y / size, c);

        constrain_rgba8_interleaved(input);
        constrain_rgba8_interleaved(output);
        set_rgba_estimates(input);
        size.set_estimate(16);
        set_rgba_estimates(output);
    }

    void schedule() {
        if (auto_schedule) return;
        // The block grid is small (W/size x H/size): compute it first, one block row per task.
        cell.compute_root().bound(c, 0, 4).reorder_storage(c, bx, by).reorder(c, bx, by).vectorize(c);
        if (threads) cell.parallel(by);
        sum.compute_at(cell, bx).bound(c, 0, 4).reorder_storage(c, bx, by).vectorize(c);
        sum.update().reorder(c, r.x, r.y, bx, by).vectorize(c);
        output.bound(c, 0, 4).split(y, yo, yi, 64, TailStrategy::GuardWithIf).reorder(c, x, yi, yo).vectorize(c);
        if (threads) output.parallel(yo);
    }

private:
    Var x{"x"}, y{"y"}, c{"c"}, bx{"bx"}, by{"by"}, yo{"yo"}, yi{"yi"};
    RDom r;
    Func premul{"premul"}, sum{"sum"}, mean{"mean"}, cell{"cell"};
};

// Vignette: d = |p - centre| / half-diagonal at pixel centres (0 centre, 1 corners); colour
// times 1 - strength * smoothstep(radius - 0.5, radius, d), smoothstep(t) = t^2 (3 - 2t).
// Darkening starts at d = radius - 0.5 and is full at d = radius. Alpha copied.
class Vignette : public Generator<Vignette> {
public:
    GeneratorParam<bool> threads{"threads", false};  // parallel row strips

    Input<Buffer<uint8_t, 3>> input{"input"};    // x, y, c; RGBA8 interleaved, straight alpha
    Input<float> strength{"strength"};            // [0, 1]: 1 = black where fully darkened
    Input<float> radius{"radius"};                // [0, 1.5], relative to the half-diagonal
    Output<Buffer<uint8_t, 3>> output{"output"};  // same size and layout as input

    void generate() {
        Expr W = cast<float>(input.width()), H = cast<float>(input.height());
        Expr inv_half_diag = 2.0f / sqrt(W * W + H * H);
        Expr fx = (cast<float>(x) + 0.5f - 0.5f * W) * inv_half_diag;
        Expr fy = (cast<float>(y) + 0.5f - 0.5f * H) * inv_half_diag;
        Expr d = sqrt(fx * fx + fy * fy);
        Expr t = clamp((d - (radius - 0.5f)) * 2.0f, 0.0f, 1.0f);
        Expr factor = 1.0f - strength * t * t * (3.0f - 2.0f * t);
        Expr v = cast<float>(input(x, y, c)) * factor;
        output(x, y, c) = select(c == 3, input(x, y, c), cast<uint8_t>(round(clamp(v, 0.0f, 255.0f))));

        constrain_rgba8_interleaved(input);
        constrain_rgba8_interleaved(output);
        set_rgba_estimates(input);
        strength.set_estimate(0.5f);
        radius.set_estimate(1.0f);
        set_rgba_estimates(output);
    }

    void schedule() {
        if (auto_schedule) return;
        schedule_rgba_output(output, x, y, c, xi, yo, yi, /*rows=*/64, natural_vector_size<float>(), threads);
    }

private:
    Var x{"x"}, y{"y"}, c{"c"}, xi{"xi"}, yo{"yo"}, yi{"yi"};
};

}  // namespace pixelpipe::gen

HALIDE_REGISTER_GENERATOR(pixelpipe::gen::EdgeDetect, pp_edge_detect)
HALIDE_REGISTER_GENERATOR(pixelpipe::gen::Bilateral, pp_bilateral)
HALIDE_REGISTER_GENERATOR(pixelpipe::gen::Pixelate, pp_pixelate)
HALIDE_REGISTER_GENERATOR(pixelpipe::gen::Vignette, pp_vignette)
