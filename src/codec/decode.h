// decode.h: encoded bytes → upright RGBA8 Image, with header-first limit checks.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/image.h"
#include "core/limits.h"
#include "core/status.h"

namespace pixelpipe::codec {

struct DecodedImage {
    Image image;             // RGBA8, straight alpha, EXIF orientation already applied
    std::string format;      // "jpeg" | "png" | "webp" | "bmp" | "gif" | "tga" | "psd" | "pnm" | "hdr"
    int orientation = 1;     // the EXIF orientation found (1 when none); already applied to `image`
    int source_channels = 0; // channels in the file (1 gray, 2 gray+alpha, 3 RGB, 4 RGBA)
    std::vector<uint8_t> icc_profile;  // the embedded ICC profile as found (for keepIccProfile); empty: none
    bool color_converted = false;      // the pixels were converted from icc_profile's space to sRGB
    std::vector<std::string> warnings; // e.g. a damaged profile that was ignored
};

// What decode does with an embedded colour profile (js-api: colorManagement).
enum class ColorManagement {
    Convert,   // to sRGB (default): every operation sees the colours a colour-managed viewer shows
    Ignore,    // pixels as stored, profile dropped (the decoder's raw output)
    Preserve,  // pixels as stored, profile kept in DecodedImage::icc_profile for export
};

struct DecodeOptions {
    int shrink = 1;  // JPEG DCT-domain downscale 1, 2, 4, 8 (helper A, issue 12)
    ColorManagement color = ColorManagement::Convert;
};

struct ImageInfo {
    int width = 0;           // as stored (before orientation)
    int height = 0;
    std::string format;
};

// Sniffs the format from magic bytes and reads dimensions from the header, without decoding.
Result<ImageInfo> probe_image(const uint8_t *data, size_t size);

// Decodes the first frame. Errors: UNSUPPORTED_FORMAT (unknown bytes, or a format stb_image does
// not implement), IMAGE_TOO_LARGE (from the header, before allocating), DECODE_FAILED (damaged),
// OUT_OF_MEMORY.
// Colour: see DecodeOptions::color and color_manage.h.
Result<DecodedImage> decode_image(const uint8_t *data, size_t size, const Limits &limits,
                                  const DecodeOptions &options = {});

// Working-memory budget for one decode, derived from limits.max_pixels (24 bytes per allowed
// pixel + 64 MB, at most 3 GB). decode_image refuses (IMAGE_TOO_LARGE) when its estimate of
// stb_image's peak memory for the file is over it, and enforces it on every stb allocation.
uint64_t decode_budget_bytes(const Limits &limits);

}  // namespace pixelpipe::codec
