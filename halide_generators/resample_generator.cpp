// resample_generator.cpp: resampling (resize) of interleaved RGBA8.
// Family: pp_resample (separable kernel resize, kernel chosen at run time, optional fused
// integer box pre-shrink, optional output window for crops).
#include "Halide.h"
#include "common/color_math.h"
#include "common/geometry_kernels.h"
#include "common/layout.h"
#include "common/schedules.h"

namespace pixelpipe::gen {
using namespace Halide;

namespace {

// One axis of Pillow's precompute_coeffs() (libImaging/Resample.c), generalised with Pillow's
// `box` argument: output sample o covers input centre (o + offset + 0.5) * scale of the (possibly
// box-reduced) input; when downscaling (scale > 1) the kernel is stretched by `scale` (support
// kernel_support * scale), which low-passes before decimating. Nearest is the box kernel without
// the stretch (exactly one tap, at floor(centre): Pillow's NEAREST). Taps outside the image are
// dropped and the rest renormalised (not edge-repeated), as Pillow does. Computed in double like
// Pillow, stored as float weights.
struct ResampleAxis {
    Expr scale, filterscale, support;
    Expr taps;    // kernel width, 2*ceil(support)+1
    Func weight;  // weight(o, k): weight of input sample first_tap(o) + k for output sample o
    Func first_tap;  // first(o), evaluated once (see below)
    Func weight_raw, weight_sum;
    Expr offset;

    Expr center(Expr o) const { return (cast<double>(o + offset) + f64(0.5)) * scale; }
    // First input sample used by output sample o. Halide compiles float math with fast-math
    // flags, so this Expr can round differently where it is inlined (centre - support landing
    // exactly on .5, e.g. 203 -> 25 px, o = 14): the taps are therefore indexed by first_tap, a
    // table computed once and shared by the weights and the pixel reads. The Expr only tells
    // bounds inference where those reads fall (a table value would be unbounded): see tap().
    Expr first(Expr o) const { return max(0, cast<int>(center(o) - support + f64(0.5))); }
    // Input index of tap k of output sample o: first_tap(o) + k, clamped to a window around
    // first(o) that always contains it (the two differ by at most one).
    Expr tap(Expr o, Expr k) const { return clamp(first_tap(o) + k, first(o) - 1, first(o) + taps); }

    ResampleAxis(const std::string &name, Var o, Var k, Expr kernel, Expr in_size, Expr scale_, Expr offset_)
        : weight(name + "_weight"), first_tap(name + "_first_tap"), weight_raw(name + "_weight_raw"),
          weight_sum(name + "_weight_sum") {
        scale = scale_;
        offset = offset_;
        filterscale = select(kernel == kKernelNearest, f64(1), max(scale, f64(1)));
        support = resample_kernel_support(kernel) * filterscale;
        taps = cast<int>(ceil(support)) * 2 + 1;
        first_tap(o) = first(o);
        Expr last = min(in_size, cast<int>(center(o) + support + f64(0.5)));  // exclusive
        Expr t = (cast<double>(k + first_tap(o)) - center(o) + f64(0.5)) / filterscale;
        weight_raw(o, k) = select(k < last - first_tap(o), resample_kernel(kernel, t), f64(0));
        RDom r(0, taps, name + "_r");
        weight_sum(o) = f64(0);
        weight_sum(o) += weight_raw(o, r);
        weight(o, k) = cast<float>(select(weight_sum(o) == f64(0), f64(0), weight_raw(o, k) / weight_sum(o)));
    }
};

}  // namespace

// Separable resize, horizontal pass then vertical (Pillow's order), on premultiplied alpha in
// float. Steps: (1) optional integer box pre-shrink by shrink_x × shrink_y (Pillow's reduce():
// the last partial block averages the pixels it has), fused into the horizontal pass's input;
// (2) the chosen kernel on the reduced image, with Pillow's fractional box (scale is in reduced
// pixels per output pixel, so pixel centres stay aligned with the original image);
// (3) output pixel (x, y) is resized pixel (x + offset_x, y + offset_y): a cover crop computes
// only what it keeps. Matches Pillow's Image.resize(filter, reducing_gap) to ~1-2 levels (Pillow
// rounds its reduced and intermediate images to 8 bits; we keep float and only clamp).
class Resample : public Generator<Resample> {
public:
    GeneratorParam<bool> threads{"threads", false};  // parallel row strips (host and -mt builds)

    Input<Buffer<uint8_t, 3>> input{"input"};    // x, y, c; RGBA8 interleaved, straight alpha
    Input<int> kernel{"kernel"};                  // 0 nearest, 1 bilinear, 2 bicubic, 3 mitchell, 4 lanczos2, 5 lanczos3
    Input<int> shrink_x{"shrink_x"};              // box pre-shrink factor, 1..input width
    Input<int> shrink_y{"shrink_y"};              // box pre-shrink factor, 1..input height
    Input<double> scale_x{"scale_x"};             // reduced input pixels per output pixel, > 0
    Input<double> scale_y{"scale_y"};             // reduced input pixels per output pixel, > 0
    Input<int> offset_x{"offset_x"};              // output column 0 = resized column offset_x, >= 0
    Input<int> offset_y{"offset_y"};              // output row 0 = resized row offset_y, >= 0
    Output<Buffer<uint8_t, 3>> output{"output"};  // the kept window of the resized image, interleaved

