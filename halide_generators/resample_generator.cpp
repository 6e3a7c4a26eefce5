// resample_generator.cpp: resampling (resize) of interleaved RGBA8.
// Family: pp_resample_lanczos3.
#include "Halide.h"
#include "common/color_math.h"
#include "common/layout.h"
#include "common/schedules.h"

namespace pixelpipe::gen {
using namespace Halide;

namespace {

// Pillow's lanczos_filter (libImaging/Resample.c): sinc(x) * sinc(x/3) on [-3, 3).
Expr f64(double v) { return Expr(v); }  // Halide has no Expr*double overload

Expr lanczos3(Expr t) {
    Expr pt = t * f64(M_PI);
    Expr sinc = select(t == f64(0), f64(1), sin(pt) / pt);
    Expr pt3 = pt / f64(3);
    Expr sinc3 = select(t == f64(0), f64(1), sin(pt3) / pt3);
    return select(t >= f64(-3) && t < f64(3), sinc * sinc3, f64(0));
}

// One axis of Pillow's precompute_coeffs(): output sample o covers input centre (o + 0.5) * scale;
// when downscaling (scale > 1) the kernel is stretched by `scale` (support 3*scale), which
// low-passes before decimating, so the result is alias-free. Taps outside the image are dropped
// and the rest renormalised (not edge-repeated), exactly as Pillow does. Computed in double
// like Pillow, then stored as float weights.
struct Lanczos3Axis {
    Expr scale, filterscale, support;
    Expr taps;    // kernel width, 2*ceil(support)+1
    Func weight;  // weight(o, k): weight of input sample first(o) + k for output sample o
    Func weight_raw, weight_sum;

    Expr center(Expr o) const { return (cast<double>(o) + f64(0.5)) * scale; }
    // First input sample used by output sample o. An Expr, not a Func, so bounds inference can
    // follow it (a Func value would be unbounded).
    Expr first(Expr o) const { return max(0, cast<int>(center(o) - support + f64(0.5))); }

    Lanczos3Axis(const std::string &name, Var o, Var k, Expr in_size, Expr out_size)
        : weight(name + "_weight"), weight_raw(name + "_weight_raw"), weight_sum(name + "_weight_sum") {
        scale = cast<double>(in_size) / cast<double>(out_size);
        filterscale = max(scale, f64(1));
        support = f64(3) * filterscale;
        taps = cast<int>(ceil(support)) * 2 + 1;
        Expr last = min(in_size, cast<int>(center(o) + support + f64(0.5)));  // exclusive
        weight_raw(o, k) = select(k < last - first(o), lanczos3((cast<double>(k + first(o)) - center(o) + f64(0.5)) / filterscale), f64(0));
        RDom r(0, taps, name + "_r");
        weight_sum(o) = f64(0);
        weight_sum(o) += weight_raw(o, r);
        weight(o, k) = cast<float>(select(weight_sum(o) == f64(0), f64(0), weight_raw(o, k) / weight_sum(o)));
    }
};

}  // namespace

// Lanczos3 resize to out_width × out_height, horizontal pass then vertical (Pillow's order), on
// premultiplied alpha in float. Matches Pillow's Image.resize(LANCZOS) to within ~1-2 levels (Pillow
// rounds the intermediate to 8 bits and works in 22-bit fixed point; we keep float throughout).
class ResampleLanczos3 : public Generator<ResampleLanczos3> {
public:
    GeneratorParam<bool> threads{"threads", false};  // parallel row strips (host and -mt builds)

    Input<Buffer<uint8_t, 3>> input{"input"};    // x, y, c; RGBA8 interleaved, straight alpha
    Input<int> out_width{"out_width"};            // pixels, 1..Limits.max_side; == output.width()
    Input<int> out_height{"out_height"};          // pixels, 1..Limits.max_side; == output.height()
    Output<Buffer<uint8_t, 3>> output{"output"};  // out_width × out_height × 4, interleaved

