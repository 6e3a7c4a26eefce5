// icc_lcms.h: the profiles pp_icc_matrix_trc cannot run, and the way back to a source profile, through Little CMS 2.14 (Debian's
// lcms2 source package, cmake/debian_source.cmake): CMYK, LUT-based RGB/gray (A2B0/A2B1, mAB),
// Lab-PCS profiles. Intent: perceptual where the profile has a perceptual table (A2B0), else
// relative colorimetric; the destination is lcms2's built-in sRGB profile.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/image.h"
#include "core/status.h"

namespace pixelpipe::color {

// RGB or GRAY profile: converts the RGB of `img` in place (alpha untouched). DECODE_FAILED when
// Little CMS refuses the profile (the caller keeps the pixels and logs the message).
Status lcms_to_srgb(Image &img, const uint8_t *icc, size_t icc_len);

// The inverse, for an export that keeps the source's RGB profile (keepIccProfile): sRGB pixels →
// the profile's space, in place. Intent: perceptual where the profile has a B2A0 table, else
// relative colorimetric (matrix/TRC profiles), mirroring lcms_to_srgb. ENCODE_FAILED when Little
// CMS refuses the profile or it is not RGB.
Status lcms_from_srgb(Image &img, const uint8_t *icc, size_t icc_len);

// Interleaved CMYK (4 bytes per pixel) → opaque sRGB RGBA8. `adobe_inverted`: the samples are
// stored inverted (0 = full ink), as Photoshop writes Adobe APP14 CMYK/YCCK JPEGs. Without a
// usable CMYK profile (icc null, not CMYK, or damaged: `warning` says which) the conversion is
// the naive one, R = (1 - C)(1 - K) etc.: Debian ships no freely licensed default CMYK profile
// that could be built in (ghostscript's default_cmyk.icc is AGPL).
Result<Image> cmyk_to_srgb(const uint8_t *cmyk, int w, int h, bool adobe_inverted, const uint8_t *icc, size_t icc_len,
                           std::string *warning = nullptr);

}  // namespace pixelpipe::color
