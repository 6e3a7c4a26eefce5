// color_manage.h: the one step after decoding that applies DecodeOptions::color. Profiles come
// from icc_extract.h; sRGB profiles (and PNG's sRGB chunk) cost nothing; matrix/TRC and gray
// TRC profiles run pp_icc_matrix_trc (icc_transform.h); other RGB/gray profiles go through
// Little CMS (icc_lcms.h). A damaged, truncated or mismatched profile leaves the pixels as
// decoded and adds a warning: it never fails the decode. CMYK JPEGs are converted by the JPEG
// decoder itself (cmyk_to_srgb), which already sees the profile.
#pragma once
#include <cstddef>
#include <cstdint>

#include "codec/decode.h"

namespace pixelpipe::codec {

// Errors only for OUT_OF_MEMORY / INTERNAL (a Halide failure); profile trouble is a warning.
Status apply_color_management(DecodedImage &img, const uint8_t *data, size_t size, ColorManagement mode);

}  // namespace pixelpipe::codec
