// icc_builtin.cpp: sRGB and Display P3 from their primaries (see icc_builtin.h).
#include "color/icc_builtin.h"

#include <cmath>

namespace pixelpipe::color {

// IEC 61966-2-1 and SMPTE EG 432-1 / Apple's Display P3 (DCI-P3 primaries, D65 white).
const RgbSpace kSrgbSpace{"sRGB", {0.64, 0.33}, {0.30, 0.60}, {0.15, 0.06}, {0.3127, 0.3290}};
const RgbSpace kDisplayP3Space{"Display P3", {0.680, 0.320}, {0.265, 0.690}, {0.150, 0.060}, {0.3127, 0.3290}};

Xyz d50_white() { return {0.9642, 1.0, 0.8249}; }

Mat3 mat_mul(const Mat3 &a, const Mat3 &b) {
    Mat3 r{};
    for (size_t i = 0; i < 3; ++i)
        for (size_t j = 0; j < 3; ++j)
            for (size_t k = 0; k < 3; ++k) r[i][j] += a[i][k] * b[k][j];
    return r;
}

static double det(const Mat3 &m) {
    return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
           m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
}

bool invertible(const Mat3 &m) { return std::isfinite(det(m)) && std::fabs(det(m)) > 1e-9; }

Mat3 mat_inverse(const Mat3 &m) {
    const double d = det(m);
    Mat3 r{};
    for (size_t i = 0; i < 3; ++i)
        for (size_t j = 0; j < 3; ++j) {
            // cofactor of m[j][i]
            const size_t r0 = (j + 1) % 3, r1 = (j + 2) % 3, c0 = (i + 1) % 3, c1 = (i + 2) % 3;
            r[i][j] = (m[r0][c0] * m[r1][c1] - m[r0][c1] * m[r1][c0]) / d;
        }
    return r;
}

Mat3 bradford_adaptation(const Xyz &from, const Xyz &to) {
    // Bradford cone response matrix (ICC.1:2010 Annex E.3).
    const Mat3 b{{{0.8951, 0.2664, -0.1614}, {-0.7502, 1.7135, 0.0367}, {0.0389, -0.0685, 1.0296}}};
    auto cone = [&b](const Xyz &w) {
        return std::array<double, 3>{b[0][0] * w.x + b[0][1] * w.y + b[0][2] * w.z,
                                     b[1][0] * w.x + b[1][1] * w.y + b[1][2] * w.z,
                                     b[2][0] * w.x + b[2][1] * w.y + b[2][2] * w.z};
    };
    const auto s = cone(from), d = cone(to);
    Mat3 scale{};
    for (size_t i = 0; i < 3; ++i) scale[i][i] = d[i] / s[i];
    return mat_mul(mat_inverse(b), mat_mul(scale, b));
}

static Xyz xy_to_xyz(Chromaticity c) { return {c.x / c.y, 1.0, (1.0 - c.x - c.y) / c.y}; }

IccProfile make_rgb_profile(const RgbSpace &s) {
    // RGB -> XYZ at the space's own white: columns are the primaries scaled so that RGB 1,1,1
    // gives the white (Y = 1).
    const Xyz pr[3] = {xy_to_xyz(s.red), xy_to_xyz(s.green), xy_to_xyz(s.blue)};
    Mat3 m{};
    for (size_t i = 0; i < 3; ++i) {
        m[0][i] = pr[i].x;
        m[1][i] = pr[i].y;
        m[2][i] = pr[i].z;
    }
    const Xyz w = xy_to_xyz(s.white);
    const Mat3 inv = mat_inverse(m);
    const double k[3] = {inv[0][0] * w.x + inv[0][1] * w.y + inv[0][2] * w.z,
                         inv[1][0] * w.x + inv[1][1] * w.y + inv[1][2] * w.z,
                         inv[2][0] * w.x + inv[2][1] * w.y + inv[2][2] * w.z};
    for (size_t r = 0; r < 3; ++r)
        for (size_t i = 0; i < 3; ++i) m[r][i] *= k[i];
    IccProfile p;
    p.version = 0x04300000;
    p.device_class = "mntr";
    p.color_space = "RGB";
    p.pcs = "XYZ";
    p.description = s.description;
    p.chad = bradford_adaptation(w, d50_white());
    p.has_chad = true;
    p.to_pcs = mat_mul(p.chad, m);
    p.white = d50_white();  // v4: wtpt is the PCS illuminant for display profiles
    IccCurve srgb_curve;    // IEC 61966-2-1 as para type 3 (g a b c d)
    srgb_curve.kind = IccCurve::Kind::Parametric;
    srgb_curve.function_type = 3;
    srgb_curve.p = {2.4, 1 / 1.055, 0.055 / 1.055, 1 / 12.92, 0.04045, 0, 0};
    p.trc = {srgb_curve, srgb_curve, srgb_curve};
    p.has_matrix_trc = true;
    return p;
}

const IccProfile &srgb_profile() {
    static const IccProfile p = make_rgb_profile(kSrgbSpace);
    return p;
}

const IccProfile &display_p3_profile() {
    static const IccProfile p = make_rgb_profile(kDisplayP3Space);
    return p;
}

}  // namespace pixelpipe::color
