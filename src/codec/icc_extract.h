// icc_extract.h: the one place that finds a file's colour-space declaration: the embedded ICC
// profile of JPEG (APP2 "ICC_PROFILE", multi-part, reassembled in sequence order), PNG (iCCP,
// inflated) and WebP (ICCP chunk), and PNG's sRGB chunk. gAMA/cHRM without a profile are
// ignored, as libvips and Pillow do. Every read is bounds-checked; damage gives a warning and no
// profile, never an error.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace pixelpipe::codec {

struct EmbeddedColor {
    std::vector<uint8_t> icc;   // the profile's bytes (empty: none, or damaged)
    bool declared = false;      // the file had an ICC chunk/segment (even if unusable)
    bool srgb_chunk = false;    // PNG sRGB chunk (rendering intent only: the space is sRGB)
    std::string png_name;       // iCCP profile name
    std::string warning;        // why a declared profile was dropped; empty when fine
};

EmbeddedColor extract_embedded_color(const uint8_t *data, size_t size);

}  // namespace pixelpipe::codec
