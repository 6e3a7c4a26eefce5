// geometry_kernels.h: the resampling kernels of the geometry family (resize and rotate), as
// Halide Exprs in double. Formulas and supports are Pillow's (libImaging/Resample.c) where Pillow
// has the kernel; Mitchell and Lanczos2 follow the same conventions.
#pragma once
#include <cmath>

#include "Halide.h"

namespace pixelpipe::gen {

// Halide has no Expr*double overload; this makes a double literal an Expr.
inline Halide::Expr f64(double v) { return Halide::Expr(v); }

// Run-time kernel ids (ops::Kernel in src/ops/ops.h uses the same numbers).
constexpr int kKernelNearest = 0;
constexpr int kKernelBilinear = 1;
constexpr int kKernelBicubic = 2;   // Catmull-Rom, a = -0.5 (Pillow BICUBIC, Keys 1981)
constexpr int kKernelMitchell = 3;  // Mitchell-Netravali B = C = 1/3
constexpr int kKernelLanczos2 = 4;
constexpr int kKernelLanczos3 = 5;

inline Halide::Expr sinc_pi(Halide::Expr t) {
    using namespace Halide;
    Expr pt = t * f64(M_PI);
    return select(t == f64(0), f64(1), sin(pt) / pt);
}

// Keys' cubic convolution with parameter a (Pillow bicubic_filter with a = -0.5).
inline Halide::Expr keys_cubic(Halide::Expr x, double a) {
    using namespace Halide;
    x = abs(x);
    Expr near = ((f64(a + 2) * x - f64(a + 3)) * x * x) + f64(1);
    Expr far = (((x - f64(5)) * x + f64(8)) * x - f64(4)) * f64(a);
    return select(x < f64(1), near, x < f64(2), far, f64(0));
}

// Mitchell-Netravali (1988) with B = C = 1/3.
inline Halide::Expr mitchell(Halide::Expr x) {
    using namespace Halide;
    constexpr double B = 1.0 / 3.0, C = 1.0 / 3.0;
    x = abs(x);
    Expr x2 = x * x, x3 = x2 * x;
    Expr near = (f64(12 - 9 * B - 6 * C) * x3 + f64(-18 + 12 * B + 6 * C) * x2 + f64(6 - 2 * B)) / f64(6);
    Expr far = (f64(-B - 6 * C) * x3 + f64(6 * B + 30 * C) * x2 + f64(-12 * B - 48 * C) * x + f64(8 * B + 24 * C)) / f64(6);
    return select(x < f64(1), near, x < f64(2), far, f64(0));
}

// Kernel value at t (in input pixels, already divided by the filter scale).
inline Halide::Expr resample_kernel(Halide::Expr kernel, Halide::Expr t) {
    using namespace Halide;
    // Pillow's box_filter: 1 on (-0.5, 0.5]; with no stretch it picks exactly one pixel (nearest).
    Expr box = select(t > f64(-0.5) && t <= f64(0.5), f64(1), f64(0));
    Expr triangle = max(f64(1) - abs(t), f64(0));
    Expr lanczos2 = select(t >= f64(-2) && t < f64(2), sinc_pi(t) * sinc_pi(t / f64(2)), f64(0));
    Expr lanczos3 = select(t >= f64(-3) && t < f64(3), sinc_pi(t) * sinc_pi(t / f64(3)), f64(0));
    return select(kernel == kKernelNearest, box,
                  kernel == kKernelBilinear, triangle,
                  kernel == kKernelBicubic, keys_cubic(t, -0.5),
                  kernel == kKernelMitchell, mitchell(t),
                  kernel == kKernelLanczos2, lanczos2,
                  lanczos3);
}

// Half-width of each kernel in input pixels (before the downscale stretch).
inline Halide::Expr resample_kernel_support(Halide::Expr kernel) {
    using namespace Halide;
    return select(kernel == kKernelNearest, f64(0.5),
                  kernel == kKernelBilinear, f64(1),
                  kernel == kKernelLanczos3, f64(3),
                  f64(2));
}

}  // namespace pixelpipe::gen
