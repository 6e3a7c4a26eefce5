// icc_generator.cpp: ICC matrix/TRC colour conversion on interleaved RGBA8 (straight alpha).
// Family: pp_icc_matrix_trc. Between two matrix/TRC profiles (ICC.1:2010 §F.3) a conversion is
//   lin  = in_lut[c](in)                       source TRC, 8-bit code -> linear 0..1 (per channel)
//   dst  = M · lin                             3x3: inverse(destination colorants) · source colorants,
//                                              both D50 PCS (relative colorimetric; see icc_transform.h)
//   out  = out_lut[round(clamp(dst, 0, 1) * (N-1))]  destination inverse TRC, linear -> 8-bit code
// Alpha passes through. The tables are built on the C++ side (src/color/icc_transform.cpp).
#include "Halide.h"
#include "common/layout.h"
#include "common/schedules.h"

namespace pixelpipe::gen {
using namespace Halide;

class IccMatrixTrc : public Generator<IccMatrixTrc> {
public:
    // Output table size = color::kIccOutLutSize (icc_transform.h). 16384 entries: the steepest
    // destination curve here is sRGB's linear toe (12.92 × 255 ≈ 3295 levels per unit), so one
    // step is 0.2 of a level and the table adds at most ±0.1 level to exact rounding.
    static constexpr int kOutLutSize = 16384;

    GeneratorParam<bool> threads{"threads", false};  // parallel row strips (host and -mt builds)

    Input<Buffer<uint8_t, 3>> input{"input"};      // x, y, c; RGBA8 interleaved
    Input<Buffer<float, 2>> in_lut{"in_lut"};      // [3][256]: in_lut(level, c), linear 0..1
    Input<Buffer<float, 2>> matrix{"matrix"};      // [3][3]: matrix(col, row)
    Input<Buffer<uint8_t, 1>> out_lut{"out_lut"};  // [kOutLutSize]: linear index -> 8-bit code
    Output<Buffer<uint8_t, 3>> output{"output"};

    void generate() {
        std::vector<Expr> lin(3), v(4);
        for (int ch = 0; ch < 3; ++ch) lin[ch] = in_lut(cast<int>(input(x, y, ch)), ch);
        const float scale = float(kOutLutSize - 1);
        for (int row = 0; row < 3; ++row) {
            Expr mixed = matrix(0, row) * lin[0] + matrix(1, row) * lin[1] + matrix(2, row) * lin[2];
            Expr index = cast<int>(clamp(mixed, 0.0f, 1.0f) * scale + 0.5f);
            v[row] = out_lut(index);
        }
        v[3] = input(x, y, 3);
        pixel(x, y) = Tuple(v);
        output(x, y, c) = mux(c, {pixel(x, y)[0], pixel(x, y)[1], pixel(x, y)[2], pixel(x, y)[3]});

        constrain_rgba8_interleaved(input);
        constrain_rgba8_interleaved(output);
        in_lut.dim(0).set_bounds(0, 256);
        in_lut.dim(1).set_bounds(0, 3).set_stride(256);
        matrix.dim(0).set_bounds(0, 3);
        matrix.dim(1).set_bounds(0, 3).set_stride(3);
        out_lut.dim(0).set_bounds(0, kOutLutSize);
        set_rgba_estimates(input);
        set_rgba_estimates(output);
        in_lut.set_estimates({{0, 256}, {0, 3}});
        matrix.set_estimates({{0, 3}, {0, 3}});
        out_lut.set_estimates({{0, kOutLutSize}});
    }

    void schedule() {
        if (auto_schedule) return;
        // As pp_color_program: the pixel Tuple is computed per vector of pixels (planar in
        // registers), the output interleaves it. The six table lookups per pixel are gathers
        // (scalar loads on wasm) and dominate; the matrix is 9 multiply-adds.
        const int lanes = natural_vector_size<float>() * 2;
        schedule_rgba_pixelwise(output, x, y, c, xo, xi, yo, yi, lanes, 32, threads);
        pixel.compute_at(output, xo).vectorize(x, lanes, TailStrategy::GuardWithIf);
    }

private:
    Var x{"x"}, y{"y"}, c{"c"}, xo{"xo"}, xi{"xi"}, yo{"yo"}, yi{"yi"};
    Func pixel{"pixel"};
};

}  // namespace pixelpipe::gen

HALIDE_REGISTER_GENERATOR(pixelpipe::gen::IccMatrixTrc, pp_icc_matrix_trc)
