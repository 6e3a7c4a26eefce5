// icc_transform.cpp: tables for pp_icc_matrix_trc and the call (see icc_transform.h).
#include "color/icc_transform.h"

#include <cmath>
#include <string>

#include "color/color.h"
#include "color/icc_builtin.h"
#include "pp_icc_matrix_trc.h"

namespace pixelpipe::color {
namespace {

// linear 0..1 (kIccOutLutSize steps) -> sRGB-encoded 8-bit code, rounded.
struct SrgbOutLut {
    uint8_t v[kIccOutLutSize];
    SrgbOutLut() {
        for (int i = 0; i < kIccOutLutSize; ++i) v[i] = to_u8(linear_to_srgb(float(double(i) / (kIccOutLutSize - 1))));
    }
};

// linear 0..1 (kIccOutLutSize steps) -> the 8-bit code of `trc`'s inverse, rounded in the encoded
// domain as SrgbOutLut is: code c+1 starts where the linear value reaches trc((c + 0.5) / 255).
// 255 curve evaluations and one sweep (the curve is monotone; a table that is not still gives a
// clamped, monotone result).
std::vector<uint8_t> inverse_trc_lut(const IccCurve &trc) {
    std::vector<uint8_t> lut(kIccOutLutSize);
    int code = 0;
    double next = trc.eval(0.5 / 255);
    for (int i = 0; i < kIccOutLutSize; ++i) {
        const double linear = double(i) / (kIccOutLutSize - 1);
        while (code < 255 && linear >= next) next = ++code < 255 ? trc.eval((code + 0.5) / 255) : 2.0;
        lut[size_t(i)] = uint8_t(code);
    }
    return lut;
}

bool same_curve(const IccCurve &a, const IccCurve &b) {
    return a.kind == b.kind && a.function_type == b.function_type && a.p == b.p && a.table == b.table;
}

}  // namespace

bool can_be_matrix_trc_destination(const IccProfile &dst) {
    return dst.has_matrix_trc && same_curve(dst.trc[0], dst.trc[1]) && same_curve(dst.trc[0], dst.trc[2]) && invertible(dst.to_pcs);
}

MatrixTrcTables build_matrix_trc(const IccProfile &src, const IccProfile &dst) {
    static const SrgbOutLut srgb_out;  // thread-safe static init
    MatrixTrcTables t;
    for (size_t c = 0; c < 3; ++c)
        for (int v = 0; v < 256; ++v) t.in_lut[c * 256 + size_t(v)] = float(src.trc[c].eval(v / 255.0));
    // Gray: relative colorimetric keeps the luminance on the neutral axis, whose destination RGB is
    // equal linear components: the identity.
    Mat3 m{{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}};
    if (src.has_matrix_trc) m = mat_mul(mat_inverse(dst.to_pcs), src.to_pcs);
    for (size_t r = 0; r < 3; ++r)
        for (size_t k = 0; k < 3; ++k) t.matrix[r * 3 + k] = float(m[r][k]);
    t.out_lut = srgb_out.v;
    if (&dst != &srgb_profile() && &dst != &display_p3_profile()) t.own_out_lut = inverse_trc_lut(dst.trc[0]);
    return t;
}

Status apply_matrix_trc(Image &img, const MatrixTrcTables &t) {
    if (img.empty()) return Status::ok();
    return apply_matrix_trc_rows(img.data(), img.width(), 0, img.height(), t);
}

Status apply_matrix_trc_rows(uint8_t *rgba, int width, int y0, int y1, const MatrixTrcTables &t) {
    if (width <= 0 || y1 <= y0) return Status::ok();
    Halide::Runtime::Buffer<float, 2> in_lut(const_cast<float *>(t.in_lut.data()), 256, 3);
    Halide::Runtime::Buffer<float, 2> matrix(const_cast<float *>(t.matrix.data()), 3, 3);
    const uint8_t *out = t.own_out_lut.empty() ? t.out_lut : t.own_out_lut.data();
    Halide::Runtime::Buffer<uint8_t, 1> out_lut(const_cast<uint8_t *>(out), kIccOutLutSize);
    halide_dimension_t dims[3] = {{0, width, 4}, {0, y1 - y0, width * 4}, {0, 4, 1}};
    Halide::Runtime::Buffer<uint8_t, 3> buf(rgba + size_t(y0) * size_t(width) * 4, 3, dims);
    const int err = pp_icc_matrix_trc(buf, in_lut, matrix, out_lut, buf);
    return halide_status("pp_icc_matrix_trc", err);
}

}  // namespace pixelpipe::color