    void generate() {
        Expr in_w = input.width(), in_h = input.height();
        Lanczos3Axis ax("kx", o, k, in_w, out_width);
        Lanczos3Axis ay("ky", o, k, in_h, out_height);
        kx = ax;
        ky = ay;

        // Dropped taps have weight 0; repeat_edge only keeps their (unused) reads in bounds.
        clamped = BoundaryConditions::repeat_edge(input);
        premul(x, y, c) = premultiply(clamped, x, y, c);

        rx = RDom(0, ax.taps, "rx");
        resize_x_acc(x, y, c) = 0.0f;
        resize_x_acc(x, y, c) += kx.weight(x, rx) * premul(ax.first(x) + rx, y, c);
        // The horizontal result is clamped to the 8-bit range, as Pillow's 8-bit intermediate image
        // is: Lanczos overshoot at hard edges then does not ring a second time in the vertical pass
        // (without it: up to 8 levels from Pillow at hard edges; with it: <= 1).
        resize_x(x, y, c) = clamp(resize_x_acc(x, y, c), 0.0f, 255.0f);
        ry = RDom(0, ay.taps, "ry");
        // The row index is clamped so bounds inference sees [0, in_h) even where the float
        // arithmetic defeats it; dropped taps carry weight 0.
        resize_y_acc(x, y, c) = 0.0f;
        resize_y_acc(x, y, c) += ky.weight(y, ry) * resize_x(x, clamp(ay.first(y) + ry, 0, in_h - 1), c);
        resize_y(x, y, c) = resize_y_acc(x, y, c);
        output(x, y, c) = unpremultiply_u8(resize_y, x, y, c);

        constrain_rgba8_interleaved(input);
        constrain_rgba8_interleaved(output);
        set_rgba_estimates(input);
        out_width.set_estimate(960);
        out_height.set_estimate(540);
        set_rgba_estimates(output, 960, 540);
    }

    void schedule() {
        if (auto_schedule) return;
        const int lanes = natural_vector_size<float>();
        constexpr int kTile = 8;  // pixels per accumulator tile, see schedules.h
        // Coefficient tables: out_width × taps and out_height × taps floats, computed once.
        for (Func f : {kx.weight_sum, kx.weight, ky.weight_sum, ky.weight}) f.compute_root();
        // 32-row output strips (parallel with threads). Each strip computes the horizontal pass
        // for the input rows it needs (32*scale + 2*support rows: a few % overlap between strips
        // when downscaling), then one output row at a time vertically.
        schedule_rgba_output(output, x, y, c, xi, yo, yi, /*rows=*/32, lanes, threads);
        resize_x.compute_at(output, yo);
        schedule_rgba_filter(resize_x, resize_x_acc, x, y, c, xo, xi, rx, kTile);
        // Premultiply each input row once per use (in L2), not once per tap.
        premul.compute_at(resize_x, y);
        schedule_rgba_row_stage(premul, x, y, c, xi, lanes);
        resize_y.compute_at(output, yi);
        schedule_rgba_filter(resize_y, resize_y_acc, x, y, c, xo, xi, ry, kTile);
    }

private:
    Var x{"x"}, y{"y"}, c{"c"}, o{"o"}, k{"k"}, xi{"xi"}, xo{"xo"}, yo{"yo"}, yi{"yi"};
    RDom rx, ry;
    struct AxisFuncs {
        Func weight, weight_sum;
        AxisFuncs &operator=(const Lanczos3Axis &a) {
            weight = a.weight;
            weight_sum = a.weight_sum;
            return *this;
        }
    } kx, ky;
    Func clamped{"clamped"}, premul{"premul"}, resize_x{"resize_x"}, resize_y{"resize_y"};
    Func resize_x_acc{"resize_x_acc"}, resize_y_acc{"resize_y_acc"};
};

}  // namespace pixelpipe::gen

HALIDE_REGISTER_GENERATOR(pixelpipe::gen::ResampleLanczos3, pp_resample_lanczos3)
