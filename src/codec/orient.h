// orient.h: make an image upright according to its EXIF Orientation (1..8).
// Orientation describes how the stored pixels must be transformed for display:
//   1 as stored            2 mirror horizontally      3 rotate 180°        4 mirror vertically
//   5 transpose (mirror along the top-left→bottom-right diagonal)
//   6 rotate 90° clockwise 7 transverse (mirror along the other diagonal)   8 rotate 90° counter-clockwise
// 5–8 swap width and height.
#pragma once
#include "core/image.h"
#include "core/status.h"

namespace pixelpipe::codec {

// Returns the upright image. 1 (and out-of-range values) return `src` unchanged; 2–4 work in
// place; 5–8 allocate a new buffer (OUT_OF_MEMORY when that fails).
Result<Image> apply_orientation(Image src, int orientation);

}  // namespace pixelpipe::codec
