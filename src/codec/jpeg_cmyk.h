// jpeg_cmyk.h: the ONE place where a CMYK JPEG's samples become RGBA. Today a naive conversion
// (no colour management); an ICC transform (the file's embedded CMYK profile) replaces it here.
#pragma once
#include <cstdint>

#include "core/image.h"

namespace pixelpipe::codec {

// `cmyk` holds w×h pixels of 4 bytes (C, M, Y, K as libjpeg returns them for JCS_CMYK, also
// after its YCCK→CMYK step); `out` is an allocated w×h image. `cmyk` may be out.data() itself
// (the conversion is per pixel, so it works in place: the decoder writes CMYK into the output
// buffer and converts there, with no second buffer).
//
// adobe_inverted: Photoshop writes CMYK JPEGs with inverted samples (0 = full ink) and marks them
// with an Adobe APP14 segment; every CMYK JPEG the decoder accepts has one. Then
//   R = C·K / 255 (rounded), G = M·K / 255, B = Y·K / 255;
// otherwise R = (255 − C)(255 − K) / 255, and so on. This is stb_image's and Pillow's naive rule
// (they differ only in how a product ending in .5 rounds). Alpha is 255.
void cmyk_to_rgba(const uint8_t *cmyk, int w, int h, bool adobe_inverted, Image &out);

}  // namespace pixelpipe::codec
