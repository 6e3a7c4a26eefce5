// icc_writer.h: serialises a matrix/TRC RGB profile (icc_builtin.h's sRGB, Display P3) as an
// ICC v4.3 display profile: header, desc + cprt (mluc), wtpt, chad, rXYZ gXYZ bXYZ, and one
// shared 'para' curve for rTRC gTRC bTRC. What export embeds (iccProfile 'p3', the compact sRGB
// profile of JPEG/WebP output); built from the definitions, never copied from an .icc file.
#pragma once
#include <cstdint>
#include <vector>

#include "color/icc_profile.h"

namespace pixelpipe::color {

// `p` must have has_matrix_trc and a Parametric curve (all three channels share trc[0]).
std::vector<uint8_t> write_matrix_trc_profile(const IccProfile &p);

// The serialised builtins, made once.
const std::vector<uint8_t> &srgb_profile_bytes();
const std::vector<uint8_t> &display_p3_profile_bytes();

}  // namespace pixelpipe::color