    void generate() {
        Expr in_w = input.width(), in_h = input.height();
        // Size of the box-reduced image (Pillow's reduce(): ceil).
        Expr red_w = (in_w + shrink_x - 1) / shrink_x, red_h = (in_h + shrink_y - 1) / shrink_y;
        ResampleAxis ax("kx", o, k, kernel, red_w, scale_x, offset_x);
        ResampleAxis ay("ky", o, k, kernel, red_h, scale_y, offset_y);
        kx = ax;
        ky = ay;

        clamped = BoundaryConditions::repeat_edge(input);
        premul(x, y, c) = premultiply(clamped, x, y, c);
        // Box average of the in-image pixels of block (x, y); blocks past the edge (read only by
        // zero-weight taps) average the repeated edge.
        box = RDom(0, shrink_x, 0, shrink_y, "box");
        Expr bx = x * shrink_x, by = y * shrink_y;
        Expr nx = clamp(in_w - bx, 1, shrink_x), ny = clamp(in_h - by, 1, shrink_y);
        shrunk_sum(x, y, c) = 0.0f;
        shrunk_sum(x, y, c) += select(box.x < nx && box.y < ny, premul(bx + box.x, by + box.y, c), 0.0f);
        shrunk(x, y, c) = shrunk_sum(x, y, c) / cast<float>(nx * ny);

        rx = RDom(0, ax.taps, "rx");
        resize_x_acc(x, y, c) = 0.0f;
        resize_x_acc(x, y, c) += kx.weight(x, rx) * shrunk(ax.tap(x, rx), y, c);
        // The horizontal result is clamped to the 8-bit range, as Pillow's 8-bit intermediate image
        // is: overshoot at hard edges then does not ring a second time in the vertical pass.
        resize_x(x, y, c) = clamp(resize_x_acc(x, y, c), 0.0f, 255.0f);
        ry = RDom(0, ay.taps, "ry");
        // The row index is also clamped to [0, red_h): taps past the edge carry weight 0.
        resize_y_acc(x, y, c) = 0.0f;
        resize_y_acc(x, y, c) += ky.weight(y, ry) * resize_x(x, clamp(ay.tap(y, ry), 0, red_h - 1), c);
        resize_y(x, y, c) = resize_y_acc(x, y, c);
        output(x, y, c) = unpremultiply_u8(resize_y, x, y, c);

        constrain_rgba8_interleaved(input);
        constrain_rgba8_interleaved(output);
        set_rgba_estimates(input);
        kernel.set_estimate(5);
        shrink_x.set_estimate(1);
        shrink_y.set_estimate(1);
        scale_x.set_estimate(2.0);
        scale_y.set_estimate(2.0);
        offset_x.set_estimate(0);
        offset_y.set_estimate(0);
        set_rgba_estimates(output, 960, 540);
    }

    void schedule() {
        if (auto_schedule) return;
        const int lanes = natural_vector_size<float>();
        constexpr int kTile = 8;  // pixels per accumulator tile, see schedules.h
        // Coefficient tables: out_width × taps and out_height × taps floats, computed once. The
        // kernel is a run-time select evaluated only here, so choosing it costs nothing per pixel.
        for (Func f : {kx.first_tap, kx.weight_sum, kx.weight, ky.first_tap, ky.weight_sum, ky.weight}) f.compute_root();
        // 32-row output strips (parallel with threads). Each strip computes the horizontal pass
        // for the reduced rows it needs (32*scale + 2*support rows: a few % overlap between strips
        // when downscaling), then one output row at a time vertically.
        schedule_rgba_output(output, x, y, c, xi, yo, yi, /*rows=*/32, lanes, threads);
        resize_x.compute_at(output, yo);
        schedule_rgba_filter(resize_x, resize_x_acc, x, y, c, xo, xi, {rx}, kTile);
        // One reduced row per horizontal-pass row (in L2), box-summed from shrink_y input rows.
        shrunk.compute_at(resize_x, y);
        schedule_rgba_row_stage(shrunk, x, y, c, xi, lanes);
        shrunk_sum.compute_at(shrunk, x).bound(c, 0, 4).reorder_storage(c, x, y).vectorize(c);
        shrunk_sum.update().reorder(c, box.x, box.y, x, y).vectorize(c);
        // Without a pre-shrink (the common case for upscales and Pillow-exact calls) the box is
        // 1x1: specialise so its loops and the division vanish.
        shrunk.specialize(shrink_x == 1 && shrink_y == 1);
        resize_y.compute_at(output, yi);
        schedule_rgba_filter(resize_y, resize_y_acc, x, y, c, xo, xi, {ry}, kTile);
    }

private:
    Var x{"x"}, y{"y"}, c{"c"}, o{"o"}, k{"k"}, xi{"xi"}, xo{"xo"}, yo{"yo"}, yi{"yi"};
    RDom rx, ry, box;
    struct AxisFuncs {
        Func weight, weight_sum, first_tap;
        AxisFuncs &operator=(const ResampleAxis &a) {
            weight = a.weight;
            first_tap = a.first_tap;
            weight_sum = a.weight_sum;
            return *this;
        }
    } kx, ky;
    Func clamped{"clamped"}, premul{"premul"}, shrunk{"shrunk"}, shrunk_sum{"shrunk_sum"};
    Func resize_x{"resize_x"}, resize_y{"resize_y"}, resize_x_acc{"resize_x_acc"}, resize_y_acc{"resize_y_acc"};
};

}  // namespace pixelpipe::gen

HALIDE_REGISTER_GENERATOR(pixelpipe::gen::Resample, pp_resample)
