// icc_builtin.h: the RGB spaces pixelpipe knows by their definitions (not by copied .icc files):
// sRGB (IEC 61966-2-1) and Display P3 (SMPTE EG 432-1 primaries, D65, the sRGB curve), built as
// ICC matrix/TRC profiles the way ICC v4 says: colorants adapted from the space's white to the
// D50 PCS with the linear Bradford transform (ICC.1:2010 Annex E), recorded in 'chad'.
// Plus the 3x3 helpers the transforms use.
#pragma once
#include "color/icc_profile.h"

namespace pixelpipe::color {

struct Chromaticity { double x, y; };
struct RgbSpace {
    const char *description;
    Chromaticity red, green, blue, white;
};

extern const RgbSpace kSrgbSpace;
extern const RgbSpace kDisplayP3Space;

Xyz d50_white();  // ICC PCS illuminant (0.9642, 1.0, 0.8249)
Mat3 mat_mul(const Mat3 &a, const Mat3 &b);
bool invertible(const Mat3 &m);
Mat3 mat_inverse(const Mat3 &m);  // m must be invertible
Mat3 bradford_adaptation(const Xyz &from, const Xyz &to);

// A matrix/TRC profile of `space` with the sRGB transfer curve as a 'para' type 4 curve.
IccProfile make_rgb_profile(const RgbSpace &space);
const IccProfile &srgb_profile();
const IccProfile &display_p3_profile();

}  // namespace pixelpipe::color
