// color_manage.h: the one step after decoding that applies DecodeOptions::color. Profiles come
// from icc_extract.h; sRGB profiles (and PNG's sRGB chunk) cost nothing; matrix/TRC and gray
// TRC profiles run pp_icc_matrix_trc (icc_transform.h); other RGB/gray profiles go through
// Little CMS (icc_lcms.h). A damaged, truncated or mismatched profile leaves the pixels as
// decoded and adds a warning: it never fails the decode. CMYK JPEGs are converted by the JPEG
// decoder itself (cmyk_to_srgb), which already sees the profile.
#pragma once
#include <optional>

#include "codec/decode.h"
#include "codec/icc_extract.h"
#include "color/icc_transform.h"

namespace pixelpipe::codec {

// The tables apply_color_management would use for an image with `found`'s profile when that is an
// RGB matrix/TRC one to convert (else nothing): the JPEG decoder converts its rows with them while
// it decodes (convert_while_decoding.h) and marks the image color_converted.
std::optional<color::MatrixTrcTables> rgb_matrix_trc_tables(const EmbeddedColor &found, ColorManagement mode);

// `found`: the file's extract_embedded_color (decode_image reads it once for the decoder and this
// step). Errors only for OUT_OF_MEMORY / INTERNAL (a Halide failure); profile trouble is a warning.
// An image the decoder already converted (color_converted) only gets the profile and warnings.
Status apply_color_management(DecodedImage &img, EmbeddedColor found, ColorManagement mode);

}  // namespace pixelpipe::codec
