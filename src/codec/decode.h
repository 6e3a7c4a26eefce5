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
    int shrink_applied = 1;  // the shrink-on-load factor the decoder used (1 unless JPEG)
    int source_width = 0;    // the file's full size, upright (orientation applied, before any shrink):
    int source_height = 0;   // what results report as the input's size
    std::vector<uint8_t> icc_profile;  // the embedded ICC profile as found (for keepIccProfile); empty: none
    bool color_converted = false;      // the pixels were converted from icc_profile's space to sRGB
    std::vector<uint8_t> exif;         // the raw EXIF (TIFF block) and XMP packet, for stripMetadata:
    std::vector<uint8_t> xmp;          // false (metadata_blobs.h); empty: none
    std::vector<uint8_t> xmp_extended; // JPEG: the extended XMP `xmp` names (metadata_blobs.h); empty: none
    std::vector<std::string> warnings; // e.g. a damaged profile that was ignored
};

// What decode does with an embedded colour profile (js-api: colorManagement).
enum class ColorManagement {
    Convert,   // to sRGB (default): every operation sees the colours a colour-managed viewer shows
    Ignore,    // pixels as stored, profile dropped (the decoder's raw output)
    Preserve,  // pixels as stored, profile kept in DecodedImage::icc_profile for export
};

// How to decode. Fields are hints a format may ignore; DecodedImage says what was applied.
struct DecodeOptions {
    // Shrink-on-load: 1, 2, 4 or 8. JPEG decodes at 1/shrink in the DCT domain (each side rounded
    // up); the other formats ignore it and decode at full size.
    int shrink = 1;
    ColorManagement color = ColorManagement::Convert;
};

struct ImageInfo {
    int width = 0;           // as stored (before orientation)
    int height = 0;
    std::string format;
    int orientation = 1;     // EXIF orientation (JPEG; 1 otherwise): 5–8 swap the upright sides
};

// Sniffs the format from magic bytes and reads dimensions from the header, without decoding.
Result<ImageInfo> probe_image(const uint8_t *data, size_t size);

// Decodes the first frame (JPEG with libjpeg-turbo, jpeg_decode.h; WebP with libwebp; the rest
// with stb_image). Errors: UNSUPPORTED_FORMAT (unknown bytes, or a format we do not implement),
// IMAGE_TOO_LARGE (from the header, before allocating), DECODE_FAILED (damaged), OUT_OF_MEMORY,
// INVALID_ARGUMENT (a shrink other than 1, 2, 4, 8). Colour: see DecodeOptions::color and color_manage.h.
Result<DecodedImage> decode_image(const uint8_t *data, size_t size, const Limits &limits,
                                  const DecodeOptions &opts = {});

// Working-memory budget for one decode, derived from limits.max_pixels (24 bytes per allowed
// pixel + 64 MB, at most 3 GB). decode_image refuses (IMAGE_TOO_LARGE) when its estimate of
// the decoder's peak memory for the file is over it, and enforces it on every stb allocation
// and on libjpeg's whole-image buffers.
uint64_t decode_budget_bytes(const Limits &limits);

}  // namespace pixelpipe::codec
