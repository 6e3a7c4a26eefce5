// icc_embed.h: puts a colour-space declaration into encoded bytes, after the encoder: PNG iCCP
// (zlib) or the 13-byte sRGB chunk, right after IHDR; JPEG APP2 "ICC_PROFILE" segments (split in
// parts of at most 65519 bytes, ICC.1 Annex B.4) right after SOI/APP0; WebP ICCP, turning a simple
// file into the extended (VP8X) layout. Other formats are returned as they are.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"

namespace pixelpipe::codec {

// `width`/`height`: the image's (WebP's VP8X canvas). INTERNAL when the bytes are not the
// encoder output they should be.
Result<std::vector<uint8_t>> embed_icc_profile(const std::vector<uint8_t> &encoded, const std::string &format,
                                               const std::vector<uint8_t> &icc, int width, int height);

// The default: PNG gets the sRGB chunk (perceptual intent); JPEG and WebP the compact sRGB
// profile of color/icc_writer.h (about 500 bytes), as sharp marks its output.
Result<std::vector<uint8_t>> mark_srgb(const std::vector<uint8_t> &encoded, const std::string &format, int width, int height);

}  // namespace pixelpipe::codec
