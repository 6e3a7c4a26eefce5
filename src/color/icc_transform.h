// icc_transform.h: converting pixels between ICC matrix/TRC profiles with pp_icc_matrix_trc.
// Intent: relative colorimetric (ICC.1:2010 §D.2: the media white maps to the destination white;
// matrix/TRC profiles have no perceptual tables, so this is also what Little CMS and the browsers
// do for them). Gray kTRC profiles convert to neutral sRGB with the same relative luminance.
#pragma once
#include <array>
#include <vector>

#include "color/icc_profile.h"
#include "core/image.h"
#include "core/status.h"

namespace pixelpipe::color {

constexpr int kIccOutLutSize = 16384;  // = pp_icc_matrix_trc's kOutLutSize (see the generator)

struct MatrixTrcTables {
    std::array<float, 3 * 256> in_lut{};  // [c][level]: source TRC, linear 0..1
    std::array<float, 9> matrix{};        // row-major 3x3: destination linear RGB from source linear RGB
    const uint8_t *out_lut = nullptr;     // kIccOutLutSize entries: destination inverse TRC (sRGB's, shared)
    std::vector<uint8_t> own_out_lut;     // or this one, for a destination with another curve
};

// `src` must have has_matrix_trc or has_gray_trc; `dst` is one of icc_builtin.h's profiles
// (sRGB, Display P3: both use the sRGB transfer curve, whose inverse table is shared) or any
// profile for which can_be_matrix_trc_destination() holds (keepIccProfile's way back to the
// source's space: Adobe RGB's gamma 2.2, ProPhoto's 1.8, a camera's table).
MatrixTrcTables build_matrix_trc(const IccProfile &src, const IccProfile &dst);

// A matrix/TRC RGB profile with one curve for all three channels (the table is shared) and an
// invertible matrix.
bool can_be_matrix_trc_destination(const IccProfile &dst);

// Converts the RGB of `img` in place (alpha untouched).
Status apply_matrix_trc(Image &img, const MatrixTrcTables &tables);
// The same for rows [y0, y1) of interleaved RGBA8 pixels `width` wide (a band of a decoding image).
Status apply_matrix_trc_rows(uint8_t *rgba, int width, int y0, int y1, const MatrixTrcTables &tables);

}  // namespace pixelpipe::color
