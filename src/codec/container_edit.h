// container_edit.h: inserting metadata into the files pixelpipe's own encoders wrote (so the
// layout is known): PNG chunks right after IHDR (PNG 3rd ed. §5.6: iCCP, sRGB, eXIf and iTXt may
// all precede PLTE/IDAT); JPEG segments right after SOI and the JFIF APP0, which must come first
// (JFIF 1.02); WebP chunks per the container spec ("Extended File Format"): ICCP right after VP8X,
// EXIF and XMP after the image data, their flags set in VP8X, a simple file (a lone VP8 or VP8L
// chunk) turned into the extended layout first with its canvas size and alpha flag.
// INTERNAL when the bytes are not the encoder output they should be.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"

namespace pixelpipe::codec {

// png, jpeg and webp: the formats whose files can say their colour space and carry EXIF/XMP.
inline bool has_metadata_container(const std::string &format) { return format == "png" || format == "jpeg" || format == "webp"; }

// `chunks`: whole chunks (append_png_chunk of encoders/png.h).
Result<std::vector<uint8_t>> png_insert_chunks(const std::vector<uint8_t> &png, const std::vector<uint8_t> &chunks);

// A marker segment: 0xFF marker, big-endian length (2 + id + body), id (e.g. "Exif\0\0"), body.
// The caller keeps id + body within 65533 bytes.
void put_jpeg_segment(std::vector<uint8_t> &out, uint8_t marker, const std::string &id, const uint8_t *body, size_t size);
// `segments`: whole segments (put_jpeg_segment).
Result<std::vector<uint8_t>> jpeg_insert_segments(const std::vector<uint8_t> &jpg, const std::vector<uint8_t> &segments);

enum WebpFlag : uint8_t { kWebpIcc = 0x20, kWebpAlpha = 0x10, kWebpExif = 0x08, kWebpXmp = 0x04 };

// FourCC, little-endian size, body, and the pad byte an odd size needs.
void put_webp_chunk(std::vector<uint8_t> &out, const char fourcc[4], const std::vector<uint8_t> &body);
// `front`/`back`: whole chunks (put_webp_chunk) to insert after VP8X / append at the end;
// `flags` are ORed into VP8X.
Result<std::vector<uint8_t>> webp_add_chunks(const std::vector<uint8_t> &webp, int width, int height, uint8_t flags,
                                             const std::vector<uint8_t> &front, const std::vector<uint8_t> &back);

}  // namespace pixelpipe::codec
